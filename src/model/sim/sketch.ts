/**
 * Streaming, mergeable statistics of simulation outputs in memory independent of the number of trials
 * (docs/simulation.md, "Streaming statistics"): a pilot-shaped histogram per output cell for percentiles,
 * binned rank sums for Spearman correlations with the inputs. Everything a shard accumulates is an integer
 * count, an integer-valued sum below 2^53, a minimum or a maximum, so shards merge exactly, in any order:
 * a run gives the same bits whatever the number of threads. (Moments are order-dependent floating-point sums
 * and are merged in chunk order by the caller, engine.ts.)
 *
 * Histogram of one cell: the pilot (the first trials of the run) is cut at its order statistics into SEGMENTS
 * segments of equal pilot mass (so narrow where the output is dense), each split into FINE equal-width bins:
 * about 1/4096 of the trials per bin wherever the distribution is, tails included. A tie at the pilot's
 * minimum or maximum (an output at a cap) is an atom counted on its own, so a percentile inside it is exact.
 * Values outside the pilot's range go to an under- or overflow bin with the exact extremes.
 *
 * Percentile: the bin holding the order statistic is found from the counts and the value interpolated inside
 * it. The order statistics between which the reported value lies are at most the bin's count away from the
 * target rank: that count over n is the certified rank error, reported with the result (a bound, not an
 * estimate; about 0.03 percentile points at the defaults, tested against exact percentiles).
 */

import { release, takeUint16 } from './pool';

export const SEGMENTS = 64;
export const FINE = 64;
/** log2(FINE): a fine bin's segment is bin >> FINE_BITS. */
const FINE_BITS = 6;
const BINS = SEGMENTS * FINE;
/** Entries of the equal-width table that finds a value's segment in one step (plus a short scan). */
const TABLE = 256;
/** Correlation bins per segment: fine bin >> CORR_SHIFT. */
const CORR_SHIFT = 4;
export const CORR_PER_SEGMENT = FINE >> CORR_SHIFT;
/** Correlation bins of a target: under, atom low, SEGMENTS * CORR_PER_SEGMENT, atom high, over. */
export const CORR_BINS = SEGMENTS * CORR_PER_SEGMENT + 4;
/** Input grades are summed as integers grade * 2^GRADE_BITS (exact in doubles up to 2^23 trials). */
export const GRADE_SCALE = 2 ** 30;

/** Kind of a sketched cell, fixed by the pilot. */
export const CONSTANT = 0;
export const BINNED = 1;

/** How each sketched cell is binned; derived from the pilot only, so every shard bins alike. Plain typed arrays (cloneable). */
export interface SketchSpec {
  cells: number;
  kind: Uint8Array;
  /** cells * (SEGMENTS + 1) segment boundaries: pilot order statistics, non-decreasing. */
  knots: Float64Array;
  /** cells * SEGMENTS: FINE / segment width (0 for an empty segment). */
  inv: Float64Array;
  /** cells * TABLE: the segment holding each table entry's left edge. */
  table: Uint8Array;
  /** TABLE / (last knot - first knot) per cell. */
  tableScale: Float64Array;
  /** A value tied at the pilot's minimum / maximum (counted apart, exactly), NaN when there is none. */
  atomLo: Float64Array;
  atomHi: Float64Array;
  /** Pilot mean per cell: moments are accumulated as sums of x - shift. */
  shift: Float64Array;
}

/** What a shard accumulates per sketched cell; merged by adding (counts) and min/max. */
export interface SketchCounts {
  cells: number;
  /**
   * Fine-bin counts in 16 bits (half the memory, so more of it stays in cache), moved into `wide` (32 bits,
   * made when first needed) before any bin could pass 65,535: per cell, `sinceFlush` bounds what was added.
   */
  /** Per cell: the smallest value below the pilot's range and the largest above it (the pilot's own extremes are its first and last knots). */
  fine: Uint16Array;
  wide: Int32Array | null;
  sinceFlush: Int32Array;
  under: Int32Array;
  over: Int32Array;
  atLo: Int32Array;
  atHi: Int32Array;
  nan: Int32Array;
  min: Float64Array;
  max: Float64Array;
}

/** Builds the spec from pilot values: pilot[c * n + t] for cell c, trial t (any order of trials). */
export function buildSpec(pilot: Float64Array, n: number, cells: number): SketchSpec {
  const spec: SketchSpec = {
    cells,
    kind: new Uint8Array(cells),
    knots: new Float64Array(cells * (SEGMENTS + 1)),
    inv: new Float64Array(cells * SEGMENTS),
    table: new Uint8Array(cells * TABLE),
    tableScale: new Float64Array(cells),
    atomLo: new Float64Array(cells).fill(NaN),
    atomHi: new Float64Array(cells).fill(NaN),
    shift: new Float64Array(cells),
  };
  const sorted = new Float64Array(n);
  for (let c = 0; c < cells; c++) {
    let finite = 0;
    let sum = 0;
    let min = Infinity,
      max = -Infinity;
    for (let t = 0; t < n; t++) {
      const x = pilot[c * n + t];
      if (x === x) {
        sorted[finite++] = x;
        sum += x;
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    spec.shift[c] = finite > 0 ? sum / finite : 0;
    const k0 = c * (SEGMENTS + 1);
    // A constant cell needs no sort (a tenth of the cells of a full run: outputs no sampled input moves);
    // zero is sorted anyway, so a mix of -0 and +0 keeps the sorted -0 as before.
    const s = finite === 0 || (min === max && min !== 0) ? sorted : sorted.subarray(0, finite).sort();
    if (finite === 0 || s[0] === s[finite - 1]) {
      // Constant in the pilot (or no value): one atom; anything else lands under or over it.
      spec.kind[c] = CONSTANT;
      const v = finite > 0 ? s[0] : NaN;
      spec.atomLo[c] = v;
      spec.knots.fill(v, k0, k0 + SEGMENTS + 1);
      continue;
    }
    spec.kind[c] = BINNED;
    for (let j = 0; j <= SEGMENTS; j++) spec.knots[k0 + j] = s[Math.round((j * (finite - 1)) / SEGMENTS)];
    if (s[1] === s[0]) spec.atomLo[c] = s[0];
    if (s[finite - 2] === s[finite - 1]) spec.atomHi[c] = s[finite - 1];
    const lo = spec.knots[k0],
      hi = spec.knots[k0 + SEGMENTS];
    for (let j = 0; j < SEGMENTS; j++) {
      const w = spec.knots[k0 + j + 1] - spec.knots[k0 + j];
      spec.inv[c * SEGMENTS + j] = w > 0 ? FINE / w : 0;
    }
    const scale = TABLE / (hi - lo);
    spec.tableScale[c] = scale;
    let j = 0;
    for (let e = 0; e < TABLE; e++) {
      const edge = lo + e / scale;
      while (j < SEGMENTS - 1 && edge >= spec.knots[k0 + j + 1]) j++;
      spec.table[c * TABLE + e] = j;
    }
  }
  return spec;
}

export function createCounts(cells: number): SketchCounts {
  return {
    cells,
    fine: takeUint16(cells * BINS),
    wide: null,
    sinceFlush: new Int32Array(cells),
    under: new Int32Array(cells),
    over: new Int32Array(cells),
    atLo: new Int32Array(cells),
    atHi: new Int32Array(cells),
    nan: new Int32Array(cells),
    min: new Float64Array(cells).fill(Infinity),
    max: new Float64Array(cells).fill(-Infinity),
  };
}

/** Gives the histogram back to the pool for the next run. */
export function releaseCounts(counts: SketchCounts): void {
  release(counts.fine);
  counts.wide = null;
}

/** Moves cell c's 16-bit counts into the 32-bit ones. */
function flushCell(counts: SketchCounts, c: number): void {
  const wide = (counts.wide ??= new Int32Array(counts.cells * BINS));
  const fine = counts.fine;
  for (let i = c * BINS; i < (c + 1) * BINS; i++) wide[i] += fine[i];
  fine.fill(0, c * BINS, (c + 1) * BINS);
  counts.sinceFlush[c] = 0;
}

/** Count of fine bin b (0 .. BINS - 1) of cell c. */
function fineCount(counts: SketchCounts, c: number, b: number): number {
  const i = c * BINS + b;
  return counts.wide === null ? counts.fine[i] : counts.fine[i] + counts.wide[i];
}

/** Adds b into a (exact: integer counts, min and max). */
export function mergeCounts(a: SketchCounts, b: SketchCounts): void {
  const wide = (a.wide ??= new Int32Array(a.cells * BINS));
  for (let i = 0; i < wide.length; i++) wide[i] += a.fine[i] + b.fine[i] + (b.wide === null ? 0 : b.wide[i]);
  a.fine.fill(0);
  a.sinceFlush.fill(0);
  for (let c = 0; c < a.cells; c++) {
    a.under[c] += b.under[c];
    a.over[c] += b.over[c];
    a.atLo[c] += b.atLo[c];
    a.atHi[c] += b.atHi[c];
    a.nan[c] += b.nan[c];
    if (b.min[c] < a.min[c]) a.min[c] = b.min[c];
    if (b.max[c] > a.max[c]) a.max[c] = b.max[c];
  }
}

/** Sink of touch()'s loads, so the compiler keeps them. */
let _touched = 0;

/** Reads one 16-bit count per 64-byte line of a cell's BINS counts from `at` (a multiple of 32: lines are 32 counts). */
function touch(fine: Uint16Array, at: number): number {
  let x = 0;
  for (let i = at; i < at + BINS; i += 32) x ^= fine[i];
  return x;
}

/**
 * Bins `count` values of cell c (values[from .. from + count)) and adds their moments about the cell's shift
 * to moments[2c] (sum) and moments[2c + 1] (sum of squares). When corrAt >= 0, the correlation bin of each
 * value is written to corrBin[corrAt ..]. The hot loop of a streaming run: one call per cell and block.
 */
export function binValues(
  spec: SketchSpec,
  counts: SketchCounts,
  c: number,
  values: Float64Array,
  from: number,
  count: number,
  moments: Float64Array,
  corrBin: Int32Array,
  corrAt: number,
): void {
  if (count > 65535) {
    // More than a 16-bit count can take at once: in pieces (the engine bins a chunk at a time, far fewer).
    for (let o = 0; o < count; o += 65535)
      binValues(spec, counts, c, values, from + o, Math.min(65535, count - o), moments, corrBin, corrAt < 0 ? -1 : corrAt + o);
    return;
  }
  if (counts.sinceFlush[c] + count > 65535) flushCell(counts, c);
  counts.sinceFlush[c] += count;
  // The cell's 8 KB of bins were evicted since its last block (hundreds of cells pass in between): read them
  // in order first, one load per cache line, which the hardware prefetcher streams, instead of taking a
  // dependent miss on most of the random increments below.
  if (spec.kind[c] === BINNED && count >= 64) _touched ^= touch(counts.fine, c * BINS);
  const shift = spec.shift[c];
  // Running sums continued value by value (not per call), so any split of the trials into calls adds the
  // same doubles in the same order: the same bits for any chunking.
  let s1 = moments[2 * c],
    s2 = moments[2 * c + 1];
  let min = counts.min[c],
    max = counts.max[c];
  const atomLo = spec.atomLo[c],
    atomHi = spec.atomHi[c];
  const k0 = c * (SEGMENTS + 1);
  const knots = spec.knots;
  const lo = knots[k0],
    hi = knots[k0 + SEGMENTS];
  let under = 0,
    over = 0,
    atLo = 0,
    atHi = 0,
    nan = 0;
  if (spec.kind[c] === CONSTANT) {
    for (let i = 0; i < count; i++) {
      const x = values[from + i];
      const d = x - shift;
      s1 += d;
      s2 += d * d;
      let bin = 0;
      if (x !== x) {
        nan++;
      } else if (x === atomLo) {
        atLo++;
        bin = 1;
      } else if (x < atomLo) {
        under++;
        if (x < min) min = x;
      } else {
        // Above the constant, or anything when the pilot had no value at all.
        over++;
        if (x > max) max = x;
        bin = CORR_BINS - 1;
      }
      if (corrAt >= 0) corrBin[corrAt + i] = bin;
    }
  } else if (corrAt < 0 && atomLo !== atomLo && atomHi !== atomHi) {
    // The common case, lean: no atom to test, no correlation bin to record.
    const fine = counts.fine,
      inv = spec.inv,
      table = spec.table;
    const f0 = c * BINS,
      i0 = c * SEGMENTS,
      t0 = c * TABLE;
    const scale = spec.tableScale[c];
    const end = from + count;
    for (let i = from; i < end; i++) {
      const x = values[i];
      const d = x - shift;
      s1 += d;
      s2 += d * d;
      if (x >= lo && x <= hi) {
        let e = ((x - lo) * scale) | 0;
        if (e >= TABLE) e = TABLE - 1;
        let j = table[t0 + e];
        while (j < SEGMENTS - 1 && x >= knots[k0 + j + 1]) j++;
        let f = ((x - knots[k0 + j]) * inv[i0 + j]) | 0;
        if (f >= FINE) f = FINE - 1;
        fine[f0 + j * FINE + f]++;
      } else if (x < lo) {
        under++;
        if (x < min) min = x;
      } else if (x > hi) {
        over++;
        if (x > max) max = x;
      } else nan++;
    }
  } else {
    const fine = counts.fine,
      inv = spec.inv,
      table = spec.table;
    const f0 = c * BINS,
      i0 = c * SEGMENTS,
      t0 = c * TABLE;
    const scale = spec.tableScale[c];
    for (let i = 0; i < count; i++) {
      const x = values[from + i];
      const d = x - shift;
      s1 += d;
      s2 += d * d;
      let bin = 0;
      if (x < lo) {
        // The pilot's extremes are trials of the run: only values outside them can be new extremes.
        under++;
        if (x < min) min = x;
      } else if (x > hi) {
        over++;
        if (x > max) max = x;
        bin = CORR_BINS - 1;
      } else if (x === atomLo) {
        atLo++;
        bin = 1;
      } else if (x === atomHi) {
        atHi++;
        bin = CORR_BINS - 2;
      } else if (x === x) {
        let e = ((x - lo) * scale) | 0;
        if (e >= TABLE) e = TABLE - 1;
        let j = table[t0 + e];
        while (j < SEGMENTS - 1 && x >= knots[k0 + j + 1]) j++;
        let f = ((x - knots[k0 + j]) * inv[i0 + j]) | 0;
        if (f >= FINE) f = FINE - 1;
        const b = j * FINE + f;
        fine[f0 + b]++;
        bin = 2 + (b >> CORR_SHIFT);
      } else {
        nan++;
      }
      if (corrAt >= 0) corrBin[corrAt + i] = bin;
    }
  }
  moments[2 * c] = s1;
  moments[2 * c + 1] = s2;
  counts.min[c] = min;
  counts.max[c] = max;
  counts.under[c] += under;
  counts.over[c] += over;
  counts.atLo[c] += atLo;
  counts.atHi[c] += atHi;
  counts.nan[c] += nan;
}

/**
 * Percentiles (0-100, Hyndman-Fan type 7 positions) of cell c from its merged counts (n values, no NaN),
 * with the certified rank error of each in percentile points: the reported value lies between the order
 * statistics `errorPp` percentile points below and above the exact one. One pass over the bins in value
 * order: under (below the pilot range), the low atom, the fine bins, the high atom, over.
 */
export function sketchPercentiles(
  spec: SketchSpec,
  counts: SketchCounts,
  c: number,
  n: number,
  percents: readonly number[],
): { values: number[]; errorPp: number[] } {
  const m = percents.length;
  const h = percents.map((p) => (p / 100) * (n - 1));
  const order = h.map((_, i) => i).sort((x, y) => h[x] - h[y]);
  const values: number[] = new Array(m).fill(NaN);
  const errorPp: number[] = new Array(m).fill(NaN);
  const k0 = c * (SEGMENTS + 1);
  // The exact extremes: the pilot's, unless a value fell outside them.
  const min = counts.under[c] > 0 ? counts.min[c] : spec.knots[k0];
  const max = counts.over[c] > 0 ? counts.max[c] : spec.knots[k0 + SEGMENTS];
  const binned = spec.kind[c] === BINNED;
  const lastBin = 2 + BINS + 1;
  // Segment totals let the walk skip whole segments that hold no target rank.
  const segTotal = new Float64Array(SEGMENTS);
  if (binned) for (let b = 0; b < BINS; b++) segTotal[b >> FINE_BITS] += fineCount(counts, c, b);
  let below = 0;
  let next = 0;
  for (let bin = 0; bin <= lastBin && next < m; bin++) {
    if (binned && bin >= 2 && bin < 2 + BINS && ((bin - 2) & (FINE - 1)) === 0) {
      const j = (bin - 2) >> FINE_BITS;
      if (h[order[next]] >= below + segTotal[j]) {
        below += segTotal[j];
        bin += FINE - 1;
        continue;
      }
    }
    let count = 0,
      lo = 0.5,
      hi = 0.5;
    if (bin === 0) {
      count = counts.under[c];
      lo = min;
      hi = spec.knots[k0];
    } else if (bin === 1) {
      count = counts.atLo[c];
      lo = hi = spec.atomLo[c];
    } else if (bin < 2 + BINS) {
      if (!binned) continue;
      const b = bin - 2;
      count = fineCount(counts, c, b);
      if (count === 0) continue;
      const j = b >> FINE_BITS,
        f = b & (FINE - 1);
      const a = spec.knots[k0 + j],
        e = spec.knots[k0 + j + 1];
      const w = (e - a) / FINE;
      lo = a + f * w;
      hi = f === FINE - 1 ? e : a + (f + 1) * w;
    } else if (bin === 2 + BINS) {
      count = counts.atHi[c];
      lo = hi = spec.atomHi[c];
    } else {
      count = counts.over[c];
      lo = spec.knots[k0 + SEGMENTS];
      hi = max;
    }
    if (count === 0) continue;
    if (lo < min) lo = min;
    if (hi > max) hi = max;
    if (lo > hi) lo = hi;
    while (next < m && h[order[next]] < below + count) {
      const i = order[next++];
      if (lo === hi) {
        values[i] = lo;
        // Every order statistic inside an atom is its value; only an interpolation past its last one moves.
        errorPp[i] = h[i] - Math.floor(h[i]) > 0 && Math.floor(h[i]) + 1 >= below + count ? 100 / n : 0;
      } else {
        const position = (h[i] - below + 0.5) / count;
        values[i] = lo + (position > 1 ? 1 : position) * (hi - lo);
        errorPp[i] = (100 * (count + 1)) / n;
      }
    }
    below += count;
  }
  return { values, errorPp };
}

/**
 * Spearman correlation of each input with a target cell, from the binned grade sums of the inputs
 * (sums[j * CORR_BINS + b]: the integer grades of input j over the trials whose output fell in correlation bin b)
 * and the inputs' grade moments (mean and population variance of the grades). Each output value takes the
 * average rank of its bin (the exact rank within a few bins of width about 1/1000 of the trials; the error
 * this leaves is of second order, about rho / 10^5); each input its grade, its rank over n.
 */
export function binnedSpearman(
  spec: SketchSpec,
  counts: SketchCounts,
  c: number,
  n: number,
  sums: Float64Array,
  k: number,
  gradeMean: Float64Array,
  gradeVar: Float64Array,
): number[] {
  // Trials per correlation bin, from the fine counts (the same assignment binValues made).
  const m = new Float64Array(CORR_BINS);
  m[0] = counts.under[c];
  m[1] = counts.atLo[c];
  if (spec.kind[c] === BINNED) {
    for (let b = 0; b < BINS; b++) m[2 + (b >> CORR_SHIFT)] += fineCount(counts, c, b);
  }
  m[CORR_BINS - 2] = counts.atHi[c];
  m[CORR_BINS - 1] = counts.over[c];
  const meanRank = (n + 1) / 2;
  const midRank = new Float64Array(CORR_BINS);
  let below = 0;
  let varR = 0;
  for (let b = 0; b < CORR_BINS; b++) {
    const count = m[b];
    if (count === 0) continue;
    midRank[b] = below + (count + 1) / 2;
    const d = midRank[b] - meanRank;
    varR += count * d * d;
    // Distinct values inside a bin (not an atom) keep their rank spread.
    if (b !== 1 && b !== CORR_BINS - 2) varR += (count * (count * count - 1)) / 12;
    below += count;
  }
  varR /= n;
  const rho: number[] = [];
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let b = 0; b < CORR_BINS; b++) if (m[b] > 0) s += midRank[b] * (sums[j * CORR_BINS + b] / GRADE_SCALE);
    const cov = s / n - gradeMean[j] * meanRank;
    const denominator = Math.sqrt(gradeVar[j] * varR);
    rho.push(denominator > 0 ? cov / denominator : NaN);
  }
  return rho;
}
