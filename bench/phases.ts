/**
 * The phases of the model benchmark (bench/model.bench.ts). Each runs in a process of its own
 * (bench/phaseChild.ts), so its peak RSS is its own; each returns plain numbers.
 *
 * Timing: wall (performance.now) and CPU (user + system of the whole process, every thread); repeated runs
 * report the best and the median. CPU time is what "per core" means on a shared machine: it does not count
 * time spent waiting for a core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceModelData } from '../src/app/scenario/modelInputs';
import { SIMULATION_OUTPUTS, SIMULATION_RANK_TARGETS } from '../src/app/plans/simulationPlan';
import { SUMMARY_OUTPUTS } from '../src/cli/commands/simulate';
import { runCli } from '../src/cli/main';
import type { Worker } from 'node:worker_threads';
import {
  defaultThreads,
  inProcessPort,
  runSimulationThreads,
  shardPortOf,
  startModuleWorker,
  startWorker,
} from '../src/cli/simulateThreads';
import { PARAMS, defaultValues } from '../src/model/params';
import { compileModel, runModels } from '../src/model/run';
import { baseVector, stochasticInputs } from '../src/model/sim/inputs';
import { runParallel, type ShardPort } from '../src/model/sim/parallel';
import type { SimulationRequest } from '../src/model/sim/request';
import { uniformDesign } from '../src/model/sim/sampling';
import { runSimulation, statsAt, type SimulationOptions, type SimulationResult } from '../src/model/sim/simulation';
import { meanSd, percentileSorted, percentilesInPlace, REPORTED_PERCENTILES } from '../src/model/sim/stats';
import { NEV_OUTPUTS, NEV_PARAMS, fusedNevTrials, nevCompiledModel, prepareNev } from './fusedNev';
import { naiveTrial, prepareNaive } from './naive';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const TRIALS = 10_000;

export interface Timing {
  wallMs: number;
  cpuMs: number;
}
export interface Repeated {
  best: Timing;
  median: Timing;
  runs: Timing[];
}

export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ t: Timing; value: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { t: { wallMs, cpuMs: (used.user + used.system) / 1000 }, value };
}

async function repeat<T>(n: number, fn: () => T | Promise<T>): Promise<Repeated & { value: T }> {
  const runs: Timing[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    gc();
    const r = await timeIt(fn);
    runs.push(r.t);
    if (i === 0) value = r.value;
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    best: { wallMs: Math.min(...runs.map((r) => r.wallMs)), cpuMs: Math.min(...runs.map((r) => r.cpuMs)) },
    median: { wallMs: med(runs.map((r) => r.wallMs)), cpuMs: med(runs.map((r) => r.cpuMs)) },
    runs,
    value,
  };
}

const strip = (r: Repeated) => ({ best: r.best, median: r.median });

/**
 * Runs each function once per round, in turn, for `rounds` rounds: on a shared machine whose load drifts, the
 * variants being compared meet the same conditions. Returns each one's best and median, and the median of the
 * per-round ratios of each to the first (CPU time).
 */
async function interleave(rounds: number, fns: (() => unknown)[]): Promise<{ reps: Repeated[]; ratios: number[] }> {
  const runs: Timing[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < fns.length; i++) {
      gc();
      runs[i].push((await timeIt(fns[i])).t);
    }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const reps = runs.map((rs) => ({
    best: { wallMs: Math.min(...rs.map((x) => x.wallMs)), cpuMs: Math.min(...rs.map((x) => x.cpuMs)) },
    median: { wallMs: med(rs.map((x) => x.wallMs)), cpuMs: med(rs.map((x) => x.cpuMs)) },
    runs: rs,
  }));
  const ratios = runs.map((rs) => med(rs.map((x, r) => x.cpuMs / runs[0][r].cpuMs)));
  return { reps, ratios };
}

/** Largest distance (percentile points) between a streaming percentile and the exact one on the same trials. */
function rankErrorPp(exact: SimulationResult, streamed: SimulationResult): number {
  const n = exact.iterations,
    ny = exact.years.length;
  let worst = 0;
  exact.outputIds.forEach((_, o) => {
    for (let y = 0; y < ny; y++) {
      const sorted = Float64Array.from(exact.outputSamples.subarray((o * ny + y) * n, (o * ny + y + 1) * n)).sort();
      (['p5', 'p10', 'p50', 'p90', 'p95'] as const).forEach((key, i) => {
        const p = REPORTED_PERCENTILES[i];
        const v = streamed.stats[o][key][y];
        if (Number.isNaN(v)) return;
        let d = 0;
        const slack = 1e-12 * Math.max(1, Math.abs(v));
        while (
          d < 5 &&
          !(percentileSorted(sorted, Math.max(0, p - d)) - slack <= v && v <= percentileSorted(sorted, Math.min(100, p + d)) + slack)
        )
          d += 0.001;
        worst = Math.max(worst, d);
      });
    }
  });
  return worst;
}

const data = referenceModelData();
const values = defaultValues();

/** 10,000 LHS trials of the three models, summary outputs, one thread: exact (auto) and streaming; the kernel alone. */
async function summary() {
  const model = compileModel(data, { outputIds: [...SUMMARY_OUTPUTS] });
  const options: SimulationOptions = { model, params: PARAMS, values, iterations: TRIALS, seed: 1, sampling: 'lhs' };
  for (const statistics of ['exact', 'streaming'] as const) runSimulation({ ...options, iterations: 3000, statistics }); // warm-up
  const base = baseVector(model, PARAMS, values);
  const inputs = stochasticInputs(model, PARAMS, base);
  const u = uniformDesign(
    inputs.map((s) => s.id),
    TRIALS,
    1,
    'lhs',
  );
  inputs.forEach((s, j) => s.quantileColumn(u, j * TRIALS, TRIALS));
  const params = new Float64Array(base);
  const out = new Float64Array(model.outputIds.length * model.years.length);
  const kernel = await repeat(7, () => {
    for (let t = 0; t < TRIALS; t++) {
      for (let j = 0; j < inputs.length; j++) params[inputs[j].index] = u[j * TRIALS + t];
      model.evaluate(params, out);
    }
  });
  const both = await interleave(9, [() => runSimulation(options), () => runSimulation({ ...options, statistics: 'streaming' })]);
  const exact = runSimulation(options);
  const streamed = runSimulation({ ...options, statistics: 'streaming' });
  return {
    autoMode: exact.statistics,
    kernel: strip(kernel),
    auto: strip(both.reps[0]),
    streaming: strip(both.reps[1]),
    streamingRatio: both.ratios[1],
    inputs: exact.inputIds.length,
    accuracy: { measuredPp: rankErrorPp(exact, streamed), certifiedPp: streamed.accuracy!.maxRankErrorPp },
  };
}

/** 10,000 LHS trials, all outputs (auto: streaming), with and without the rank correlations of every output. */
async function all() {
  const model = compileModel(data);
  const options: SimulationOptions = { model, params: PARAMS, values, iterations: TRIALS, seed: 1, sampling: 'lhs' };
  runSimulation({ ...options, iterations: 3000 });
  const auto = await repeat(5, () => runSimulation(options));
  const noCorrelations = await repeat(3, () => runSimulation({ ...options, rankTargets: [] }));
  return {
    outputs: model.outputIds.length,
    mode: auto.value.statistics,
    targets: auto.value.rankCorrelationsByTarget?.length ?? 0,
    auto: strip(auto),
    noCorrelations: strip(noCorrelations),
  };
}

/** The same with every sample kept (exact mode: the simulator before the streaming statistics). */
async function allExact() {
  const model = compileModel(data);
  const r = await timeIt(() =>
    runSimulation({ model, params: PARAMS, values, iterations: TRIALS, seed: 1, sampling: 'lhs', statistics: 'exact' }),
  );
  return { t: r.t };
}

/** The hand-fused NEV kernel against the simulator on the same NEV equations (bench/fusedNev.ts). */
async function fused() {
  const nev = prepareNev(data);
  const nevModel = nevCompiledModel(nev);
  const nevBase = baseVector(nevModel, PARAMS, values);
  const nevInputs = stochasticInputs(nevModel, PARAMS, nevBase);
  const ny = nev.years.length;
  const fusedRun = (): Float64Array => {
    const u = uniformDesign(
      nevInputs.map((s) => s.id),
      TRIALS,
      1,
      'lhs',
      0,
    );
    const cols = new Float64Array(NEV_PARAMS.length * TRIALS);
    for (let j = 0; j < NEV_PARAMS.length; j++) cols.fill(nevBase[j], j * TRIALS, (j + 1) * TRIALS);
    nevInputs.forEach((s, i) => {
      for (let t = 0; t < TRIALS; t++) cols[s.index * TRIALS + t] = s.quantile(u[i * TRIALS + t]);
    });
    const samples = new Float64Array(NEV_OUTPUTS.length * ny * TRIALS);
    fusedNevTrials(nev, cols, TRIALS, samples);
    const scratch = new Float64Array(TRIALS);
    const p50 = new Float64Array(NEV_OUTPUTS.length * ny);
    for (let c = 0; c < NEV_OUTPUTS.length * ny; c++) {
      const col = samples.subarray(c * TRIALS, (c + 1) * TRIALS);
      if (Number.isNaN(col[0])) continue;
      let constant = true;
      for (let t = 1; t < TRIALS && constant; t++) constant = col[t] === col[0];
      if (constant) {
        p50[c] = col[0];
        continue;
      }
      meanSd(col);
      scratch.set(col);
      p50[c] = percentilesInPlace(scratch, REPORTED_PERCENTILES)[2];
    }
    return p50;
  };
  const sim = (statistics: 'exact' | 'streaming') =>
    runSimulation({ model: nevModel, params: PARAMS, values, iterations: TRIALS, seed: 1, sampling: 'lhs', statistics });
  const p50Fused = fusedRun()[ny - 1];
  const p50 = statsAt(sim('exact'), 'nev.share.China', 2040)!.p50;
  sim('streaming');
  const r = await interleave(9, [fusedRun, () => sim('exact'), () => sim('streaming')]);
  return {
    fused: strip(r.reps[0]),
    exact: strip(r.reps[1]),
    streaming: strip(r.reps[2]),
    exactRatio: r.ratios[1],
    streamingRatio: r.ratios[2],
    p50Diff: Math.abs(p50 - p50Fused),
  };
}

const summaryRequest = (iterations: number): SimulationRequest => ({
  data,
  values,
  iterations,
  seed: 1,
  sampling: 'lhs',
  outputIds: [...SUMMARY_OUTPUTS],
  rankTargets: SUMMARY_OUTPUTS.map((outputId) => ({ outputId, year: 2040 })),
});

/**
 * 100,000 trials, summary outputs: one thread (in process) against every core (this thread and worker
 * threads). Cold: workers started for the run (their start-up included, as the CLI does it); warm: the same
 * workers running the next runs (the engine's scaling alone). Workers run the TypeScript sources through tsx.
 */
async function threads() {
  const n = defaultThreads();
  const request = summaryRequest(100_000);
  const runOn = (ports: ShardPort[]) => runParallel(request, ports);
  await runSimulationThreads(summaryRequest(20_000), { threads: 1 });
  const one = await repeat(3, () => runSimulationThreads(request, { threads: 1 }));
  const workers: Worker[] = [];
  const cold = await timeIt(() => {
    for (let i = 1; i < n; i++) workers.push(startWorker());
    return runOn([inProcessPort(), ...workers.map(shardPortOf)]);
  });
  const ports = [inProcessPort(), ...workers.map(shardPortOf)];
  try {
    const warm = await repeat(3, () => runOn(ports));
    const same =
      JSON.stringify(one.value.stats) === JSON.stringify(warm.value.stats) &&
      JSON.stringify(cold.value.stats) === JSON.stringify(one.value.stats);
    return { threads: n, one: strip(one), cold: cold.t, warm: strip(warm), same };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const nodeIo = (written: Record<string, number>) => ({
  out: () => undefined,
  err: (t: string) => process.stderr.write(t),
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: async (p: string, d: string | Uint8Array) => {
    written[p] = typeof d === 'string' ? d.length : d.byteLength;
    await writeFile(p, d);
  },
});

/** `reversal-lab simulate` in this process (the CLI's code after start-up): args given by the phase name. */
async function cli(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-bench-'));
  const written: Record<string, number> = {};
  try {
    const r = await timeIt(() => runCli(['simulate', ...args, '--json', join(dir, 'out.json')], nodeIo(written)));
    if (r.value !== 0) throw new Error(`simulate ${args.join(' ')} exited ${r.value}`);
    return { t: r.t, jsonBytes: written[join(dir, 'out.json')] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The pane's path: 100,000 plain Monte Carlo trials of the pane's outputs over worker threads running the pane worker's handler. */
async function pane() {
  const n = defaultThreads();
  const request: SimulationRequest = {
    data,
    values,
    iterations: 100_000,
    seed: 20261128,
    sampling: 'mc',
    outputIds: [...SIMULATION_OUTPUTS],
    rankTargets: SIMULATION_RANK_TARGETS,
  };
  const run = async () => {
    const workers = Array.from({ length: n }, () => startModuleWorker(new URL('./paneWorker.ts', import.meta.url)));
    try {
      return await runParallel(request, workers.map(shardPortOf));
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  };
  const r = await repeat(2, run);
  return { threads: n, ...strip(r), mode: r.value.statistics };
}

/** The naive way: mathjs evaluate of the model equations per trial (20 trials, extrapolated). */
async function naive() {
  const nev = prepareNev(data);
  const n = prepareNaive(nev, data);
  naiveTrial(n, values);
  const r = await timeIt(() => {
    for (let t = 0; t < 20; t++) naiveTrial(n, values);
  });
  const kernelChina = runModels(values, data).series.find((s) => s.id === 'nev.share.China')!.values;
  const naiveChina = naiveTrial(n, values).shareChina;
  const maxDiff = Math.max(...kernelChina.map((v, i) => Math.abs(v - naiveChina[i]) / Math.max(Math.abs(v), 1e-12)));
  return { perTrialMs: r.t.wallMs / 20, maxDiff };
}

export const PHASES: Record<string, () => Promise<unknown>> = {
  summary,
  all,
  allExact,
  fused,
  threads,
  cli100k: () => cli(['--iterations', '100000']),
  cli50kAll: () => cli(['--iterations', '50000', '--outputs', 'all']),
  cli1mAll: () => cli(['--iterations', '1000000', '--outputs', 'all']),
  pane,
  naive,
};
