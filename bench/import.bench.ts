/**
 * Import benchmark, one `npm run bench import`:
 *  1. in this process: a 100,000-row, 12-column supplier CSV parsed + validated, then turned into the write
 *     plan, 3 runs; time per phase and the peak RSS at the end of each phase of run 1 (later runs start on the
 *     garbage of earlier ones);
 *  2. the compiled CLI, `reversal-lab import <file> --kind suppliers`, on the same rows from a file, in its own
 *     process: start-up, each phase and the peak RSS after it (RLAB_CLI_TIMING); the target is judged on the
 *     time beyond start-up and the process's peak RSS;
 *  3. the CLI on 1,000,000 rows with --json (progress on stderr): time, peak RSS, progress lines.
 * Targets: 100,000 rows < 1.5 s and < 300 MB; 1,000,000 rows < 1 GB.
 * Run: npm run bench import
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCli, checkCompiledCli } from '../scripts/cliBuild.mjs';
import { planImportedTable } from '../src/app/plans/datasetPlan';
import { parseAndValidate } from '../src/data/parseAndValidate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = 100_000;
const BIG_ROWS = 1_000_000;
const TARGET_MS = 1500;
const TARGET_MB = 300;
const BIG_TARGET_MB = 1024;
const RUNS = 3;

const HEADER =
  'company,hq_country,company_type,attribute,value_num,value_unit,as_of,verification_status,source_publisher,source_title,source_url,source_date';
const ATTRIBUTES = ['global_revenue', 'china_revenue', 'china_rd_engineers', 'china_plants', 'china_rd_centres'];

// 12 of the 13 supplier columns (value_text left out), values shaped like the reference rows.
function supplierLine(i: number): string {
  const year = 2015 + (i % 10);
  return (
    `Supplier ${i % 5000} GmbH,Germany,Western Tier 1,${ATTRIBUTES[i % 5]}_${Math.floor(i / 5000)},${(i % 997) * 1.5},EUR bn,FY${year},` +
    `verified in source,"Publisher ${i % 50}, Inc.",Annual report ${year},https://example.com/report/${i},${year + 1}-0${1 + (i % 9)}-1${i % 10}`
  );
}

/** Writes the CSV in pieces (a million rows are never one string here either). */
function writeSupplierCsv(path: string, rows: number): number {
  const fd = openSync(path, 'w');
  writeSync(fd, HEADER);
  for (let start = 0; start < rows; start += 10_000) {
    const part: string[] = [];
    for (let i = start; i < Math.min(rows, start + 10_000); i++) part.push(supplierLine(i));
    writeSync(fd, '\n' + part.join('\n'));
  }
  closeSync(fd);
  return statSync(path).size;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

interface Phases {
  validateMs: number;
  validatePeakMb: number;
  planMs: number;
  planPeakMb: number;
  cpuMs: number;
}

async function inProcessRun(bytes: Uint8Array): Promise<Phases> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const validation = await parseAndValidate('suppliers', bytes, 'bench.csv', { today: '2026-11-28' });
  const validated = performance.now();
  const validatePeakMb = peakMb();
  const planned = planImportedTable({
    kind: 'suppliers',
    validation,
    source: { kind: 'file', name: 'bench.csv', sha256: '0'.repeat(64) },
    loadedAt: '2026-11-28T10:00:00Z',
  });
  const end = performance.now();
  if (!planned || validation.records.length !== ROWS || planned.plan.blocks[1].values.length !== ROWS + 1) {
    throw new Error(`bench input did not validate: ${validation.summary.errors} errors, first ${validation.issues[0]?.message}`);
  }
  const used = process.cpuUsage(cpu);
  return {
    validateMs: validated - start,
    validatePeakMb,
    planMs: end - validated,
    planPeakMb: peakMb(),
    cpuMs: (used.user + used.system) / 1000,
  };
}

interface CliRun {
  /** Spawn to exit, seen from here (includes process creation and teardown). */
  wallMs: number;
  /** Process start to the end of the command, by the child's clock. */
  exitMs: number;
  cpuMs: number;
  startupMs: number;
  phases: { phase: string; ms: number; cpuMs: number; peakMb: number }[];
  peakMb: number;
  progressLines: number;
  stdout: string;
}

function runCli(args: string[], cwd: string): CliRun {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'reversal-lab.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RLAB_CLI_TIMING: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`reversal-lab ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const startup = /reversal-lab timing: import loaded ([\d.]+) ms after start/.exec(r.stderr);
  const exit = /reversal-lab timing: exit after (\d+) ms \(cpu (\d+) ms\), peak RSS (\d+) MB/.exec(r.stderr);
  const phases = [...r.stderr.matchAll(/reversal-lab timing: import (.+?) (\d+) ms \(cpu (\d+) ms\), peak RSS so far (\d+) MB/g)].map(
    (m) => ({
      phase: m[1],
      ms: Number(m[2]),
      cpuMs: Number(m[3]),
      peakMb: Number(m[4]),
    }),
  );
  return {
    wallMs,
    exitMs: exit ? Number(exit[1]) : NaN,
    cpuMs: exit ? Number(exit[2]) : NaN,
    startupMs: startup ? Number(startup[1]) : NaN,
    phases,
    peakMb: exit ? Number(exit[3]) : NaN,
    progressLines: r.stderr.split('\n').filter((l) => l.startsWith('reading ')).length,
    stdout: r.stdout,
  };
}

const phaseText = (run: CliRun) => run.phases.map((p) => `${p.phase} ${p.ms} ms (cpu ${p.cpuMs} ms, peak ${p.peakMb} MB)`).join(', ');

export default async function runImportBench(): Promise<string[]> {
  const lines: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rlab-import-bench-'));
  try {
    const small = join(dir, 'suppliers-100k.csv');
    const smallBytes = writeSupplierCsv(small, ROWS);

    // 1. In-process phases.
    const bytes = new Uint8Array(readFileSync(small));
    const baseline = process.memoryUsage().rss / 1024 / 1024;
    const runs: Phases[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await inProcessRun(bytes));
    const totals = runs.map((r) => r.validateMs + r.planMs).sort((a, b) => a - b);
    const first = runs[0];
    lines.push(
      `import ${ROWS.toLocaleString('en-US')} rows x 12 columns (${mb(smallBytes).toFixed(1)} MB supplier CSV)`,
      `  in-process, run 1 of ${RUNS} by phase (rss ${baseline.toFixed(0)} MB with the file read):`,
      `    parse + validate  ${first.validateMs.toFixed(0).padStart(5)} ms   peak RSS ${first.validatePeakMb.toFixed(0)} MB`,
      `    write plan        ${first.planMs.toFixed(0).padStart(5)} ms   peak RSS ${first.planPeakMb.toFixed(0)} MB`,
      `    total             ${(first.validateMs + first.planMs).toFixed(0).padStart(5)} ms   (median of ${RUNS}: ${totals[Math.floor(RUNS / 2)].toFixed(0)} ms; cpu of run 1 ${first.cpuMs.toFixed(0)} ms)`,
    );

    // 2. The CLI on the same file.
    if (!checkCompiledCli().ok) {
      await buildCli();
      lines.push('  (dist-cli was stale or missing: rebuilt)');
    }
    const cli = runCli(['import', small, '--kind', 'suppliers', '--today', '2026-11-28'], dir);
    if (!cli.stdout.includes(`${ROWS} rows read, ${ROWS} valid`)) throw new Error(`CLI import did not validate: ${cli.stdout}`);
    const beyond = cli.exitMs - cli.startupMs;
    lines.push(
      `  CLI reversal-lab import (compiled, own process): start-up ${cli.startupMs.toFixed(0)} ms; ${phaseText(cli)}`,
      `    beyond start-up ${beyond.toFixed(0)} ms (target < ${TARGET_MS} ms) ${verdict(beyond < TARGET_MS)}; peak RSS ${cli.peakMb} MB (target < ${TARGET_MB} MB) ${verdict(cli.peakMb < TARGET_MB)}`,
      `    (whole call ${cli.wallMs.toFixed(0)} ms from spawn to exit; process cpu ${cli.cpuMs} ms; load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
    );
    rmSync(small);

    // 3. A million rows through the CLI, with --json.
    const big = join(dir, 'suppliers-1m.csv');
    const bigBytes = writeSupplierCsv(big, BIG_ROWS);
    const bigRun = runCli(['import', big, '--kind', 'suppliers', '--today', '2026-11-28', '--json', join(dir, 'suppliers-1m.json')], dir);
    if (!bigRun.stdout.includes(`${BIG_ROWS} rows read, ${BIG_ROWS} valid`))
      throw new Error(`CLI 1M import did not validate: ${bigRun.stdout}`);
    lines.push(
      `import ${BIG_ROWS.toLocaleString('en-US')} rows (${mb(bigBytes).toFixed(0)} MB CSV) with the CLI, --json (${mb(statSync(join(dir, 'suppliers-1m.json')).size).toFixed(0)} MB written):`,
      `    ${phaseText(bigRun)}`,
      `    whole call ${(bigRun.wallMs / 1000).toFixed(1)} s (cpu ${(bigRun.cpuMs / 1000).toFixed(1)} s), ${bigRun.progressLines} progress lines; peak RSS ${bigRun.peakMb} MB (target < ${BIG_TARGET_MB} MB) ${verdict(bigRun.peakMb < BIG_TARGET_MB)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runImportBench().then((lines) => console.log(lines.join('\n')));
}
