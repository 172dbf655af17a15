/**
 * Monte Carlo / Latin Hypercube simulation of a compiled model: sampling, batched convergence stop,
 * progress, cancellation, per-output percentiles, exact (every sample kept) or streaming (memory independent
 * of the number of trials). Pure: randomness comes from the seed only. The engine (engine.ts, collect.ts)
 * is shared with the multi-threaded drivers, which give the same bits.
 */
import type { CompiledModel, ParamMeta } from '../types';
import {
  addChunk,
  cellOfSketch,
  collectCorrelations,
  collectStats,
  compact,
  createCollector,
  growSamples,
  worstHalfWidth,
  type Collector,
} from './collect';
import { normalQuantile } from './distributions';
import {
  createShard,
  LHS_BLOCK,
  newPartial,
  releaseShard,
  runChunk,
  shardFlush,
  shardPilot,
  shardSetSpec,
  type ChunkPartial,
  type RankTarget,
  type Shard,
  type StatisticsMode,
} from './engine';
import type { DistributionAnchor } from './inputs';
import type { CorrelationSpec, SamplingMethod } from './sampling';

export interface ConvergenceOptions {
  /** Relative half-width of the confidence interval of the mean (default 0.01 = +-1 %). */
  relTol?: number;
  /** Confidence level of that interval (default 0.95). */
  confidence?: number;
  /** No stop before this many trials (default: one batch). */
  minIterations?: number;
  /** Hard cap on trials (default: the `iterations` option). */
  maxIterations?: number;
  /** Trials per batch; each batch is its own Latin Hypercube (default 1000). */
  batchSize?: number;
  /** Outputs whose means must converge (default: every reported output), all years. */
  outputIds?: readonly string[];
}

export interface SimulationProgress {
  done: number;
  total: number;
}

/** Anything with an `aborted` flag: an AbortSignal or a plain object. */
export interface AbortLike {
  readonly aborted: boolean;
}

export interface SimulationOptions {
  model: CompiledModel;
  /** Metadata of the parameters; those with a `distribution` are sampled, the rest stay at their value. */
  params: readonly ParamMeta[];
  /** Scenario values by parameter id (missing ones take the metadata default). */
  values?: Readonly<Record<string, number>>;
  /** Number of trials (the cap when `convergence` is set and has no maxIterations). */
  iterations: number;
  seed: number;
  sampling: SamplingMethod;
  correlations?: readonly CorrelationSpec[];
  convergence?: ConvergenceOptions;
  /** Outputs to report (default: all outputs of the model). In exact mode each costs 8 bytes per trial and year. */
  outputIds?: readonly string[];
  anchor?: DistributionAnchor;
  /**
   * "exact": every sample kept, exact type-7 percentiles and Spearman correlations (memory grows with the
   * trials); "streaming": percentiles within 0.1 percentile points (certified, see accuracy), means and
   * correlations from statistics whose size depends on the outputs and years only. Default "auto": exact
   * while the kept samples fit in AUTO_EXACT_BYTES, streaming beyond.
   */
  statistics?: StatisticsMode | 'auto';
  /** Streaming mode: the (output, year) cells whose rank correlations with the inputs are tracked (default: each output's last year). */
  rankTargets?: readonly RankTarget[];
  /** Percentiles reported besides P5, P10, P50, P90, P95 (in OutputStats.extra as p<percent>). */
  extraPercentiles?: readonly number[];
  /** Upper bound on the memory of the kept samples in exact mode (default 1 GiB); a larger exact run is refused up front. */
  maxSampleBytes?: number;
  /** Trials between progress callbacks and cancellation checks (default 500). */
  chunkSize?: number;
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortLike;
}

/** Statistics of one output, one entry per year. */
export interface OutputStats {
  id: string;
  years: number[];
  mean: number[];
  sd: number[];
  p5: number[];
  p10: number[];
  p50: number[];
  p90: number[];
  p95: number[];
  /** The extraPercentiles asked for, by key p<percent> (e.g. p25). */
  extra?: Record<string, number[]>;
}

export interface SimulationResult {
  iterations: number;
  /** True only when a convergence rule was given and met. */
  converged: boolean;
  /** True for the partial result carried by a CancelledError. */
  cancelled: boolean;
  seed: number;
  sampling: SamplingMethod;
  years: number[];
  outputIds: string[];
  stats: OutputStats[];
  /** Ids of the sampled inputs; inputSamples[j * iterations + t] is input j in trial t (exact mode; empty when streaming). */
  inputIds: string[];
  inputSamples: Float64Array;
  /** outputSamples[((o * years.length) + y) * iterations + t]: reported output o, year y, trial t (exact mode; empty when streaming). */
  outputSamples: Float64Array;
  convergence?: { relTol: number; confidence: number; worstRelHalfWidth: number; worstOutputId: string; worstYear: number };
  /** How the statistics were computed. */
  statistics: StatisticsMode;
  /** Streaming mode: the largest certified rank error of a reported percentile, in percentile points. */
  accuracy?: { maxRankErrorPp: number };
  /** Streaming mode: Spearman correlation of each input (inputIds order) with each tracked (output, year). */
  rankCorrelationsByTarget?: { outputId: string; year: number; rho: number[] }[];
}

/** The most trials one run takes (the CLI's and the pane's cap). */
export const MAX_ITERATIONS = 1_000_000;

/** Auto mode keeps every sample while they take at most this many bytes (inputs and outputs). */
export const AUTO_EXACT_BYTES = 32 * 1024 ** 2;

/** Thrown by a cancelled run; `partial` holds the statistics of the trials completed before the stop. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(readonly partial: SimulationResult | undefined) {
    super(`simulation cancelled after ${partial?.iterations ?? 0} trials`);
  }
}

/** A simulation advanced in steps, so callers can report progress, yield to an event loop and cancel. */
export interface SimulationRun {
  readonly total: number;
  readonly done: number;
  readonly finished: boolean;
  /** Runs up to `maxTrials` more trials; returns true when the run is finished. */
  step(maxTrials: number): boolean;
  /** The statistics so far (final once finished; marked cancelled when asked before). */
  result(): SimulationResult;
  /** Gives the run's work buffers back for the next run in this thread; the run cannot step or report afterwards. */
  dispose(): void;
}

function checkCount(value: number, what: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Everything about a run that follows from its options alone (validated), shared with the threaded drivers. */
export interface RunSettings {
  seed: number;
  sampling: SamplingMethod;
  total: number;
  batchSize: number;
  minIterations: number;
  conv: boolean;
  relTol: number;
  confidence: number;
  z: number;
  mode: StatisticsMode;
  rankTargets: RankTarget[];
  watchedIds: string[];
  extraPercentiles: number[];
}

/** Validates the options and settles the mode, the batches and what is watched. */
export function runSettings(options: SimulationOptions): RunSettings {
  const { model, sampling } = options;
  if (sampling !== 'lhs' && sampling !== 'mc') throw new RangeError(`sampling must be "lhs" or "mc", got "${String(sampling)}"`);
  const conv = options.convergence;
  const total = checkCount(
    conv?.maxIterations ?? options.iterations,
    conv?.maxIterations !== undefined ? 'convergence.maxIterations' : 'iterations',
  );
  const batchSize = conv ? Math.min(total, checkCount(conv.batchSize ?? 1000, 'convergence.batchSize')) : Math.min(total, LHS_BLOCK);
  const minIterations = conv ? Math.min(total, checkCount(conv.minIterations ?? batchSize, 'convergence.minIterations')) : total;
  const relTol = conv?.relTol ?? 0.01;
  const confidence = conv?.confidence ?? 0.95;
  if (!(relTol > 0)) throw new RangeError(`convergence.relTol must be > 0, got ${relTol}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`convergence.confidence must be in (0, 1), got ${confidence}`);
  const reported = [...(options.outputIds ?? model.outputIds)];
  const cells = reported.length * model.years.length;
  const k = options.params.filter((p) => p.distribution && model.paramIds.includes(p.id)).length;
  const sampleBytes = (cells + k) * total * 8;
  const asked = options.statistics ?? 'auto';
  if (asked !== 'auto' && asked !== 'exact' && asked !== 'streaming')
    throw new RangeError(`statistics must be "exact", "streaming" or "auto", got "${String(asked)}"`);
  const mode: StatisticsMode = asked === 'auto' ? (sampleBytes <= AUTO_EXACT_BYTES ? 'exact' : 'streaming') : asked;
  if (mode === 'exact' && sampleBytes > (options.maxSampleBytes ?? 1024 ** 3))
    throw new RangeError(
      `keeping ${total} trials of ${reported.length} outputs x ${model.years.length} years needs ${Math.round(sampleBytes / 1024 ** 2)} MB; pass fewer outputIds or iterations, or statistics "streaming"`,
    );
  const last = model.years[model.years.length - 1];
  checkCount(options.chunkSize ?? 500, 'chunkSize');
  const extra = [...(options.extraPercentiles ?? [])];
  for (const p of extra) if (!(p >= 0 && p <= 100)) throw new RangeError(`extraPercentiles: ${p} is not a percentile from 0 to 100`);
  return {
    seed: options.seed,
    sampling,
    total,
    batchSize,
    minIterations,
    conv: conv !== undefined,
    relTol,
    confidence,
    z: normalQuantile(0.5 + confidence / 2),
    mode,
    rankTargets: [...(options.rankTargets ?? reported.map((outputId) => ({ outputId, year: last })))],
    // Without a convergence rule nothing is watched.
    watchedIds: conv ? [...(conv.outputIds ?? reported)] : [],
    extraPercentiles: extra,
  };
}

/** Prepares a shard for the run (the worker side of a threaded run does the same from the same options). */
export function shardFor(options: SimulationOptions, settings: RunSettings): Shard {
  return createShard({
    model: options.model,
    params: options.params,
    values: options.values,
    seed: settings.seed,
    sampling: settings.sampling,
    correlations: options.correlations,
    anchor: options.anchor,
    outputIds: options.outputIds,
    total: settings.total,
    batchSize: settings.batchSize,
    mode: settings.mode,
    rankTargets: settings.rankTargets,
    watchedIds: settings.watchedIds,
  });
}

/** State of the convergence rule of a run (shared with the threaded drivers). */
export interface ConvergenceState {
  converged: boolean;
  worst: { rel: number; sketch: number };
}

/**
 * After the merged trials reach the end of a batch: applies the rule once minIterations are done. Returns true
 * when the run is finished (converged, or the total reached).
 */
export function afterBatch(col: Collector, settings: RunSettings, state: ConvergenceState): boolean {
  if (settings.conv && col.merged >= settings.minIterations) {
    state.worst = worstHalfWidth(col, settings.z);
    if (state.worst.rel <= settings.relTol) state.converged = true;
  }
  return state.converged || col.merged >= settings.total;
}

/** Builds the result from the merged state of a run. */
export function buildResult(col: Collector, settings: RunSettings, state: ConvergenceState, finished: boolean): SimulationResult {
  const { layout } = col;
  const n = col.merged;
  const { stats, maxErrorPp } = collectStats(col, n);
  const exact = layout.mode === 'exact';
  const nYears = layout.years.length;
  const worstCell = state.worst.sketch >= 0 ? cellOfSketch(layout, state.worst.sketch) : 0;
  return {
    iterations: n,
    converged: state.converged,
    cancelled: !finished,
    seed: layout.seed,
    sampling: layout.sampling,
    years: layout.years,
    outputIds: layout.outputIds,
    stats,
    inputIds: layout.inputIds,
    inputSamples: exact ? compact(col.inputSamples, col.capacity, n) : new Float64Array(0),
    outputSamples: exact ? compact(col.outputSamples, col.capacity, n) : new Float64Array(0),
    convergence: settings.conv
      ? {
          relTol: settings.relTol,
          confidence: settings.confidence,
          worstRelHalfWidth: state.worst.rel,
          worstOutputId: layout.outputIds[Math.floor(worstCell / nYears)],
          worstYear: layout.years[worstCell % nYears],
        }
      : undefined,
    statistics: layout.mode,
    ...(exact || n === 0 ? {} : { accuracy: { maxRankErrorPp: maxErrorPp }, rankCorrelationsByTarget: collectCorrelations(col, n) }),
  };
}

/** Prepares a simulation (validating every option) without running a trial. */
export function createSimulation(options: SimulationOptions): SimulationRun {
  const settings = runSettings(options);
  const shard = shardFor(options, settings);
  const { layout } = shard;
  const { plan } = layout;
  const exactCapacity = settings.conv ? Math.min(settings.total, Math.max(settings.batchSize, settings.minIterations)) : settings.total;
  const col = createCollector(layout, shard.shift, exactCapacity, settings.extraPercentiles);
  const state: ConvergenceState = { converged: false, worst: { rel: settings.conv ? Infinity : 0, sketch: layout.watched[0] ?? -1 } };
  let finished = plan.total === 0;
  let chunkIndex = 0;
  let partial: ChunkPartial | null = null;

  const step = (maxTrials: number): boolean => {
    if (finished) return true;
    if (layout.mode === 'streaming' && !shard.spec) {
      const spec = shardPilot(shard);
      shardSetSpec(shard, spec);
      col.spec = spec;
      col.sketch = shard.sketch;
    }
    let budget = maxTrials;
    while (budget > 0 && !finished) {
      const chunk = plan.chunks[chunkIndex];
      partial ??= newPartial(layout, chunk.index);
      const count = Math.min(chunk.n - partial.done, budget);
      if (layout.mode === 'exact') growSamples(col, chunk.trial0 + chunk.n, col.merged);
      const sink =
        layout.mode === 'exact'
          ? { outputs: col.outputSamples, inputs: col.inputSamples, capacity: col.capacity, offset: chunk.trial0 }
          : null;
      const before = partial.done;
      runChunk(shard, chunk, before, count, partial, sink);
      budget -= count;
      if (partial.done === chunk.n) {
        addChunk(col, partial);
        partial = null;
        chunkIndex++;
        const batch = plan.batches[chunk.batch];
        if (chunk.trial0 + chunk.n === batch.trial0 + batch.n) finished = afterBatch(col, settings, state);
      }
    }
    return finished;
  };

  const result = (): SimulationResult => {
    // Rank-correlation sums the shard adds once per batch: brought up to date before they are read.
    shardFlush(shard);
    // A chunk cut short by a cancellation counts with the trials it has.
    if (partial && partial.done > 0) {
      const cut = partial;
      col.merged += cut.done;
      for (let i = 0; i < cut.moments.length; i++) col.sums[i] += cut.moments[i];
      const r = buildResult(col, settings, state, finished);
      col.merged -= cut.done;
      for (let i = 0; i < cut.moments.length; i++) col.sums[i] -= cut.moments[i];
      return r;
    }
    return buildResult(col, settings, state, finished);
  };

  return {
    total: plan.total,
    get done() {
      return col.merged + (partial?.done ?? 0);
    },
    get finished() {
      return finished;
    },
    step,
    result,
    dispose: () => releaseShard(shard),
  };
}

/**
 * Runs a simulation to the end in the calling thread. Checks `signal` between chunks and throws
 * CancelledError (with the partial statistics) when it is aborted.
 */
export function runSimulation(options: SimulationOptions): SimulationResult {
  const run = createSimulation(options);
  const chunk = options.chunkSize ?? 500;
  try {
    while (!run.finished) {
      if (options.signal?.aborted) throw new CancelledError(run.done > 0 ? run.result() : undefined);
      run.step(chunk);
      options.onProgress?.({ done: run.done, total: run.total });
    }
    return run.result();
  } finally {
    run.dispose();
  }
}

/**
 * The same run, awaiting `yieldControl` between chunks so an event loop (a worker's message handler, a
 * UI) can deliver a cancellation. The caller supplies the yield (e.g. a zero-delay timer): model code has no clock.
 */
export async function runSimulationStepwise(options: SimulationOptions, yieldControl: () => Promise<void>): Promise<SimulationResult> {
  const run = createSimulation(options);
  const chunk = options.chunkSize ?? 500;
  try {
    while (!run.finished) {
      await yieldControl();
      if (options.signal?.aborted) throw new CancelledError(run.done > 0 ? run.result() : undefined);
      run.step(chunk);
      options.onProgress?.({ done: run.done, total: run.total });
    }
    return run.result();
  } finally {
    run.dispose();
  }
}

export { pushStats } from './collect';

/** Statistics of one output in one year, or undefined when not reported. */
export function statsAt(result: SimulationResult, outputId: string, year: number) {
  const s = result.stats.find((x) => x.id === outputId);
  const y = result.years.indexOf(year);
  if (!s || y < 0) return undefined;
  return { mean: s.mean[y], sd: s.sd[y], p5: s.p5[y], p10: s.p10[y], p50: s.p50[y], p90: s.p90[y], p95: s.p95[y] };
}
