/**
 * Model and simulation benchmark, issue #11 "Performance at scale" (npm run bench; npx tsx bench/run.ts model).
 * Every phase of bench/phases.ts runs in a process of its own, so the peak RSS printed with it is its own;
 * wall and CPU time (user + system, all threads) are reported for each, best and median of the repeats.
 * Ratios are measured in the same phase (kernel vs fused, 1 thread vs N, exact vs streaming). The CLI's
 * start-up is measured by spawning it; the run "beyond start-up" is the simulate command's own time.
 *
 * Table of targets: every row with its target and MET / NOT MET.
 */
import { spawn } from 'node:child_process';
import { cpus, availableParallelism, loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCompiledCli } from './compiledCli';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

interface Timing {
  wallMs: number;
  cpuMs: number;
}
interface Rep {
  best: Timing;
  median: Timing;
}
interface PhaseOut<T> {
  result: T;
  startRssMb: number;
  peakRssMb: number;
  wallS: number;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, wallMs: performance.now() - start }));
  });
}

async function phase<T>(name: string): Promise<PhaseOut<T>> {
  const r = await run(['--expose-gc', '--import', 'tsx', join(here, 'phaseChild.ts'), name]);
  if (r.code !== 0) throw new Error(`phase ${name} failed (exit ${r.code}):\n${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as Omit<PhaseOut<T>, 'wallS'>), wallS: r.wallMs / 1000 };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const perS = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
const rep = (r: Rep) =>
  `${f0(r.best.cpuMs)} ms CPU / ${f0(r.best.wallMs)} ms wall best, ${f0(r.median.cpuMs)} / ${f0(r.median.wallMs)} median`;
const mem = (p: PhaseOut<unknown>) => `peak RSS ${f0(p.peakRssMb)} MB (${f0(p.startRssMb)} MB with the code loaded)`;
const status = (ok: boolean) => (ok ? 'MET' : 'NOT MET');

export default async function modelBench(): Promise<string[]> {
  const lines: string[] = [];
  const load0 = loadavg();
  lines.push(
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores available, Node ${process.version}; load average ${load0.map(f2).join(' ')} at start (shared VM: timings vary 20-50 % between runs)`,
    '',
  );

  type Summary = {
    autoMode: string;
    kernel: Rep;
    auto: Rep;
    streaming: Rep;
    streamingRatio: number;
    inputs: number;
    accuracy: { measuredPp: number; certifiedPp: number };
  };
  const s = await phase<Summary>('summary');
  const S = s.result;
  lines.push(
    `1. Monte Carlo, 10,000 LHS trials, three models, ${S.inputs} uncertain inputs, 10 summary outputs x 26 years, one thread, 9 interleaved rounds (${mem(s)}):`,
    `   default (auto = ${S.autoMode}, every sample kept): ${rep(S.auto)} -> ${perS(10_000, S.auto.best.cpuMs)} trials/s per core`,
    `   streaming statistics:               ${rep(S.streaming)} -> ${perS(10_000, S.streaming.best.cpuMs)} trials/s per core`,
    `   model.evaluate alone (10,000 calls): ${rep(S.kernel)} = ${f2((1000 * S.kernel.best.cpuMs) / 10_000)} us per evaluation`,
    `   streaming / exact CPU: ${f2(S.streamingRatio)} (median of 9 interleaved pairs); streaming percentiles within ${f2(S.accuracy.measuredPp)} percentile points of the exact ones on these trials (certified bound ${f2(S.accuracy.certifiedPp)})`,
  );

  type All = { outputs: number; mode: string; targets: number; auto: Rep; noCorrelations: Rep };
  const a = await phase<All>('all');
  const ae = await phase<{ t: Timing }>('allExact');
  lines.push(
    `2. Same, all ${a.result.outputs} outputs kept (auto = ${a.result.mode}; ${mem(a)}):`,
    `   with rank correlations of every output's last year (${a.result.targets} x ${S.inputs} inputs): ${rep(a.result.auto)} -> ${perS(10_000, a.result.auto.best.cpuMs)} trials/s per core`,
    `   without rank correlations: ${rep(a.result.noCorrelations)} -> ${perS(10_000, a.result.noCorrelations.best.cpuMs)} trials/s per core`,
    `   every sample kept (exact, the simulator before streaming statistics): ${f0(ae.result.t.cpuMs)} ms CPU / ${f0(ae.result.t.wallMs)} ms wall, ${mem(ae)}`,
  );

  type Fused = { fused: Rep; exact: Rep; streaming: Rep; exactRatio: number; streamingRatio: number; p50Diff: number };
  const fz = await phase<Fused>('fused');
  const F = fz.result;
  // The median of the per-round ratios of interleaved runs: both sides met the same load in each round.
  const fusedRatio = F.exactRatio;
  lines.push(
    `3. Hand-fused NEV kernel (bench/fusedNev.ts, trials innermost, sampling and percentiles included), 10,000 trials: ${rep(F.fused)}`,
    `   simulator on the same NEV equations as a CompiledModel, every sample kept: ${rep(F.exact)} (ratio ${f2(fusedRatio)}x, median of 9 interleaved rounds; best/best ${f2(F.exact.best.cpuMs / F.fused.best.cpuMs)}x)`,
    `   the same, streaming statistics: ${rep(F.streaming)} (ratio ${f2(F.streamingRatio)}x); P50 China 2040 fused vs simulator |diff| ${F.p50Diff.toExponential(1)}`,
  );

  type Threads = { threads: number; one: Rep; cold: Timing; warm: Rep; same: boolean };
  const th = await phase<Threads>('threads');
  const T = th.result;
  const speedup = T.one.best.wallMs / T.warm.best.wallMs;
  const cores = T.warm.best.cpuMs / T.warm.best.wallMs;
  // Per-core efficiency: trials per CPU-second on N threads against one thread (1 = perfectly linear).
  const efficiency = T.one.best.cpuMs / T.warm.best.cpuMs;
  lines.push(
    `4. 100,000 LHS trials, summary outputs (streaming): 1 thread ${rep(T.one)} (${perS(100_000, T.one.best.cpuMs)} trials/s per core)`,
    `   ${T.threads} threads (this one + ${T.threads - 1} worker${T.threads > 2 ? 's' : ''}), warm workers: ${rep(T.warm)}; cold (worker start-up through tsx included): ${f0(T.cold.cpuMs)} ms CPU / ${f0(T.cold.wallMs)} ms wall`,
    `   wall speed-up ${f2(speedup)}x with ${f2(cores)} cores' worth of CPU obtained from the OS; per-core efficiency ${f2(efficiency)} (trials per CPU-second on ${T.threads} threads / on 1); same statistics: ${T.same}; ${mem(th)}`,
  );

  // The CLI: through tsx (bin/reversal-lab.mjs) and compiled by esbuild as it ships (bench/compiledCli.ts).
  const help = await run(['bin/reversal-lab.mjs', '--help']);
  const dir = mkdtempSync(join(tmpdir(), 'rlab-bench-'));
  const e2e = await run(['bin/reversal-lab.mjs', 'simulate', '--iterations', '100000', '--json', join(dir, 'o.json')]);
  const built = await buildCompiledCli(root, join(dir, 'cli'));
  let compiled: { help: number; one: number; many: number; same: boolean } | string;
  if ('main' in built) {
    const h = await run([built.main, '--help']);
    const one = await run([built.main, 'simulate', '--iterations', '100000', '--threads', '1', '--json', join(dir, 'c1.json')]);
    const many = await run([built.main, 'simulate', '--iterations', '100000', '--json', join(dir, 'cn.json')]);
    const same = (await readFile(join(dir, 'c1.json'), 'utf8')) === (await readFile(join(dir, 'cn.json'), 'utf8'));
    compiled = { help: h.wallMs, one: one.wallMs, many: many.wallMs, same };
  } else compiled = built.error;
  rmSync(dir, { recursive: true, force: true });
  const c100 = await phase<{ t: Timing }>('cli100k');
  const c50 = await phase<{ t: Timing; jsonBytes: number }>('cli50kAll');
  const c1m = await phase<{ t: Timing; jsonBytes: number }>('cli1mAll');
  lines.push(
    `5. CLI through tsx (bin/reversal-lab.mjs): --help ${f1(help.wallMs / 1000)} s (start-up); simulate --iterations 100000 ${f1(e2e.wallMs / 1000)} s end to end (exit ${e2e.code})`,
    typeof compiled === 'string'
      ? `   compiled CLI: not measured (${compiled})`
      : `   compiled CLI (esbuild bundle): --help ${f2(compiled.help / 1000)} s; simulate --iterations 100000: ${f2(compiled.many / 1000)} s on ${availableParallelism()} threads, ${f2(compiled.one / 1000)} s on 1 (end to end; same JSON: ${compiled.same}) -> ${f2((compiled.many - compiled.help) / 1000)} s beyond start-up`,
    `   simulate --iterations 100000, the command itself in process (tsx, ${availableParallelism()} threads, worker start-up included): ${f0(c100.result.t.wallMs)} ms wall, ${f0(c100.result.t.cpuMs)} ms CPU; ${mem(c100)}`,
    `   simulate --iterations 50000 --outputs all: ${f0(c50.result.t.wallMs)} ms wall, ${f0(c50.result.t.cpuMs)} ms CPU, JSON ${f0(c50.result.jsonBytes / 1024)} KB; ${mem(c50)}`,
    `   simulate --iterations 1000000 --outputs all: ${f1(c1m.result.t.wallMs / 1000)} s wall, ${f1(c1m.result.t.cpuMs / 1000)} s CPU; ${mem(c1m)}`,
  );

  type Pane = { threads: number; best: Timing; median: Timing; mode: string };
  const pn = await phase<Pane>('pane');
  lines.push(
    `6. Pane path: 100,000 plain Monte Carlo trials, the pane's 14 outputs, ${pn.result.threads} workers running the pane worker's handler (worker threads standing in for Web Workers; start-up included; ${pn.result.mode}): ${rep(pn.result)}; ${mem(pn)}`,
  );

  const nv = await phase<{ perTrialMs: number; maxDiff: number }>('naive');
  const naiveSpeedup = nv.result.perTrialMs / (S.auto.best.cpuMs / 10_000);
  lines.push(
    `7. Naive (mathjs evaluate per trial): ${f1(nv.result.perTrialMs)} ms per trial; kernel simulation ${f0(naiveSpeedup)}x faster; China share naive vs kernel max rel. diff ${nv.result.maxDiff.toExponential(1)}`,
  );

  const perCore = 10_000 / (S.auto.best.cpuMs / 1000);
  const allRate = 10_000 / (a.result.auto.best.cpuMs / 1000);
  const cliBeyond = typeof compiled === 'string' ? c100.result.t.wallMs : compiled.many - compiled.help;
  const rows: [string, string, string, boolean][] = [
    [
      'Monte Carlo, three models, summary outputs (10,000 LHS trials)',
      `${Math.round(perCore).toLocaleString('en-US')} trials/s per core (${f0(S.auto.best.cpuMs)} ms CPU); ${T.threads} threads: per-core efficiency ${f2(efficiency)}, wall ${f2(speedup)}x with ${f2(cores)} cores obtained`,
      '>= 100,000 trials/s per core, near-linear in cores',
      perCore >= 100_000 && efficiency >= 0.8,
    ],
    [
      'same, all outputs kept',
      `${Math.round(allRate).toLocaleString('en-US')} trials/s per core (${f0(a.result.auto.best.cpuMs)} ms CPU), peak ${f0(a.peakRssMb)} MB`,
      '>= 50,000 trials/s',
      allRate >= 50_000,
    ],
    ['vs hand-fused kernel on the same NEV work', `${f2(fusedRatio)}x`, 'within 1.5x', fusedRatio <= 1.5],
    [
      'CLI simulate --iterations 100000',
      `${f2(cliBeyond / 1000)} s beyond start-up (${typeof compiled === 'string' ? 'tsx, in process' : 'compiled CLI, end to end minus --help'})`,
      'under 2 s beyond start-up on 2 cores',
      cliBeyond < 2000,
    ],
    [
      'CLI simulate --iterations 50000 --outputs all',
      `runs: ${f1(c50.result.t.wallMs / 1000)} s, peak ${f0(c50.peakRssMb)} MB`,
      'runs',
      true,
    ],
    [
      '1,000,000 trials, all outputs',
      `peak ${f0(c1m.peakRssMb)} MB (${f1(c1m.result.t.wallMs / 1000)} s)`,
      'under 1 GB peak',
      c1m.peakRssMb < 1024,
    ],
    ['pane: 100,000 plain Monte Carlo trials', `${f2(pn.result.best.wallMs / 1000)} s`, 'under 3 s', pn.result.best.wallMs < 3000],
  ];
  const load1 = loadavg();
  lines.push(
    '',
    `Targets (issue #11; load average ${load1.map(f2).join(' ')} at the end):`,
    '',
    '| measure | result | target | status |',
    '|---|---|---|---|',
  );
  for (const [m, r, t, ok] of rows) lines.push(`| ${m} | ${r} | ${t} | ${status(ok)} |`);
  return lines;
}
