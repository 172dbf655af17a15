/**
 * Coordinator side of the engine: merges what shards hand over (chunk moments in chunk order, sketches in any
 * order, exact samples into place), applies the convergence rule at batch ends and builds the result.
 */
import { ALIAS, FIXED, type ChunkPartial, type Layout, type ShardSketch } from './engine';
import { binnedSpearman, CONSTANT, sketchPercentiles, type SketchSpec } from './sketch';
import { meanSd, percentiles, REPORTED_PERCENTILES } from './stats';
import type { OutputStats, SimulationResult } from './simulation';

export interface Collector {
  readonly layout: Layout;
  spec: SketchSpec | null;
  /** Merged streaming statistics of the shards (streaming mode). */
  sketch: ShardSketch | null;
  /** Chunk partials waiting for their predecessors, and the next chunk to merge. */
  readonly pending: Map<number, ChunkPartial>;
  next: number;
  /** Moments merged so far, in chunk order (layout of ChunkPartial.moments), and the trials they cover. */
  readonly sums: Float64Array;
  merged: number;
  /** Exact mode: samples of the trials 0 .. capacity - 1 (grown on demand). */
  outputSamples: Float64Array;
  inputSamples: Float64Array;
  capacity: number;
  /** Shifts of the sketched cells' moments (trial 0's values). */
  readonly shift: Float64Array;
  readonly percents: readonly number[];
}

export function createCollector(layout: Layout, shift: Float64Array, capacity: number, extraPercentiles: readonly number[]): Collector {
  const cells = layout.outputIds.length * layout.years.length;
  const k = layout.inputIds.length;
  const exact = layout.mode === 'exact';
  return {
    layout,
    spec: null,
    sketch: null,
    pending: new Map(),
    next: 0,
    sums: new Float64Array(2 * (layout.sketchCells + k)),
    merged: 0,
    outputSamples: new Float64Array(exact ? cells * capacity : 0),
    inputSamples: new Float64Array(exact ? k * capacity : 0),
    capacity: exact ? capacity : 0,
    shift,
    percents: [...REPORTED_PERCENTILES, ...extraPercentiles],
  };
}

/** Exact mode: makes room for `needed` trials (doubling, up to the plan's total), keeping those done. */
export function growSamples(col: Collector, needed: number, done: number): void {
  if (col.layout.mode !== 'exact' || needed <= col.capacity) return;
  const next = Math.min(col.layout.plan.total, Math.max(needed, col.capacity * 2));
  const cells = col.layout.outputIds.length * col.layout.years.length;
  const k = col.layout.inputIds.length;
  const o = new Float64Array(cells * next);
  for (let c = 0; c < cells; c++) o.set(col.outputSamples.subarray(c * col.capacity, c * col.capacity + done), c * next);
  const s = new Float64Array(k * next);
  for (let j = 0; j < k; j++) s.set(col.inputSamples.subarray(j * col.capacity, j * col.capacity + done), j * next);
  col.outputSamples = o;
  col.inputSamples = s;
  col.capacity = next;
}

/**
 * Accepts a complete chunk (from any shard, in any order); merges every chunk whose predecessors are all in.
 * Returns the number of trials merged so far. Exact samples carried by the partial are copied into place.
 */
export function addChunk(col: Collector, partial: ChunkPartial): number {
  const chunk = col.layout.plan.chunks[partial.index];
  if (partial.outputs && partial.inputs) {
    growSamples(col, chunk.trial0 + chunk.n, col.merged);
    copyColumns(partial.outputs, chunk.n, col.outputSamples, col.capacity, chunk.trial0);
    copyColumns(partial.inputs, chunk.n, col.inputSamples, col.capacity, chunk.trial0);
  }
  col.pending.set(partial.index, partial);
  for (let p = col.pending.get(col.next); p !== undefined; p = col.pending.get(col.next)) {
    col.pending.delete(col.next);
    const m = p.moments;
    for (let i = 0; i < m.length; i++) col.sums[i] += m[i];
    col.merged += p.done;
    col.next++;
  }
  return col.merged;
}

function copyColumns(from: Float64Array, n: number, to: Float64Array, capacity: number, at: number): void {
  const columns = from.length / n;
  for (let c = 0; c < columns; c++) to.set(from.subarray(c * n, (c + 1) * n), c * capacity + at);
}

/** Mean and sample sd of sketched cell s over the n merged trials, from the ordered moment sums. */
export function cellMoments(col: Collector, s: number, n: number): { mean: number; sd: number } {
  const s1 = col.sums[2 * s],
    s2 = col.sums[2 * s + 1];
  // Streaming shards sum about the pilot's mean (spec.shift), exact ones about trial 0's values.
  const mean = (col.spec ? col.spec.shift[s] : col.shift[s]) + s1 / n;
  if (n <= 1) return { mean, sd: mean === mean ? 0 : NaN };
  const ss = s2 - (s1 * s1) / n;
  return { mean, sd: Math.sqrt((ss > 0 ? ss : 0) / (n - 1)) };
}

/** The convergence rule over the watched cells: the worst relative half-width and its sketched cell. */
export function worstHalfWidth(col: Collector, z: number): { rel: number; sketch: number } {
  const n = col.merged;
  let worst = { rel: 0, sketch: col.layout.watched[0] ?? -1 };
  for (const s of col.layout.watched) {
    const { mean, sd } = cellMoments(col, s, n);
    if (Number.isNaN(mean)) continue;
    const half = n > 1 ? (z * sd) / Math.sqrt(n) : Infinity;
    const rel = half === 0 ? 0 : half / Math.abs(mean);
    if (!(rel <= worst.rel)) worst = { rel, sketch: s };
  }
  return worst;
}

/** The reported cell (output index, year index) a sketched cell stands for (its first appearance). */
export function cellOfSketch(layout: Layout, s: number): number {
  for (let c = 0; c < layout.sketchOf.length; c++) if (layout.sketchOf[c] === s) return c;
  return 0;
}

/** Statistics of every reported output and year from the merged state (n trials). */
export function collectStats(col: Collector, n: number): { stats: OutputStats[]; maxErrorPp: number } {
  const { layout } = col;
  const nYears = layout.years.length;
  const exact = layout.mode === 'exact';
  const scratch = exact ? new Float64Array(n) : new Float64Array(0);
  const outs = exact ? compact(col.outputSamples, col.capacity, n) : new Float64Array(0);
  const extra = col.percents.slice(REPORTED_PERCENTILES.length);
  let maxErrorPp = 0;
  const stats = layout.outputIds.map((id, r): OutputStats => {
    const s: OutputStats = { id, years: layout.years, mean: [], sd: [], p5: [], p10: [], p50: [], p90: [], p95: [] };
    if (extra.length > 0) s.extra = Object.fromEntries(extra.map((p) => [`p${p}`, [] as number[]]));
    for (let y = 0; y < nYears; y++) {
      const cell = r * nYears + y;
      let mean: number, sd: number, p: number[];
      // A cell the model declares equal to the year before (or a column that is, in exact mode).
      const repeat =
        y > 0 &&
        (layout.kind[cell] === ALIAS ||
          (exact && layout.kind[cell] !== FIXED && sameColumn(outs.subarray(cell * n, cell * n + n), outs, (cell - 1) * n)));
      if (repeat) {
        // The year before, trial by trial (the R&D decision, flat tariffs): the same statistics.
        mean = s.mean[y - 1];
        sd = s.sd[y - 1];
        p = [s.p5[y - 1], s.p10[y - 1], s.p50[y - 1], s.p90[y - 1], s.p95[y - 1], ...extra.map((q) => s.extra![`p${q}`][y - 1])];
      } else if (exact && layout.kind[cell] !== FIXED) {
        ({ mean, sd, p } = exactCellOf(outs.subarray(cell * n, cell * n + n), col.percents, scratch));
      } else if (layout.kind[cell] === FIXED) {
        // The same value in every trial (history): what the exact rules give a constant or all-NaN column.
        const v = layout.fixedValue[cell];
        mean = v;
        sd = v === v ? 0 : NaN;
        p = col.percents.map(() => v);
      } else {
        const streamed = streamedCell(col, layout.sketchOf[cell], n);
        ({ mean, sd, p } = streamed);
        if (streamed.errorPp > maxErrorPp) maxErrorPp = streamed.errorPp;
      }
      pushStats(s, mean, sd, p);
      extra.forEach((q, i) => s.extra![`p${q}`].push(p[5 + i]));
    }
    return s;
  });
  return { stats, maxErrorPp };
}

/** Exact statistics of one column (the rules of the sample-keeping simulator, unchanged). */
function exactCellOf(col: Float64Array, percents: readonly number[], scratch: Float64Array): { mean: number; sd: number; p: number[] } {
  if (col.length === 0) return { mean: NaN, sd: NaN, p: percents.map(() => NaN) };
  if (Number.isNaN(col[0]) && isAllNaN(col)) return { mean: NaN, sd: NaN, p: percents.map(() => NaN) };
  if (isConstant(col)) return { mean: col[0], sd: 0, p: percents.map(() => col[0]) };
  const m = meanSd(col);
  return { mean: m.mean, sd: m.sd, p: percentiles(col, percents, scratch) };
}

/** Streaming statistics of sketched cell s. */
function streamedCell(col: Collector, s: number, n: number): { mean: number; sd: number; p: number[]; errorPp: number } {
  const spec = col.spec!;
  const counts = col.sketch!.counts;
  const nan = counts.nan[s];
  if (nan > 0) return { mean: NaN, sd: NaN, p: col.percents.map(() => NaN), errorPp: 0 };
  if (spec.kind[s] === CONSTANT && counts.under[s] === 0 && counts.over[s] === 0) {
    const v = spec.atomLo[s];
    return { mean: v, sd: 0, p: col.percents.map(() => v), errorPp: 0 };
  }
  const { mean, sd } = cellMoments(col, s, n);
  const q = sketchPercentiles(spec, counts, s, n, col.percents);
  let errorPp = 0;
  for (let i = 0; i < REPORTED_PERCENTILES.length; i++) if (q.errorPp[i] > errorPp) errorPp = q.errorPp[i];
  return { mean, sd, p: q.values, errorPp };
}

/** Rank correlations of the inputs with each target (streaming), in layout.inputIds order. */
export function collectCorrelations(col: Collector, n: number): NonNullable<SimulationResult['rankCorrelationsByTarget']> {
  const { layout } = col;
  const k = layout.inputIds.length;
  const at = 2 * layout.sketchCells;
  const gradeMean = new Float64Array(k),
    gradeVar = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const m = col.sums[at + 2 * j] / n;
    gradeMean[j] = m;
    gradeVar[j] = col.sums[at + 2 * j + 1] / n - m * m;
  }
  return layout.targets.map((t, i) => {
    const s = layout.targetSketch[i];
    const rho =
      s < 0
        ? layout.inputIds.map(() => NaN)
        : binnedSpearman(col.spec!, col.sketch!.counts, s, n, col.sketch!.corr[i], k, gradeMean, gradeVar);
    return { outputId: t.outputId, year: t.year, rho };
  });
}

/** The first n trials of each column of a capacity-strided buffer, as a dense cells x n array. */
export function compact(buf: Float64Array, capacity: number, n: number): Float64Array {
  if (capacity === n) return buf;
  const rows = capacity > 0 ? buf.length / capacity : 0;
  const c = new Float64Array(rows * n);
  for (let r = 0; r < rows; r++) c.set(buf.subarray(r * capacity, r * capacity + n), r * n);
  return c;
}

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
