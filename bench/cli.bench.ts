/**
 * CLI start-up: wall time of `reversal-lab --help` (process start to exit, as a person sees it) and, per
 * command, the time from process start until the command's code is loaded and runs (RLAB_CLI_TIMING, printed
 * by the compiled command list), plus the wall time of the whole small call. Target: < 300 ms each.
 * The compiled CLI (dist-cli) is rebuilt first when stale. Once, for comparison: the former start through tsx.
 * Run: npm run bench cli
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli, checkCompiledCli } from '../scripts/cliBuild.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const launcher = join(root, 'bin', 'reversal-lab.mjs');
const reference = (f: string) => join(root, 'src', 'data', 'reference', f);
const TARGET_MS = 300;
const RUNS = 7;

interface Timed {
  wallMs: number;
  loadedMs: number | null;
}

function runOnce(args: string[]): Timed {
  const started = performance.now();
  const r = spawnSync(process.execPath, [launcher, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RLAB_CLI_TIMING: '1' },
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`reversal-lab ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /reversal-lab timing: \S+ loaded ([\d.]+) ms after start/.exec(r.stderr);
  return { wallMs, loadedMs: m ? Number(m[1]) : null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(args: string[]): { wall: number; loaded: number | null } {
  runOnce(args); // warm the file system cache
  const runs = Array.from({ length: RUNS }, () => runOnce(args));
  const loaded = runs.map((r) => r.loadedMs).filter((x): x is number => x !== null);
  return { wall: median(runs.map((r) => r.wallMs)), loaded: loaded.length === runs.length ? median(loaded) : null };
}

const verdict = (ms: number | null) => (ms === null ? 'n/a' : ms < TARGET_MS ? 'MET' : 'NOT MET');

export default async function runCliBench(): Promise<string[]> {
  const lines: string[] = [];
  const check = checkCompiledCli();
  if (!check.ok) {
    const started = performance.now();
    await buildCli();
    lines.push(`  (dist-cli was stale or missing: rebuilt in ${(performance.now() - started).toFixed(0)} ms)`);
  }
  const cases: [string, string[]][] = [
    ['presets', ['presets']],
    ['import (43-row CSV)', ['import', reference('tariffs.csv'), '--kind', 'tariffs', '--today', '2026-11-28']],
    ['calibrate', ['calibrate', '--history', reference('nev_sales_by_region.csv')]],
    ['simulate (100 trials)', ['simulate', '--iterations', '100', '--seed', '1']],
  ];
  const help = measure(['--help']);
  lines.unshift(
    `CLI start-up (compiled, node ${process.version}), median of ${RUNS} runs; target < ${TARGET_MS} ms (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
    `  --help                  wall ${help.wall.toFixed(0).padStart(4)} ms                              ${verdict(help.wall)}`,
  );
  for (const [label, args] of cases) {
    const m = measure(args);
    lines.push(
      `  ${label.padEnd(22)}  command loaded ${m.loaded === null ? ' n/a' : m.loaded.toFixed(0).padStart(4)} ms after start (whole call ${m.wall.toFixed(0).padStart(4)} ms)  ${verdict(m.loaded)}`,
    );
  }
  // The former way (tsx compiling the TypeScript at every call), once, for comparison.
  const started = performance.now();
  const tsx = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli', 'node.ts'), '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  const tsxMs = performance.now() - started;
  lines.push(
    `  before (tsx, --help)    wall ${tsxMs.toFixed(0)} ms${tsx.status === 0 ? '' : ` (exit ${tsx.status})`}; now ${(tsxMs / help.wall).toFixed(0)}x faster`,
  );
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCliBench().then((lines) => console.log(lines.join('\n')));
}
