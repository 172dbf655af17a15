/**
 * The simulation engine under runSimulation and the multi-threaded drivers: a fixed plan of trials, shards
 * that run chunks of it (one per thread; worker-side) and a collector that merges what the shards send
 * (coordinator-side). A run's results do not depend on how its chunks are spread over threads:
 *  - the plan is a function of (iterations, batch size) only: design batches of at most LHS_BLOCK trials
 *    (each its own Latin Hypercube, streams keyed by the batch, as the convergence batches always were),
 *    cut into chunks of at most CHUNK trials;
 *  - floating-point sums (moments) are summed per chunk in trial order and merged in chunk order;
 *  - everything else (histogram counts, integer grade sums, extremes) is exact in any order.
 * Exact mode keeps every sample (as before); streaming mode keeps sketches whose size depends on the
 * outputs and years only (sketch.ts).
 */
import type { CompiledModel, ParamMeta } from '../types';
import { baseVector, stochasticInputs, type DistributionAnchor, type StochasticInput } from './inputs';
import { createStream, normaliseSeed } from './rng';
import {
  correlationMatrix,
  imanConover,
  uniformDesignInto,
  type CorrelationSpec,
  type DesignScratch,
  type SamplingMethod,
} from './sampling';
import { release, takeFloat64, takeInt32 } from './pool';
import {
  binValues,
  buildSpec,
  CORR_BINS,
  createCounts,
  GRADE_SCALE,
  mergeCounts,
  releaseCounts,
  type SketchCounts,
  type SketchSpec,
} from './sketch';

/** Trials per design batch when no convergence rule sets it: a run up to this size is one Latin Hypercube. */
export const LHS_BLOCK = 10_000;
/** Trials per chunk: the unit of work a thread takes and of the moments merged in order. */
export const CHUNK = 1000;
/** Trials of the pilot that shapes the streaming histograms (the run's first trials). */
export const PILOT = 1024;
/** Trials staged at a time before their outputs are binned cell by cell. */
const SUB = 64;

export type StatisticsMode = 'exact' | 'streaming';

export interface Chunk {
  index: number;
  batch: number;
  /** First design row of the chunk in its batch, and its first trial in the run. */
  row0: number;
  trial0: number;
  n: number;
}

export interface TrialPlan {
  total: number;
  /** Design batches: first trial and size. */
  batches: { trial0: number; n: number }[];
  chunks: Chunk[];
}

/** Batches of batchSize trials (the last one smaller), each cut into chunks of at most CHUNK trials. */
export function planTrials(total: number, batchSize: number): TrialPlan {
  const batches: TrialPlan['batches'] = [];
  const chunks: Chunk[] = [];
  for (let trial0 = 0, batch = 0; trial0 < total; trial0 += batchSize, batch++) {
    const n = Math.min(batchSize, total - trial0);
    batches.push({ trial0, n });
    for (let row0 = 0; row0 < n; row0 += CHUNK)
      chunks.push({ index: chunks.length, batch, row0, trial0: trial0 + row0, n: Math.min(CHUNK, n - row0) });
  }
  return { total, batches, chunks };
}

/** Kind of a reported cell in the layout. */
export const FIXED = 0;
export const ALIAS = 1;
export const SKETCHED = 2;

/** A (output, year) whose rank correlations with the inputs a streaming run tracks. */
export interface RankTarget {
  outputId: string;
  year: number;
}

/** What the shards and the collector agree on: plain data, sent from a worker shard to a coordinator. */
export interface Layout {
  mode: StatisticsMode;
  seed: number;
  sampling: SamplingMethod;
  years: number[];
  outputIds: string[];
  inputIds: string[];
  plan: TrialPlan;
  /** Reported cells (output r, year y) -> r * years + y: kind, and the sketched cell behind a SKETCHED or ALIAS one. */
  kind: Uint8Array;
  sketchOf: Int32Array;
  /** Value of a FIXED cell (the same in every trial). */
  fixedValue: Float64Array;
  sketchCells: number;
  /** Rank-correlation targets (streaming) and their sketched cell (-1: a fixed cell, no correlation). */
  targets: RankTarget[];
  targetSketch: Int32Array;
  /** Sketched cells watched by the convergence rule. */
  watched: Int32Array;
}

/** Moments and exact samples of one chunk, as a shard hands them over. */
export interface ChunkPartial {
  index: number;
  /** Trials of the chunk done so far (n of the chunk once complete). */
  done: number;
  /** Per sketched cell: sum of (x - shift) and of its square; then per input: sum of grades and of squares. */
  moments: Float64Array;
  /** Exact mode in a worker: the chunk's samples, cell-major (cells * n) and input-major (k * n). */
  outputs?: Float64Array;
  inputs?: Float64Array;
}

/** Where an exact-mode shard writes samples: column c of the chunk's trial t at values[c * capacity + offset + t]. */
export interface SampleSink {
  outputs: Float64Array;
  inputs: Float64Array;
  capacity: number;
  offset: number;
}

/** Everything the streaming statistics of a shard hold, merged exactly in any order. */
export interface ShardSketch {
  counts: SketchCounts;
  /** Per target: CORR_BINS * k integer grade sums. */
  corr: Float64Array[];
}

export interface EngineOptions {
  model: CompiledModel;
  params: readonly ParamMeta[];
  values?: Readonly<Record<string, number>>;
  seed: number;
  sampling: SamplingMethod;
  correlations?: readonly CorrelationSpec[];
  anchor?: DistributionAnchor;
  outputIds?: readonly string[];
  /** Total trials (the cap under a convergence rule) and the design batch size. */
  total: number;
  batchSize: number;
  mode: StatisticsMode;
  rankTargets: readonly RankTarget[];
  watchedIds: readonly string[];
}

/** Worker-side state: the compiled model, the design of the current batch and the statistics of the chunks run. */
export interface Shard {
  readonly layout: Layout;
  readonly model: CompiledModel;
  readonly inputs: StochasticInput[];
  readonly inputIndex: Int32Array;
  readonly params: Float64Array;
  readonly out: Float64Array;
  /** Out index of each sketched cell and of each reported cell. */
  readonly sketchSource: Int32Array;
  readonly cellSource: Int32Array;
  readonly shift: Float64Array;
  /** Grade of an input clamped at its low / high bound (the mid-grade of the tied mass); see gradeOf. */
  readonly clampLo: Float64Array;
  readonly clampHi: Float64Array;
  readonly gradeLo: Float64Array;
  readonly gradeHi: Float64Array;
  readonly target?: Float64Array;
  readonly correlatedCols: number[];
  readonly seed: number;
  readonly sampling: SamplingMethod;
  /** Design of batch `designBatch`: input values (k * rows) and integer grades (k * rows, only with targets). */
  design: Float64Array;
  grades: Int32Array;
  designBatch: number;
  designRows: number;
  readonly scratch: DesignScratch;
  readonly staging: Float64Array;
  /** The sketched cells' values of the current chunk, cell-major (cells * CHUNK). */
  readonly chunkValues: Float64Array;
  /**
   * Correlation bins of each target cell's values over the rows of the loaded batch: slot targetSlot[c]
   * (-1: not a target) at targetBins[slot * batchRows + row]. Their grade sums are added once per batch (or
   * when the sketch is read, shardFlush): one pass over each target's 104 KB of sums per batch, not per chunk.
   */
  readonly targetSlot: Int32Array;
  readonly targetBins: Int32Array;
  readonly batchRows: number;
  /** Rows of the loaded batch binned but not yet added to the grade sums: pairs (first row, count). */
  pending: number[];
  spec: SketchSpec | null;
  sketch: ShardSketch | null;
  /** The pilot's values (cell-major, pilotTrials per cell) until chunk 0 has used them. */
  pilot: Float64Array | null;
  pilotTrials: number;
}

/**
 * Builds the shard for a run: validates the options (every error the run would raise), the layout of cells
 * (fixed, repeating and sketched ones from the model's invariants) and trial 0, which fixes the history cells.
 */
export function createShard(o: EngineOptions): Shard {
  const { model } = o;
  const seed = normaliseSeed(o.seed);
  const years = [...model.years];
  const nYears = years.length;
  const reported = [...(o.outputIds ?? model.outputIds)];
  const reportedIndex = reported.map((id) => {
    const r = model.outputIds.indexOf(id);
    if (r < 0) throw new RangeError(`outputIds: "${id}" is not computed by the compiled model`);
    return r;
  });
  const base = baseVector(model, o.params, o.values);
  const inputs = stochasticInputs(model, o.params, base, o.anchor);
  const inputIds = inputs.map((s) => s.id);
  const k = inputs.length;
  const correlated = [...new Set((o.correlations ?? []).flatMap((c) => [c.a, c.b]))];
  const target = correlated.length > 0 ? correlationMatrix(correlated, o.correlations ?? []) : undefined;
  const correlatedCols = correlated.map((id) => inputIds.indexOf(id));

  // Cell layout: history years are FIXED, a cell equal to the year before in every trial is an ALIAS of it.
  const cells = reported.length * nYears;
  const fixedYears = model.invariants?.fixedYears ?? 0;
  const same = model.invariants?.sameAsPreviousYear;
  const kind = new Uint8Array(cells);
  const sketchOf = new Int32Array(cells).fill(-1);
  const sources: number[] = [];
  for (let r = 0; r < reported.length; r++)
    for (let y = 0; y < nYears; y++) {
      const cell = r * nYears + y,
        source = reportedIndex[r] * nYears + y;
      if (y < fixedYears) kind[cell] = FIXED;
      else if (same && y > 0 && same[source] === 1 && kind[cell - 1] !== FIXED) {
        kind[cell] = ALIAS;
        sketchOf[cell] = sketchOf[cell - 1];
      } else {
        kind[cell] = SKETCHED;
        sketchOf[cell] = sources.length;
        sources.push(source);
      }
    }
  const sketchSource = Int32Array.from(sources);
  const cellSource = Int32Array.from({ length: cells }, (_, c) => reportedIndex[Math.floor(c / nYears)] * nYears + (c % nYears));
  const cellOf = (id: string, year: number, what: string): number => {
    const r = reported.indexOf(id);
    if (r < 0) throw new RangeError(`${what}: "${id}" is not among the reported outputs`);
    const y = years.indexOf(year);
    if (y < 0) throw new RangeError(`${what}: year ${year} is outside the simulated years`);
    return r * nYears + y;
  };
  const targets = o.mode === 'streaming' ? [...o.rankTargets] : [];
  const targetSketch = Int32Array.from(targets, (t) => sketchOf[cellOf(t.outputId, t.year, 'rankTargets')]);
  const watched: number[] = [];
  for (const id of o.watchedIds) {
    const r = reported.indexOf(id);
    if (r < 0) throw new RangeError(`convergence.outputIds: "${id}" is not among the reported outputs`);
    for (let y = 0; y < nYears; y++) if (kind[r * nYears + y] === SKETCHED) watched.push(sketchOf[r * nYears + y]);
  }

  const targetSlot = new Int32Array(sketchSource.length).fill(-1);
  let slots = 0;
  for (const c of targetSketch) if (c >= 0 && targetSlot[c] < 0) targetSlot[c] = slots++;
  const plan = planTrials(o.total, o.batchSize);
  const layout: Layout = {
    mode: o.mode,
    seed,
    sampling: o.sampling,
    years,
    outputIds: reported,
    inputIds,
    plan,
    kind,
    sketchOf,
    fixedValue: new Float64Array(cells),
    sketchCells: sketchSource.length,
    targets,
    targetSketch,
    watched: Int32Array.from(watched),
  };
  const batchRows = plan.batches[0]?.n ?? 0;
  const shard: Shard = {
    layout,
    model,
    inputs,
    inputIndex: Int32Array.from(inputs, (s) => s.index),
    params: new Float64Array(base),
    out: new Float64Array(model.outputIds.length * nYears),
    sketchSource,
    cellSource,
    shift: new Float64Array(sketchSource.length),
    clampLo: new Float64Array(k),
    clampHi: new Float64Array(k),
    gradeLo: new Float64Array(k),
    gradeHi: new Float64Array(k),
    target,
    correlatedCols,
    seed,
    sampling: o.sampling,
    design: takeFloat64(k * batchRows, false),
    grades: targets.length > 0 ? takeInt32(k * batchRows, false) : new Int32Array(0),
    designBatch: -1,
    designRows: 0,
    scratch: { perm: takeInt32(batchRows, false), words: takeFloat64(2 * batchRows, false) },
    staging: takeFloat64(SUB * sketchSource.length, false),
    chunkValues: takeFloat64(CHUNK * sketchSource.length, false),
    targetSlot,
    targetBins: takeInt32(batchRows * slots, false),
    batchRows,
    pending: [],
    spec: null,
    sketch: null,
    pilot: null,
    pilotTrials: 0,
  };
  // Grades are for rank correlations (streaming runs with targets).
  if (targets.length > 0) clampGrades(shard);
  // Trial 0: the values of the fixed cells, and the shift of every sketched cell's moments.
  if (plan.total > 0) {
    loadBatch(shard, 0);
    evaluateRow(shard, 0);
    for (let c = 0; c < cells; c++) if (kind[c] === FIXED) layout.fixedValue[c] = shard.out[cellSource[c]];
    for (let s = 0; s < sketchSource.length; s++) {
      const v = shard.out[sketchSource[s]];
      shard.shift[s] = v === v && Math.abs(v) < Infinity ? v : 0;
    }
  }
  return shard;
}

/**
 * Grade (population CDF value, the input's rank over n) of each input sample is its uniform u; an input
 * clamped at a bound takes the middle of the clamped probability mass, as average ranks do for ties.
 * The clamped ranges [0, clampLo] and [clampHi, 1] of u are found by bisection on the quantile function.
 */
function clampGrades(shard: Shard): void {
  shard.inputs.forEach((input, j) => {
    const q = input.quantile;
    const tiny = 2 ** -53;
    const lowValue = q(tiny),
      highValue = q(1 - tiny);
    let a = tiny,
      b = 0.5;
    if (q(b) === lowValue)
      a = b; // degenerate: more than half the mass at the bound
    else
      for (let i = 0; i < 60; i++) {
        const mid = (a + b) / 2;
        if (q(mid) === lowValue) a = mid;
        else b = mid;
      }
    shard.clampLo[j] = a;
    shard.gradeLo[j] = a / 2;
    a = 0.5;
    b = 1 - tiny;
    if (q(a) === highValue) b = a;
    else
      for (let i = 0; i < 60; i++) {
        const mid = (a + b) / 2;
        if (q(mid) === highValue) b = mid;
        else a = mid;
      }
    shard.clampHi[j] = b;
    shard.gradeHi[j] = (1 + b) / 2;
  });
}

/** Draws the design of batch b (uniforms, Iman-Conover, grades, quantiles) unless it is already loaded. */
function loadBatch(shard: Shard, b: number): void {
  if (shard.designBatch === b) return;
  // The grades of the batch being left are needed by the correlations still pending.
  shardFlush(shard);
  const { layout, design, inputs, target, correlatedCols } = shard;
  const n = layout.plan.batches[b].n;
  const k = inputs.length;
  uniformDesignInto(design, layout.inputIds, n, shard.seed, shard.sampling, b, shard.scratch);
  if (target && n > correlatedCols.length) {
    const kc = correlatedCols.length;
    const sub = new Float64Array(kc * n);
    correlatedCols.forEach((col, c) => sub.set(design.subarray(col * n, (col + 1) * n), c * n));
    imanConover(sub, n, kc, target, createStream(shard.seed, `iman-conover|batch${b}`));
    correlatedCols.forEach((col, c) => design.set(sub.subarray(c * n, (c + 1) * n), col * n));
  }
  if (shard.grades.length > 0) {
    const { grades, clampLo, clampHi, gradeLo, gradeHi } = shard;
    for (let j = 0; j < k; j++)
      for (let i = 0; i < n; i++) {
        const u = design[j * n + i];
        const g = u <= clampLo[j] ? gradeLo[j] : u >= clampHi[j] ? gradeHi[j] : u;
        grades[j * n + i] = Math.floor(g * GRADE_SCALE);
      }
  }
  for (let j = 0; j < k; j++) inputs[j].quantileColumn(design, j * n, n);
  shard.designBatch = b;
  shard.designRows = n;
}

/** Evaluates design row `row` of the loaded batch into shard.out. */
function evaluateRow(shard: Shard, row: number): void {
  const { design, designRows, inputIndex, params } = shard;
  for (let j = 0; j < inputIndex.length; j++) params[inputIndex[j]] = design[j * designRows + row];
  shard.model.evaluate(params, shard.out);
}

/**
 * Streaming mode: runs the pilot (the first PILOT trials, or all when fewer) and derives the histogram spec
 * from it. The coordinator of a multi-threaded run asks one shard and hands the spec to the others.
 */
export function shardPilot(shard: Shard): SketchSpec {
  const { layout, sketchSource, out } = shard;
  const C = sketchSource.length;
  const first = layout.plan.batches[0];
  const n = Math.min(PILOT, first ? first.n : 0);
  const values = takeFloat64(C * n, false);
  loadBatch(shard, 0);
  for (let t = 0; t < n; t++) {
    evaluateRow(shard, t);
    for (let c = 0; c < C; c++) values[c * n + t] = out[sketchSource[c]];
  }
  const spec = buildSpec(values, n, C);
  // The pilot's trials are the run's first: chunk 0 takes their values instead of evaluating them again.
  shard.pilot = values;
  shard.pilotTrials = n;
  return spec;
}

/** Gives the shard's work buffers back to the pool (pool.ts); the shard cannot run afterwards. */
export function releaseShard(shard: Shard): void {
  release(shard.design, shard.grades, shard.scratch.perm, shard.scratch.words, shard.staging, shard.chunkValues, shard.targetBins);
  if (shard.pilot) release(shard.pilot);
  shard.pilot = null;
  if (shard.sketch) releaseCounts(shard.sketch.counts);
  shard.designBatch = -1;
  shard.pending.length = 0;
}

/** Gives a streaming shard its spec (its own pilot's or the coordinator's) and empty statistics. */
export function shardSetSpec(shard: Shard, spec: SketchSpec): void {
  shard.spec = spec;
  shard.sketch = {
    counts: createCounts(spec.cells),
    corr: shard.layout.targets.map(() => new Float64Array(CORR_BINS * shard.inputs.length)),
  };
}

export function newPartial(layout: Layout, index: number): ChunkPartial {
  return { index, done: 0, moments: new Float64Array(2 * (layout.sketchCells + layout.inputIds.length)) };
}

/**
 * Runs trials from .. from + count - 1 of chunk `chunk` (a resumed chunk continues its partial): the model in
 * blocks of SUB trials, whose sketched cells are staged cell-major and copied into the chunk's cell-major
 * buffer; then cell by cell, over all the trials of the call, binning (streaming) or moments (exact, which
 * also writes every reported cell and input to `sink`). Binning a cell's values together keeps its
 * histogram in cache: cell by cell and trial by trial it would miss on most values with hundreds of cells.
 */
export function runChunk(shard: Shard, chunk: Chunk, from: number, count: number, partial: ChunkPartial, sink: SampleSink | null): void {
  loadBatch(shard, chunk.batch);
  // Exact mode needs the sketched cells' moments only for a convergence rule.
  const keep = shard.spec !== null || shard.layout.watched.length > 0;
  if (shard.pilot && chunk.trial0 === 0 && from + count <= shard.pilotTrials && sink === null) pilotChunk(shard, from, count);
  else
    for (let first = 0; first < count; first += SUB) {
      const bn = Math.min(SUB, count - first);
      const t0 = from + first;
      stageBlock(shard, chunk.row0 + t0, bn);
      if (sink !== null) writeSamples(shard, sink, chunk.row0 + t0, bn, sink.offset + t0);
      if (keep) keepBlock(shard, bn, t0);
    }
  if (!keep) {
    partial.done = from + count;
    return;
  }
  if (shard.spec) {
    binChunk(shard, chunk.row0, from, count, partial);
    if (shard.grades.length > 0) {
      gradeMoments(shard, chunk.row0 + from, count, partial);
      shard.pending.push(chunk.row0 + from, count);
    }
  } else sumChunk(shard, from, count, partial);
  partial.done = from + count;
}

/** Evaluates design rows row0 .. row0 + bn - 1: the sketched cells into the staging block (cell-major). */
function stageBlock(shard: Shard, row0: number, bn: number): void {
  const { design, designRows, inputIndex, params, out, sketchSource, staging, model } = shard;
  const C = sketchSource.length;
  const k = inputIndex.length;
  for (let b = 0; b < bn; b++) {
    const row = row0 + b;
    for (let j = 0; j < k; j++) params[inputIndex[j]] = design[j * designRows + row];
    model.evaluate(params, out);
    for (let c = 0; c < C; c++) staging[c * SUB + b] = out[sketchSource[c]];
  }
}

/**
 * Exact mode: the staged block's trials into the sink as contiguous runs per column: a sketched cell from the
 * staging block, a repeating one from the cell it repeats, a fixed (history) one filled with its value, the
 * inputs from the design (which is column-major too).
 */
function writeSamples(shard: Shard, sink: SampleSink, row0: number, bn: number, trial: number): void {
  const { staging, design, designRows, layout } = shard;
  const { outputs, inputs, capacity } = sink;
  const { kind, sketchOf, fixedValue } = layout;
  for (let c = 0; c < kind.length; c++) {
    const to = c * capacity + trial;
    if (kind[c] === FIXED) outputs.fill(fixedValue[c], to, to + bn);
    else {
      const from = sketchOf[c] * SUB;
      for (let b = 0; b < bn; b++) outputs[to + b] = staging[from + b];
    }
  }
  const k = shard.inputIndex.length;
  for (let j = 0; j < k; j++) {
    const to = j * capacity + trial,
      from = j * designRows + row0;
    for (let b = 0; b < bn; b++) inputs[to + b] = design[from + b];
  }
}

/** Chunk 0 from the pilot's values (the same trials, already evaluated); the pilot is let go once chunk 0 is done. */
function pilotChunk(shard: Shard, from: number, count: number): void {
  const { chunkValues } = shard;
  const pilot = shard.pilot!,
    n = shard.pilotTrials;
  const C = shard.sketchSource.length;
  for (let c = 0; c < C; c++) for (let t = from; t < from + count; t++) chunkValues[c * CHUNK + t] = pilot[c * n + t];
  if (from + count >= Math.min(n, CHUNK)) {
    release(pilot);
    shard.pilot = null;
  }
}

/** Copies the staged block (trials t0 .. t0 + bn - 1 of the chunk) into the chunk's cell-major buffer. */
function keepBlock(shard: Shard, bn: number, t0: number): void {
  const { staging, chunkValues } = shard;
  const C = shard.sketchSource.length;
  for (let c = 0; c < C; c++) {
    const from = c * SUB,
      to = c * CHUNK + t0;
    for (let b = 0; b < bn; b++) chunkValues[to + b] = staging[from + b];
  }
}

/** Streaming: bins trials from .. from + count - 1 of the chunk cell by cell, keeping the correlation bins of target cells. */
function binChunk(shard: Shard, row0: number, from: number, count: number, partial: ChunkPartial): void {
  const spec = shard.spec!;
  const sketch = shard.sketch!;
  const { chunkValues, targetBins, targetSlot } = shard;
  const C = shard.sketchSource.length;
  for (let c = 0; c < C; c++)
    binValues(
      spec,
      sketch.counts,
      c,
      chunkValues,
      c * CHUNK + from,
      count,
      partial.moments,
      targetBins,
      targetSlot[c] < 0 ? -1 : targetSlot[c] * shard.batchRows + row0 + from,
    );
}

/**
 * Adds the integer grades of the pending rows of the loaded batch to the correlation bins of each target
 * (exact integer sums: the order does not matter), input by input: sequential reads of the grade columns and
 * of the target's bins, updates of one target's 8 KB of bins for four inputs. Called before the batch
 * changes and before the sketch is read (the single-thread result, a worker handing its sketch over).
 */
export function shardFlush(shard: Shard): void {
  const { pending } = shard;
  if (pending.length === 0) return;
  const { grades, designRows, targetBins, targetSlot, layout, batchRows } = shard;
  const k = shard.inputIndex.length;
  const targetSketch = layout.targetSketch;
  let columns: Float64Array | null = null;
  for (let t = 0; t < targetSketch.length; t++) {
    const c = targetSketch[t];
    if (c < 0) continue;
    const bins = targetSlot[c] * batchRows;
    const sums = shard.sketch!.corr[t];
    // A target whose pending trials all fell in one bin (an output constant so far: a history year, a cap)
    // takes each input's column sum of grades in that bin, computed once for all such targets.
    const one = oneBin(targetBins, bins, pending);
    if (one >= 0) {
      columns ??= columnSums(grades, designRows, k, pending);
      for (let j = 0; j < k; j++) sums[j * CORR_BINS + one] += columns[j];
      continue;
    }
    let j = 0;
    // Four inputs per pass over the trials: one bin lookup, four independent updates.
    for (; j + 4 <= k; j += 4) {
      const g0 = j * designRows,
        g1 = g0 + designRows,
        g2 = g1 + designRows,
        g3 = g2 + designRows;
      const s0 = j * CORR_BINS,
        s1 = s0 + CORR_BINS,
        s2 = s1 + CORR_BINS,
        s3 = s2 + CORR_BINS;
      for (let p = 0; p < pending.length; p += 2) {
        const end = pending[p] + pending[p + 1];
        for (let i = pending[p]; i < end; i++) {
          const b = targetBins[bins + i];
          sums[s0 + b] += grades[g0 + i];
          sums[s1 + b] += grades[g1 + i];
          sums[s2 + b] += grades[g2 + i];
          sums[s3 + b] += grades[g3 + i];
        }
      }
    }
    for (; j < k; j++) {
      const g0 = j * designRows,
        s0 = j * CORR_BINS;
      for (let p = 0; p < pending.length; p += 2) {
        const end = pending[p] + pending[p + 1];
        for (let i = pending[p]; i < end; i++) sums[s0 + targetBins[bins + i]] += grades[g0 + i];
      }
    }
  }
  pending.length = 0;
}

/** The bin every pending row of one target fell in, or -1 when they differ. */
function oneBin(targetBins: Int32Array, at: number, pending: number[]): number {
  const b = targetBins[at + pending[0]];
  for (let p = 0; p < pending.length; p += 2) {
    const end = at + pending[p] + pending[p + 1];
    for (let i = at + pending[p]; i < end; i++) if (targetBins[i] !== b) return -1;
  }
  return b;
}

/** Per input: the sum of its integer grades over the pending rows (exact: integers below 2^53). */
function columnSums(grades: Int32Array, designRows: number, k: number, pending: number[]): Float64Array {
  const columns = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let p = 0; p < pending.length; p += 2) {
      const end = j * designRows + pending[p] + pending[p + 1];
      for (let i = j * designRows + pending[p]; i < end; i++) sum += grades[i];
    }
    columns[j] = sum;
  }
  return columns;
}

/** Exact mode: moments of the sketched cells (for the convergence rule) over trials from .. from + count - 1. */
function sumChunk(shard: Shard, from: number, count: number, partial: ChunkPartial): void {
  const { chunkValues, shift } = shard;
  const m = partial.moments;
  for (let c = 0; c < shift.length; c++) {
    const s = shift[c];
    let s1 = m[2 * c],
      s2 = m[2 * c + 1];
    const at = c * CHUNK + from;
    for (let b = 0; b < count; b++) {
      const d = chunkValues[at + b] - s;
      s1 += d;
      s2 += d * d;
    }
    m[2 * c] = s1;
    m[2 * c + 1] = s2;
  }
}

/** Sums of the grades and their squares per input (for the correlations' input variance). */
function gradeMoments(shard: Shard, row0: number, bn: number, partial: ChunkPartial): void {
  const { grades, designRows } = shard;
  const k = shard.inputIndex.length;
  const at = 2 * shard.sketchSource.length;
  const m = partial.moments;
  for (let j = 0; j < k; j++) {
    let s1 = m[at + 2 * j],
      s2 = m[at + 2 * j + 1];
    for (let b = 0; b < bn; b++) {
      const g = grades[j * designRows + row0 + b] / GRADE_SCALE;
      s1 += g;
      s2 += g * g;
    }
    m[at + 2 * j] = s1;
    m[at + 2 * j + 1] = s2;
  }
}

/** Merges shard sketches (exact in any order). */
export function mergeSketch(into: ShardSketch, from: ShardSketch): void {
  mergeCounts(into.counts, from.counts);
  into.corr.forEach((sums, t) => {
    const other = from.corr[t];
    for (let i = 0; i < sums.length; i++) sums[i] += other[i];
  });
}

export function emptySketch(layout: Layout, spec: SketchSpec): ShardSketch {
  return { counts: createCounts(spec.cells), corr: layout.targets.map(() => new Float64Array(CORR_BINS * layout.inputIds.length)) };
}
