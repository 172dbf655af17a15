/**
 * Monte Carlo / Latin Hypercube simulation of a compiled model: sampling, batched convergence stop,
 * progress, cancellation and per-output percentiles. Pure: randomness comes from the seed only.
 */
import type { CompiledModel, ParamMeta } from '../types';
import { normalQuantile } from './distributions';
import { baseVector, stochasticInputs, type DistributionAnchor, type StochasticInput } from './inputs';
import { createStream, normaliseSeed } from './rng';
import { correlationMatrix, imanConover, uniformDesign, type CorrelationSpec, type SamplingMethod } from './sampling';
import { meanSd, percentiles, REPORTED_PERCENTILES } from './stats';

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
  /** Outputs to report (default: all outputs of the model). Each costs 8 bytes per trial and year. */
  outputIds?: readonly string[];
  anchor?: DistributionAnchor;
  /** Upper bound on the memory of the kept samples (default 1 GiB); a larger run is refused up front. */
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
  /** Ids of the sampled inputs; inputSamples[j * iterations + t] is input j in trial t. */
  inputIds: string[];
  inputSamples: Float64Array;
  /** outputSamples[((o * years.length) + y) * iterations + t]: reported output o, year y, trial t. */
  outputSamples: Float64Array;
  convergence?: { relTol: number; confidence: number; worstRelHalfWidth: number; worstOutputId: string; worstYear: number };
}

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
}

/**
 * Trials buffered before their outputs are written to the per-cell sample columns: runs of 64 trials
 * (512 bytes) per column make the transposition into the kept samples about twice as fast as runs of 16;
 * the block is 130 KB for the CLI's 10 summary outputs (260 cells), 1.6 MB with all 117 outputs.
 */
const BLOCK_TRIALS = 64;

/**
 * What the trial loop reads, fixed for one simulation; one object of the same shape for every simulation,
 * so runTrials stays monomorphic.
 */
interface TrialBuffers {
  model: CompiledModel;
  /** The parameter vector (sampled inputs overwritten per trial) and the model's output buffer. */
  params: Float64Array;
  out: Float64Array;
  /** Trial-major staging block of BLOCK_TRIALS x cells values. */
  block: Float64Array;
  /** Parameter index of each sampled input. */
  inputIndex: Int32Array;
  /** Where each kept cell comes from in `out`; cellsInOrder when that is the identity over all of `out`. */
  cellSource: Int32Array;
  cellsInOrder: boolean;
  /** Cells whose running mean and M2 (Welford) feed the convergence check. */
  watchedSource: Int32Array;
  runMean: Float64Array;
  runM2: Float64Array;
}

/**
 * Runs `count` trials: design rows from .. from + count - 1 (designN rows per input column) become kept
 * trials done .. done + count - 1 (capacity trials per column of inputSamples and outputSamples), one block
 * of up to BLOCK_TRIALS trials at a time: the trials go through the trial-major block first, which is then
 * written cell by cell, so the kept samples are filled in contiguous runs instead of one scattered value per cell.
 * Module-level functions rather than closures of createSimulation on purpose: at a full garbage collection
 * V8 drops the optimised code of a function none of whose closures is alive, so a per-simulation closure is
 * recompiled in every new simulation and runs unoptimised until then (tens of ms for this loop). The trial
 * loop and the transposition are separate functions so that each is optimised with feedback for all of its
 * code (a loop optimised mid-way through its first call deoptimises at code that had not run yet).
 */
function runTrials(
  t: TrialBuffers,
  design: Float64Array,
  designN: number,
  from: number,
  count: number,
  inputSamples: Float64Array,
  outputSamples: Float64Array,
  capacity: number,
  done: number,
): void {
  for (let first = 0; first < count; first += BLOCK_TRIALS) {
    const blockN = Math.min(BLOCK_TRIALS, count - first);
    runBlock(t, design, designN, from + first, blockN, inputSamples, capacity, done + first);
    writeBlock(t.block, blockN, t.cellSource.length, outputSamples, capacity, done + first);
  }
}

/** Trials design rows row0 .. row0 + blockN - 1 as kept trials trial0 ..: inputs, model, outputs into the block. */
function runBlock(
  t: TrialBuffers,
  design: Float64Array,
  designN: number,
  row0: number,
  blockN: number,
  inputSamples: Float64Array,
  capacity: number,
  trial0: number,
): void {
  const { model, params, out, block, inputIndex, cellSource, cellsInOrder, watchedSource, runMean, runM2 } = t;
  const k = inputIndex.length;
  const cells = cellSource.length;
  for (let b = 0; b < blockN; b++) {
    const row = row0 + b;
    const trial = trial0 + b;
    for (let j = 0; j < k; j++) {
      const v = design[j * designN + row];
      params[inputIndex[j]] = v;
      inputSamples[j * capacity + trial] = v;
    }
    model.evaluate(params, out);
    if (cellsInOrder) block.set(out, b * cells); // every output kept, in model order: one native copy
    else for (let c = 0; c < cells; c++) block[b * cells + c] = out[cellSource[c]];
    const n = trial + 1;
    for (let w = 0; w < watchedSource.length; w++) {
      const x = out[watchedSource[w]];
      const delta = x - runMean[w];
      runMean[w] += delta / n;
      runM2[w] += delta * (x - runMean[w]);
    }
  }
}

/** Transposes the first blockN trials of the block into the kept samples, as trials trial0 .. of each cell. */
function writeBlock(block: Float64Array, blockN: number, cells: number, outputSamples: Float64Array, capacity: number, trial0: number): void {
  for (let c = 0; c < cells; c++) {
    const dst = c * capacity + trial0;
    for (let b = 0; b < blockN; b++) outputSamples[dst + b] = block[b * cells + c];
  }
}

/** Maps a uniform design to input values in place: column j (n rows) through input j's quantile function. */
function applyQuantiles(u: Float64Array, n: number, inputs: readonly StochasticInput[]): void {
  for (let j = 0; j < inputs.length; j++) {
    const q = inputs[j].quantile;
    for (let i = 0; i < n; i++) u[j * n + i] = q(u[j * n + i]);
  }
}

function checkCount(value: number, what: string, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Prepares a simulation (validating every option) without running a trial. */
export function createSimulation(options: SimulationOptions): SimulationRun {
  const { model, sampling } = options;
  if (sampling !== 'lhs' && sampling !== 'mc') throw new RangeError(`sampling must be "lhs" or "mc", got "${String(sampling)}"`);
  const seed = normaliseSeed(options.seed);
  const conv = options.convergence;
  const total = checkCount(conv?.maxIterations ?? options.iterations, conv?.maxIterations !== undefined ? 'convergence.maxIterations' : 'iterations');
  const batchSize = conv ? Math.min(total, checkCount(conv.batchSize ?? 1000, 'convergence.batchSize')) : total;
  const minIterations = conv ? Math.min(total, checkCount(conv.minIterations ?? batchSize, 'convergence.minIterations')) : total;
  const relTol = conv?.relTol ?? 0.01;
  const confidence = conv?.confidence ?? 0.95;
  if (!(relTol > 0)) throw new RangeError(`convergence.relTol must be > 0, got ${relTol}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`convergence.confidence must be in (0, 1), got ${confidence}`);
  const z = normalQuantile(0.5 + confidence / 2);

  const years = [...model.years];
  const nYears = years.length;
  const reported = [...(options.outputIds ?? model.outputIds)];
  const reportedIndex = reported.map((id) => {
    const o = model.outputIds.indexOf(id);
    if (o < 0) throw new RangeError(`outputIds: "${id}" is not computed by the compiled model`);
    return o;
  });
  // Without a convergence rule nothing is watched, so no running moments are kept per trial.
  const watchedIds = conv ? (conv.outputIds ?? reported) : [];
  const watched = watchedIds.map((id) => {
    const r = reported.indexOf(id);
    if (r < 0) throw new RangeError(`convergence.outputIds: "${id}" is not among the reported outputs`);
    return r;
  });

  const base = baseVector(model, options.params, options.values);
  const inputs = stochasticInputs(model, options.params, base, options.anchor);
  const inputIds = inputs.map((s) => s.id);
  const inputIndex = Int32Array.from(inputs, (s) => s.index);
  const k = inputs.length;
  const correlated = [...new Set((options.correlations ?? []).flatMap((c) => [c.a, c.b]))];
  const target = correlated.length > 0 ? correlationMatrix(correlated, options.correlations ?? []) : undefined;
  const correlatedCols = correlated.map((id) => inputIds.indexOf(id));
  const chunkSize = checkCount(options.chunkSize ?? 500, 'chunkSize');

  const cells = reported.length * nYears;
  const sampleBytes = (cells + k) * total * 8;
  if (sampleBytes > (options.maxSampleBytes ?? 1024 ** 3))
    throw new RangeError(
      `keeping ${total} trials of ${reported.length} outputs x ${nYears} years needs ${Math.round(sampleBytes / 1024 ** 2)} MB; pass fewer outputIds or iterations`,
    );
  let capacity = conv ? Math.min(total, Math.max(batchSize, minIterations)) : total;
  let outputSamples = new Float64Array(cells * capacity);
  let inputSamples = new Float64Array(k * capacity);
  // Running moments (Welford) of watched cells, for the convergence check between batches.
  const watchedCells = watched.flatMap((r) => years.map((_, y) => r * nYears + y));
  // Where each kept cell comes from in the model's output buffer.
  const cellSource = Int32Array.from({ length: cells }, (_, c) => reportedIndex[Math.floor(c / nYears)] * nYears + (c % nYears));
  const watchedSource = Int32Array.from(watchedCells, (c) => cellSource[c]);
  const cellsInOrder = cells === model.outputIds.length * nYears && cellSource.every((source, c) => source === c);
  const runMean = new Float64Array(watchedCells.length);
  const runM2 = new Float64Array(watchedCells.length);

  const buffers: TrialBuffers = {
    model,
    params: new Float64Array(base),
    out: new Float64Array(model.outputIds.length * nYears),
    block: new Float64Array(BLOCK_TRIALS * cells),
    inputIndex,
    cellSource,
    cellsInOrder,
    watchedSource,
    runMean,
    runM2,
  };
  let done = 0;
  let finished = false;
  let converged = false;
  let batch = 0;
  let design: Float64Array = new Float64Array(0);
  let designN = 0;
  let designPos = 0;
  let worst = { rel: Infinity, cell: 0 };

  const grow = (needed: number): void => {
    if (needed <= capacity) return;
    const next = Math.min(total, Math.max(needed, capacity * 2));
    const o = new Float64Array(cells * next);
    for (let c = 0; c < cells; c++) o.set(outputSamples.subarray(c * capacity, c * capacity + done), c * next);
    const s = new Float64Array(k * next);
    for (let j = 0; j < k; j++) s.set(inputSamples.subarray(j * capacity, j * capacity + done), j * next);
    outputSamples = o;
    inputSamples = s;
    capacity = next;
  };

  const newBatch = (): void => {
    designN = Math.min(batchSize, total - done);
    const u = uniformDesign(inputIds, designN, seed, sampling, batch);
    if (target && designN > correlated.length) {
      const kc = correlated.length;
      const sub = new Float64Array(kc * designN);
      correlatedCols.forEach((col, c) => sub.set(u.subarray(col * designN, (col + 1) * designN), c * designN));
      imanConover(sub, designN, kc, target, createStream(seed, `iman-conover|batch${batch}`));
      correlatedCols.forEach((col, c) => u.set(sub.subarray(c * designN, (c + 1) * designN), col * designN));
    }
    applyQuantiles(u, designN, inputs);
    design = u;
    designPos = 0;
    batch++;
    grow(done + designN);
  };

  const checkConvergence = (): boolean => {
    worst = { rel: 0, cell: watchedCells[0] ?? 0 };
    for (let w = 0; w < watchedCells.length; w++) {
      // A cell with no value (NaN in every trial: a year an output does not cover) has nothing to converge.
      if (Number.isNaN(runMean[w])) continue;
      const sd = done > 1 ? Math.sqrt(runM2[w] / (done - 1)) : Infinity;
      const half = (z * sd) / Math.sqrt(done);
      // A constant cell has converged; a zero mean with spread never meets a relative rule.
      const rel = half === 0 ? 0 : half / Math.abs(runMean[w]);
      if (!(rel <= worst.rel)) worst = { rel, cell: watchedCells[w] };
    }
    return worst.rel <= relTol;
  };

  const step = (maxTrials: number): boolean => {
    if (finished) return true;
    let budget = maxTrials;
    while (budget > 0 && !finished) {
      if (designPos >= designN) newBatch();
      const count = Math.min(designN - designPos, budget);
      runTrials(buffers, design, designN, designPos, count, inputSamples, outputSamples, capacity, done);
      designPos += count;
      done += count;
      budget -= count;
      if (designPos >= designN) {
        if (conv && done >= minIterations && checkConvergence()) converged = true;
        if (converged || done >= total) finished = true;
      }
    }
    return finished;
  };

  const result = (): SimulationResult => {
    const n = done;
    const compact = (buf: Float64Array, rows: number): Float64Array => {
      if (capacity === n) return buf;
      const c = new Float64Array(rows * n);
      for (let r = 0; r < rows; r++) c.set(buf.subarray(r * capacity, r * capacity + n), r * n);
      return c;
    };
    const outs = compact(outputSamples, cells);
    const ins = compact(inputSamples, k);
    const scratch = new Float64Array(n);
    const stats = reported.map((id, r) => outputStats(id, years, outs, r * nYears * n, n, scratch));
    const cell = worst.cell;
    return {
      iterations: n,
      converged,
      cancelled: !finished,
      seed,
      sampling,
      years,
      outputIds: reported,
      stats,
      inputIds,
      inputSamples: ins,
      outputSamples: outs,
      convergence: conv
        ? { relTol, confidence, worstRelHalfWidth: worst.rel, worstOutputId: reported[Math.floor(cell / nYears)], worstYear: years[cell % nYears] }
        : undefined,
    };
  };

  return {
    total,
    get done() {
      return done;
    },
    get finished() {
      return finished;
    },
    step,
    result,
  };
}

/**
 * Runs a simulation to the end in the calling thread. Checks `signal` between chunks and throws
 * CancelledError (with the partial statistics) when it is aborted.
 */
export function runSimulation(options: SimulationOptions): SimulationResult {
  const run = createSimulation(options);
  const chunk = options.chunkSize ?? 500;
  while (!run.finished) {
    if (options.signal?.aborted) throw new CancelledError(run.done > 0 ? run.result() : undefined);
    run.step(chunk);
    options.onProgress?.({ done: run.done, total: run.total });
  }
  return run.result();
}

/**
 * The same run, awaiting `yieldControl` between chunks so an event loop (a worker's message handler, a
 * UI) can deliver a cancellation. The caller supplies the yield (e.g. a zero-delay timer): model code has no clock.
 */
export async function runSimulationStepwise(options: SimulationOptions, yieldControl: () => Promise<void>): Promise<SimulationResult> {
  const run = createSimulation(options);
  const chunk = options.chunkSize ?? 500;
  while (!run.finished) {
    await yieldControl();
    if (options.signal?.aborted) throw new CancelledError(run.done > 0 ? run.result() : undefined);
    run.step(chunk);
    options.onProgress?.({ done: run.done, total: run.total });
  }
  return run.result();
}

/**
 * Statistics of one kept output: its years' columns of n trials lie in outs from `from` on; scratch (n values)
 * is work space for the percentiles. Module-level, like runTrials, so its optimised code outlives each simulation.
 */
function outputStats(id: string, years: number[], outs: Float64Array, from: number, n: number, scratch: Float64Array): OutputStats {
  const s: OutputStats = { id, years, mean: [], sd: [], p5: [], p10: [], p50: [], p90: [], p95: [] };
  for (let y = 0; y < years.length; y++) {
    const start = from + y * n;
    const col = outs.subarray(start, start + n);
    if (y > 0 && sameColumn(col, outs, start - n)) {
      // A year identical trial by trial to the one before (the year-independent R&D rows): same statistics.
      pushStats(s, s.mean[y - 1], s.sd[y - 1], [s.p5[y - 1], s.p10[y - 1], s.p50[y - 1], s.p90[y - 1], s.p95[y - 1]]);
      continue;
    }
    if (Number.isNaN(col[0]) && isAllNaN(col)) {
      // No value in this year for any trial (the R&D decision in history years): no statistics either.
      pushStats(s, NaN, NaN, REPORTED_PERCENTILES.map(() => NaN));
      continue;
    }
    if (isConstant(col)) {
      // Constant cell (a history year, an output no sampled input reaches): no selection needed.
      pushStats(s, col[0], 0, REPORTED_PERCENTILES.map(() => col[0]));
      continue;
    }
    const m = meanSd(col);
    pushStats(s, m.mean, m.sd, percentiles(col, REPORTED_PERCENTILES, scratch));
  }
  return s;
}

/** True when col equals the n values of all starting at `from` (NaN never equals, so it is recomputed). */
function sameColumn(col: Float64Array, all: Float64Array, from: number): boolean {
  for (let i = 0; i < col.length; i++) if (col[i] !== all[from + i]) return false;
  return true;
}

function isAllNaN(col: Float64Array): boolean {
  for (let i = 0; i < col.length; i++) if (!Number.isNaN(col[i])) return false;
  return true;
}

function isConstant(col: Float64Array): boolean {
  const first = col[0];
  for (let i = 1; i < col.length; i++) if (col[i] !== first) return false;
  return true;
}

/** Appends one year's statistics (percentiles in REPORTED_PERCENTILES order) to an OutputStats. */
export function pushStats(s: OutputStats, mean: number, sd: number, p: readonly number[]): void {
  s.mean.push(mean);
  s.sd.push(sd);
  s.p5.push(p[0]);
  s.p10.push(p[1]);
  s.p50.push(p[2]);
  s.p90.push(p[3]);
  s.p95.push(p[4]);
}

/** Statistics of one output in one year, or undefined when not reported. */
export function statsAt(result: SimulationResult, outputId: string, year: number) {
  const s = result.stats.find((x) => x.id === outputId);
  const y = result.years.indexOf(year);
  if (!s || y < 0) return undefined;
  return { mean: s.mean[y], sd: s.sd[y], p5: s.p5[y], p10: s.p10[y], p50: s.p50[y], p90: s.p90[y], p95: s.p95[y] };
}
