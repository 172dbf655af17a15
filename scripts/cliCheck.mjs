/**
 * Is the compiled CLI in dist-cli/ current? Compares the SHA-1 of every source recorded in
 * dist-cli/build-info.json (written by scripts/cliBuild.mjs) with the files as they are now. Kept apart from
 * the build so bin/reversal-lab.mjs loads only this at start (about 10 ms for the check).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'dist-cli');
export const ENTRY = 'src/cli/node.ts';
export const MAIN_FILE = 'reversal-lab.mjs';
export const BUILD_INFO_FILE = 'build-info.json';
export const BUILD_INFO_FORMAT = 'reversal-lab/cli-build@1';
/** Hashed with the sources: a dependency update (npm install) changes what is bundled. */
export const LOCK_FILE = 'package-lock.json';

const toPosix = (p) => p.split(sep).join('/');
export const sha1 = (data) => createHash('sha1').update(data).digest('hex');

/** SHA-1 of each file (paths relative to root, posix), null for a file that is gone. */
export function hashFiles(root, files) {
  const out = {};
  for (const file of files) {
    try {
      out[file] = sha1(readFileSync(join(root, file)));
    } catch {
      out[file] = null;
    }
  }
  return out;
}

/** A directory as messages show it: relative to the working directory when it lies inside it. */
export function shown(dir) {
  const rel = toPosix(relative(process.cwd(), dir));
  return rel && !rel.startsWith('..') ? rel : toPosix(dir);
}

function rebuildHint(root) {
  const here = resolve(process.cwd()) === root ? '' : ` in ${root}`;
  return `Run "npm run build:cli"${here} (npm install, npm run build and npm test also rebuild it).`;
}

/**
 * Checks that the compiled CLI in outDir was built from the sources as they are now. Returns
 * { ok: true, mainUrl } or { ok: false, message } with a message naming what changed.
 */
export function checkCompiledCli(outDir = DEFAULT_OUT_DIR, root = ROOT) {
  outDir = resolve(outDir);
  root = resolve(root);
  const where = shown(outDir);
  const REBUILD_HINT = rebuildHint(root);
  let info;
  try {
    info = JSON.parse(readFileSync(join(outDir, BUILD_INFO_FILE), 'utf8'));
  } catch {
    return { ok: false, message: `reversal-lab: the compiled CLI is missing (no ${where}/${BUILD_INFO_FILE}). ${REBUILD_HINT}` };
  }
  if (info.format !== BUILD_INFO_FORMAT || !info.sources || !info.main) {
    return { ok: false, message: `reversal-lab: ${where}/${BUILD_INFO_FILE} is not a build record of this version. ${REBUILD_HINT}` };
  }
  const now = hashFiles(root, Object.keys(info.sources));
  const changed = Object.keys(info.sources).filter((f) => now[f] !== info.sources[f]);
  const lock = existsSync(join(root, LOCK_FILE)) ? sha1(readFileSync(join(root, LOCK_FILE))) : null;
  if (info.lockFile !== undefined && lock !== info.lockFile) changed.push(`${LOCK_FILE} (dependencies)`);
  if (changed.length > 0) {
    const named = changed.slice(0, 5).map((f) => (now[f] === null ? `${f} (deleted)` : f));
    const more = changed.length > 5 ? ` and ${changed.length - 5} more` : '';
    return {
      ok: false,
      changed,
      message: `reversal-lab: the compiled CLI in ${where}/ is out of date: ${named.join(', ')}${more} changed since it was built. ${REBUILD_HINT}`,
    };
  }
  const main = join(outDir, info.main);
  if (!existsSync(main)) return { ok: false, message: `reversal-lab: ${where}/${info.main} is missing. ${REBUILD_HINT}` };
  return { ok: true, mainUrl: pathToFileURL(main).href, info };
}
