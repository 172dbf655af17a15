/**
 * The compiled CLI: esbuild bundles src/cli/node.ts (and through src/cli/commands/index.ts every command it
 * lists) into dist-cli/, so `reversal-lab` starts without compiling TypeScript. Plain JavaScript on purpose:
 * it runs at `npm install` (prepare), before any TypeScript tooling.
 *
 * Start-up: the commands of index.ts are run once at build time to learn their name, summary and usage; the
 * bundle's command list carries those and loads a command's code (and so mathjs, exceljs) only when it runs.
 * Sources that start a worker with `new URL('./x.worker.ts', import.meta.url)` get it compiled as an entry of
 * its own; any other `import.meta.url` keeps meaning the source file, so files read next to the sources
 * (src/data/reference/*.csv) are found from the bundle.
 *
 * dist-cli/build-info.json records the SHA-1 of every source in the bundle (and of package-lock.json);
 * bin/reversal-lab.mjs checks them at start (scripts/cliCheck.mjs) and refuses a stale build, naming the files.
 *
 *   node scripts/cliBuild.mjs [--out <dir>] [--if-stale]   (npm run build:cli; also run by prepare, build and test)
 *
 * --if-stale (npm test) keeps a build that is current: built from the sources and lock file as they are now, by
 * this build script as it is now (npm install's prepare has usually just built it).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BUILD_INFO_FILE,
  BUILD_INFO_FORMAT,
  checkCompiledCli,
  DEFAULT_OUT_DIR,
  ENTRY,
  hashFiles,
  LOCK_FILE,
  MAIN_FILE,
  ROOT,
  sha1,
  shown,
} from './cliCheck.mjs';

export { BUILD_INFO_FILE, BUILD_INFO_FORMAT, checkCompiledCli, DEFAULT_OUT_DIR, ENTRY, MAIN_FILE, ROOT } from './cliCheck.mjs';

const toPosix = (p) => p.split(sep).join('/');

/** The build scripts: a build older than either may not be what they make now (source hashes do not cover them). */
const BUILD_SCRIPTS = ['scripts/cliBuild.mjs', 'scripts/cliCheck.mjs'];

/**
 * outDir's build info when it was built from the current sources and lock file (checkCompiledCli) by the current
 * build scripts (not older than either); otherwise null.
 */
export function currentBuild(outDir = DEFAULT_OUT_DIR, root = ROOT) {
  const check = checkCompiledCli(outDir, root);
  if (!check.ok) return null;
  const builtAt = statSync(join(outDir, BUILD_INFO_FILE)).mtimeMs;
  return BUILD_SCRIPTS.every((f) => statSync(join(root, f)).mtimeMs <= builtAt) ? check.info : null;
}

// `new URL('./x.worker.ts', import.meta.url)`: a module started as a worker; compiled as an entry of its own.
const WORKER_URL_RE = /new URL\(\s*(['"`])(\.{1,2}\/[^'"`]+?\.m?tsx?)\1\s*,\s*import\.meta\.url\s*\)/g;

function workerOutputName(file, taken) {
  let name = `worker-${basename(file).replace(/\.m?tsx?$/, '')}`;
  for (let n = 2; taken.has(name); n++) name = `worker-${basename(file).replace(/\.m?tsx?$/, '')}-${n}`;
  taken.add(name);
  return name;
}

/** Stands for the bundle's own import.meta.url while the source's are rewritten. */
const BUNDLE_URL = '__rlab_bundle_url__';

/**
 * esbuild plugin for the project's own sources (not node_modules):
 *  - a `new URL('./x.ts', import.meta.url)` (a worker) points at the compiled worker entry instead;
 *  - any other `import.meta.url` keeps meaning the source file's URL, so files read next to the sources
 *    (simulate reads src/data/reference/*.csv) are found from the bundle; every output lies flat in outDir.
 */
function sourceUrlPlugin(root, outDir, workers) {
  return {
    name: 'reversal-lab-source-url',
    setup(build) {
      build.onLoad({ filter: /\.m?tsx?$/ }, (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
        let text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        text = text.replace(WORKER_URL_RE, (_m, _q, spec) => {
          const target = resolve(dirname(args.path), spec);
          const rel = toPosix(relative(root, target));
          if (!workers.has(rel)) workers.set(rel, null); // compiled on the next pass
          const name = workers.get(rel);
          return `new URL(${JSON.stringify(`./${name ?? 'pending'}.mjs`)}, ${BUNDLE_URL})`;
        });
        const fromOut = toPosix(relative(outDir, args.path));
        text = text.split('import.meta.url').join(`new URL(${JSON.stringify(fromOut)}, import.meta.url).href`);
        text = text.split(BUNDLE_URL).join('import.meta.url');
        return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
      });
    },
  };
}

const BANNER = "import { createRequire as __rlabCreateRequire } from 'node:module';\nconst require = __rlabCreateRequire(import.meta.url);";

function esbuildOptions(root, outDir, workers, extra) {
  return {
    absWorkingDir: root,
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS packages (exceljs, papaparse) call require() for Node built-ins.
    banner: { js: BANNER },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'silent',
    ...extra,
    plugins: [...(extra.plugins ?? []), sourceUrlPlugin(root, outDir, workers)],
  };
}

const COMMANDS_INDEX = 'src/cli/commands/index.ts';
const COMMANDS_NS = 'reversal-lab-lazy-commands';

/**
 * What src/cli/commands/index.ts lists, learnt by running it once at build time: per command its data
 * fields (name, summary, usage, ...) and the module and export it comes from. Null (with a reason) when a
 * command is not an export of a module that index.ts imports; the build then keeps index.ts as it is.
 */
async function probeCommands(esbuild, root, tmpDir, workers) {
  const indexPath = join(root, COMMANDS_INDEX);
  // The modules index.ts imports (relative specifiers), resolved by esbuild exactly as index.ts resolves them.
  const specs = [...new Set([...readFileSync(indexPath, 'utf8').matchAll(/\bfrom\s+(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]))];
  const lines = [`import { commands } from './index';`];
  specs.forEach((spec, i) => lines.push(`import * as m${i} from ${JSON.stringify(spec)};`));
  lines.push(`const modules = [${specs.map((spec, i) => `[${JSON.stringify(spec)}, m${i}]`).join(', ')}];`);
  lines.push(`const out = commands.map((c) => {
  let from = null;
  for (const [spec, mod] of modules) for (const [name, value] of Object.entries(mod)) if (!from && value === c) from = { spec, exportName: name };
  const data = {}, functions = [];
  for (const [k, v] of Object.entries(c)) typeof v === 'function' ? functions.push(k) : (data[k] = v);
  return { data, functions, from };
});
process.stdout.write(JSON.stringify(out));`);
  const probe = await esbuild.build(
    esbuildOptions(root, tmpDir, workers, {
      stdin: { contents: lines.join('\n'), resolveDir: dirname(indexPath), sourcefile: 'probe-commands.ts', loader: 'ts' },
      outdir: undefined,
      outfile: join(tmpDir, 'probe.mjs'),
      write: true,
    }),
  );
  const { execFileSync } = await import('node:child_process');
  const listed = JSON.parse(execFileSync(process.execPath, [join(tmpDir, 'probe.mjs')], { encoding: 'utf8', cwd: root }));
  const inputs = Object.keys(probe.metafile.inputs);
  const resolved = new Map((probe.metafile.inputs[COMMANDS_INDEX]?.imports ?? []).map((i) => [i.original, i.path]));
  for (const c of listed) if (c.from) c.from.path = resolved.get(c.from.spec) ?? c.from.spec;
  const missing = listed.find((c) => !c.from);
  if (missing)
    return { commands: null, reason: `command "${missing.data.name}" is not an export of a module that ${COMMANDS_INDEX} imports`, inputs };
  return { commands: listed, inputs };
}

/** The generated stand-in for src/cli/commands/index.ts: each command's data, its code loaded when it runs. */
function lazyCommandsModule(root, commands) {
  const entries = commands.map((c) => {
    const load = `() => import(${JSON.stringify(c.from.spec)}).then((m) => (ready(${JSON.stringify(c.data.name)}), m[${JSON.stringify(c.from.exportName)}]))`;
    const fns = c.functions.map(
      (f) => `${JSON.stringify(f)}: async (...args) => (await load${commands.indexOf(c)}())[${JSON.stringify(f)}](...args)`,
    );
    return { load, text: `{ ...${JSON.stringify(c.data)}, ${fns.join(', ')} }` };
  });
  return [
    '// Generated by scripts/cliBuild.mjs from src/cli/commands/index.ts: commands load when they run.',
    "// RLAB_CLI_TIMING=1 prints when a command's code is loaded, in ms since the process started (npm run bench).",
    'const ready = (name) => { if (process.env.RLAB_CLI_TIMING) process.stderr.write(`reversal-lab timing: ${name} loaded ${performance.now().toFixed(1)} ms after start\\n`); };',
    ...entries.map((e, i) => `const load${i} = ${e.load};`),
    `export const commands = [\n${entries.map((e) => `  ${e.text}`).join(',\n')}\n];`,
  ].join('\n');
}

function lazyCommandsPlugin(root, commands) {
  const indexPath = join(root, COMMANDS_INDEX);
  return {
    name: 'reversal-lab-lazy-commands',
    setup(build) {
      build.onResolve({ filter: /commands[\\/]index(\.ts)?$/ }, (args) => {
        if (args.importer !== join(root, 'src', 'cli', 'main.ts')) return undefined;
        return resolve(args.resolveDir, args.path.endsWith('.ts') ? args.path : `${args.path}.ts`) === indexPath
          ? { path: indexPath, namespace: COMMANDS_NS }
          : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: COMMANDS_NS }, () => ({
        contents: lazyCommandsModule(root, commands),
        loader: 'js',
        resolveDir: dirname(indexPath),
      }));
    },
  };
}

/** Bundles the CLI into outDir (replacing it) and writes build-info.json; returns the build info. */
export async function buildCli({ outDir = DEFAULT_OUT_DIR, root = ROOT, lazyCommands = true } = {}) {
  const esbuild = await import('esbuild');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  outDir = resolve(outDir);
  const tmpDir = mkdtempSync(join(tmpdir(), 'rlab-cli-build-'));
  try {
    /** Worker source (relative to root) -> output name; null until it is an entry point. */
    const workers = new Map();
    const probe = lazyCommands
      ? await probeCommands(esbuild, root, tmpDir, workers)
      : { commands: null, reason: 'lazyCommands: false', inputs: [] };
    const taken = new Set();
    let result;
    // A pass finds the workers the sources start; another pass compiles them as entries (a fixed point).
    for (let pass = 0; pass < 5; pass++) {
      for (const [file, name] of workers) if (name === null) workers.set(file, workerOutputName(file, taken));
      const entryPoints = [{ in: join(root, ENTRY), out: MAIN_FILE.replace(/\.mjs$/, '') }];
      for (const [file, name] of workers) entryPoints.push({ in: join(root, file), out: name });
      const known = workers.size;
      result = await esbuild.build(
        esbuildOptions(root, outDir, workers, {
          entryPoints,
          splitting: true,
          entryNames: '[name]',
          chunkNames: 'chunk-[hash]',
          plugins: probe.commands ? [lazyCommandsPlugin(root, probe.commands)] : [],
        }),
      );
      if (workers.size === known && [...workers.values()].every((n) => n !== null)) break;
    }
    const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...probe.inputs])]
      .filter((f) => !f.includes('node_modules/') && !f.includes(':') && !f.startsWith('<') && existsSync(join(root, f)))
      .map((f) => toPosix(f))
      .sort();
    const info = {
      format: BUILD_INFO_FORMAT,
      entry: ENTRY,
      main: MAIN_FILE,
      commands: probe.commands
        ? probe.commands.map((c) => `${c.data.name}: ${c.from.path}#${c.from.exportName}`)
        : `all loaded at start (${probe.reason})`,
      workers: Object.fromEntries([...workers].map(([file, name]) => [file, `${name}.mjs`])),
      esbuild: esbuild.version,
      sources: hashFiles(root, inputs),
      lockFile: existsSync(join(root, LOCK_FILE)) ? sha1(readFileSync(join(root, LOCK_FILE))) : null,
    };
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    for (const file of result.outputFiles) {
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
    }
    writeFileSync(join(outDir, 'package.json'), '{ "type": "module" }\n');
    // Written last: an interrupted build leaves no build-info.json, which the start-up check reports.
    writeFileSync(join(outDir, BUILD_INFO_FILE), JSON.stringify(info, null, 1) + '\n');
    return {
      outDir,
      info,
      warning: probe.commands ? null : probe.reason,
      files: result.outputFiles.map((f) => toPosix(relative(outDir, f.path))),
    };
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Every file under dir (posix, relative): for reports and tests. */
export function listOutput(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      if (name.isDirectory()) walk(join(d, name.name));
      else out.push(toPosix(relative(dir, join(d, name.name))));
    }
  };
  walk(dir);
  return out.sort();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const outDir = i > 0 ? resolve(process.argv[i + 1]) : DEFAULT_OUT_DIR;
  if (process.argv.includes('--if-stale') && currentBuild(outDir)) {
    process.stdout.write(`reversal-lab CLI in ${shown(outDir)}/ is current (sources, lock file and build script unchanged): kept\n`);
    process.exit(0);
  }
  const started = performance.now();
  const { info, files, warning } = await buildCli({ outDir });
  if (warning) process.stderr.write(`reversal-lab CLI build: every command loads at start-up because ${warning}\n`);
  const bytes = files.reduce((n, f) => n + readFileSync(join(outDir, f)).length, 0);
  process.stdout.write(
    `reversal-lab CLI compiled to ${shown(outDir)}/${info.main}: ` +
      `${Object.keys(info.sources).length} sources, ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ` +
      `${(performance.now() - started).toFixed(0)} ms (esbuild ${info.esbuild})\n`,
  );
}
