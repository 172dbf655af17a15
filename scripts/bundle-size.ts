/**
 * Prints the size of every file the build emitted (raw and gzip) and the totals, marking the scripts
 * taskpane.html loads up front, so a change in what the pane downloads at start-up shows in review.
 * Source maps and the build's own report (stats-modules.json) are listed apart: they are not downloaded by users.
 *
 *   npm run build && npx tsx scripts/bundle-size.ts [distDir]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface AssetSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  /** Loaded by taskpane.html before the pane can start (vs. loaded on demand or not at all). */
  initial: boolean;
  /** Source map or build report: never downloaded by the pane. */
  auxiliary: boolean;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

/** Script files named by <script src> in taskpane.html (absolute URLs such as the Office CDN are skipped). */
export function initialScripts(html: string): Set<string> {
  const names = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)) {
    if (!/^(https?:)?\/\//i.test(match[1]) && !match[1].startsWith('/')) names.add(match[1]);
  }
  return names;
}

export function measureDist(distDir: string): AssetSize[] {
  const htmlFile = join(distDir, 'taskpane.html');
  const initial = existsSync(htmlFile) ? initialScripts(readFileSync(htmlFile, 'utf8')) : new Set<string>();
  return listFiles(distDir)
    .map((full) => {
      const file = relative(distDir, full).split('\\').join('/');
      const bytes = readFileSync(full);
      return {
        file,
        rawBytes: bytes.length,
        gzipBytes: gzipSync(bytes, { level: 9 }).length,
        initial: initial.has(file) || file === 'taskpane.html',
        auxiliary: file.endsWith('.map') || file === 'stats-modules.json',
      };
    })
    .sort((a, b) => Number(a.auxiliary) - Number(b.auxiliary) || b.rawBytes - a.rawBytes);
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** Budget for the JavaScript the pane loads before it can start (gzip): charts, mathjs, papaparse, exceljs load on demand. */
export const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

/** Gzipped bytes of the scripts taskpane.html loads up front (office.js from the CDN not included). */
export function initialJsGzip(sizes: AssetSize[]): number {
  return sizes.filter((s) => s.initial && !s.auxiliary && s.file.endsWith('.js')).reduce((t, s) => t + s.gzipBytes, 0);
}

export function formatSizes(sizes: AssetSize[]): string {
  const rows = sizes.filter((s) => !s.auxiliary);
  const width = Math.max(4, ...rows.map((s) => s.file.length));
  const lines = [`${'file'.padEnd(width)}  ${'raw'.padStart(11)}  ${'gzip'.padStart(11)}  load`];
  for (const s of rows)
    lines.push(
      `${s.file.padEnd(width)}  ${kib(s.rawBytes).padStart(11)}  ${kib(s.gzipBytes).padStart(11)}  ${s.initial ? 'initial' : 'on demand'}`,
    );
  const sum = (list: AssetSize[], key: 'rawBytes' | 'gzipBytes') => list.reduce((total, s) => total + s[key], 0);
  const initial = rows.filter((s) => s.initial);
  const aux = sizes.filter((s) => s.auxiliary);
  lines.push(
    `${'TOTAL shipped'.padEnd(width)}  ${kib(sum(rows, 'rawBytes')).padStart(11)}  ${kib(sum(rows, 'gzipBytes')).padStart(11)}  ${rows.length} files`,
  );
  lines.push(
    `${'initial load'.padEnd(width)}  ${kib(sum(initial, 'rawBytes')).padStart(11)}  ${kib(sum(initial, 'gzipBytes')).padStart(11)}  ${initial.length} files (+ office.js)`,
  );
  const js = initialJsGzip(sizes);
  lines.push(
    `${'initial JavaScript'.padEnd(width)}  ${''.padStart(11)}  ${kib(js).padStart(11)}  budget ${kib(INITIAL_JS_BUDGET_BYTES)} (${js <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER'})`,
  );
  lines.push(
    `${'maps + report'.padEnd(width)}  ${kib(sum(aux, 'rawBytes')).padStart(11)}  ${kib(sum(aux, 'gzipBytes')).padStart(11)}  ${aux.length} files (not downloaded)`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const distDir = resolve(process.argv[2] ?? join(projectRoot, 'dist'));
  if (!existsSync(distDir)) {
    console.error(`${distDir} does not exist: run "npm run build" first`);
    process.exitCode = 1;
  } else {
    console.log(formatSizes(measureDist(distDir)));
  }
}
