/** Descriptive statistics over typed arrays: percentiles, moments, ranks and correlations. */

/** The percentiles reported for every output and year. */
export const REPORTED_PERCENTILES = [5, 10, 50, 90, 95] as const;

/**
 * Percentile (0-100) of an ASCENDING sorted sample, linear interpolation between order statistics
 * (Hyndman-Fan type 7, the rule of Excel's PERCENTILE.INC), so the workbook can reproduce it.
 */
export function percentileSorted(sorted: ArrayLike<number>, percent: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0];
  const h = (percent / 100) * (n - 1);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and sample standard deviation (n - 1), two-pass for accuracy. */
export function meanSd(values: ArrayLike<number>): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  if (n === 1) return { mean, sd: 0 };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Insertion-sorted runs of this length start the merge sort in ranks(). */
const RUN = 16;

/**
 * Ranks 1..n with ties given their average rank. The order comes from a stable bottom-up merge sort of indices
 * over typed arrays (insertion-sorted runs of 16, then merges): about 2.5 times as fast on 50,000 samples as
 * Int32Array.sort with a comparator, which calls back into JavaScript for every comparison. Values compare
 * with `<`, so -0 and 0 tie; NaN has no rank (samples here are finite).
 */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const v = Float64Array.from(values);
  let order = new Int32Array(n);
  let spare = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let start = 0; start < n; start += RUN) {
    const end = Math.min(n, start + RUN);
    for (let i = start + 1; i < end; i++) {
      const at = order[i];
      const x = v[at];
      let j = i - 1;
      while (j >= start && v[order[j]] > x) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = at;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const mid = Math.min(n, start + width);
      const end = Math.min(n, start + 2 * width);
      let i = start;
      let j = mid;
      let k = start;
      while (i < mid && j < end) spare[k++] = v[order[j]] < v[order[i]] ? order[j++] : order[i++];
      while (i < mid) spare[k++] = order[i++];
      while (j < end) spare[k++] = order[j++];
    }
    [order, spare] = [spare, order];
  }
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]] === v[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = avg;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation; NaN when either sample is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pearson: samples differ in length (${n} vs ${y.length})`);
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman rank correlation (Pearson of average ranks). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}

/**
 * Floyd-Rivest selection (Floyd & Rivest 1975, CACM Algorithm 489): after the call a[k] is the k-th smallest
 * of a[left..right], smaller values left of it, larger right. On large ranges it first recurses on a small
 * sample-sized window around k, so the final partition is nearly exact: about n + min(k, n - k) comparisons.
 */
function selectInPlace(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectInPlace(a, k, newLeft, newRight);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Puts the order statistics `ks` (ascending, distinct) in place on successively shrinking ranges: the middle
 * one first over the whole range, then each half recursively, so later selections see ever smaller ranges.
 */
function multiSelect(a: Float64Array, ks: readonly number[], from: number, to: number, left: number, right: number): void {
  if (from >= to) return;
  const mid = (from + to) >>> 1;
  const k = ks[mid];
  selectInPlace(a, k, left, right);
  multiSelect(a, ks, from, mid, left, k - 1);
  multiSelect(a, ks, mid + 1, to, k + 1, right);
}

/** Smallest value of a[from..to] (inclusive). */
function minOf(a: Float64Array, from: number, to: number): number {
  let m = a[from];
  for (let i = from + 1; i <= to; i++) if (a[i] < m) m = a[i];
  return m;
}

/** Below this many values selection is as fast as the histogram (and the histogram needs enough buckets). */
const HISTOGRAM_MIN_N = 512;

/**
 * Type-7 percentiles (same values as percentileSorted on the sorted sample) in expected linear time
 * instead of a full sort: what makes 10,000-trial summaries cheap. Samples of HISTOGRAM_MIN_N values or
 * more go through orderStatisticsByHistogram (does not touch `work`); smaller ones, and the cases that
 * path declines, through selection, which reorders `work`.
 */
export function percentilesInPlace(work: Float64Array, percents: readonly number[]): number[] {
  return percentilesOf(work, percents, work);
}

/**
 * The same percentiles without reordering `values`: `scratch` (at least values.length long) receives a
 * copy only when selection is needed, which for large samples is rare (see percentilesInPlace).
 */
export function percentiles(values: Float64Array, percents: readonly number[], scratch: Float64Array): number[] {
  return percentilesOf(values, percents, scratch);
}

function percentilesOf(values: Float64Array, percents: readonly number[], scratch: Float64Array): number[] {
  const n = values.length;
  if (n === 0) return percents.map(() => NaN);
  if (n >= HISTOGRAM_MIN_N) {
    // The order statistics each percentile needs: floor(h), and floor(h) + 1 when it interpolates.
    const ranks: number[] = [];
    for (const percent of percents) {
      const h = (percent / 100) * (n - 1);
      const lo = Math.floor(h);
      if (!ranks.includes(lo)) ranks.push(lo);
      if (h > lo && lo + 1 < n && !ranks.includes(lo + 1)) ranks.push(lo + 1);
    }
    ranks.sort((x, y) => x - y);
    const stats = new Float64Array(ranks.length);
    // Percents outside [0, 100] (or NaN) keep the answer selection gives them.
    const valid = ranks.every((k) => Number.isInteger(k) && k >= 0 && k < n);
    if (valid && orderStatisticsByHistogram(values, ranks, stats)) {
      return percents.map((percent) => {
        const h = (percent / 100) * (n - 1);
        const lo = Math.floor(h);
        const low = stats[ranks.indexOf(lo)];
        if (!(h > lo && lo + 1 < n)) return low;
        return low + (h - lo) * (stats[ranks.indexOf(lo + 1)] - low);
      });
    }
  }
  if (scratch === values) return percentilesBySelection(values, percents);
  const work = scratch.subarray(0, n);
  work.set(values);
  return percentilesBySelection(work, percents);
}

/**
 * The selection path of percentilesInPlace: only the lower order statistic of each percentile (floor(h))
 * is selected; its upper neighbour (floor(h) + 1) is then the minimum of the range between it and the next
 * selected one, a plain scan, which halves the selections. Reorders `work`.
 */
function percentilesBySelection(work: Float64Array, percents: readonly number[]): number[] {
  const n = work.length;
  const los: number[] = [];
  for (const percent of percents) {
    const lo = Math.floor((percent / 100) * (n - 1));
    if (!los.includes(lo)) los.push(lo);
  }
  los.sort((x, y) => x - y); // ascending, whatever the order of `percents`
  multiSelect(work, los, 0, los.length, 0, n - 1);
  return percents.map((percent) => {
    const h = (percent / 100) * (n - 1);
    const lo = Math.floor(h);
    if (!(h > lo && lo + 1 < n)) return work[lo];
    // Everything right of lo up to the next selected statistic (or the end) is >= work[lo]; its minimum is
    // the (lo + 1)-th order statistic, the same value a full sort would put there.
    const next = los.find((k) => k > lo);
    const hiValue = next === lo + 1 ? work[next] : minOf(work, lo + 1, next === undefined ? n - 1 : next);
    return work[lo] + (h - lo) * (hiValue - work[lo]);
  });
}

/** Upper bound on the histogram's buckets (its counts are cleared and scanned once per call). */
const MAX_BUCKETS = 4096;
// Scratch of orderStatisticsByHistogram, grown on demand and reused (it is synchronous, never re-entered).
let bucketCounts = new Int32Array(0);
let bucketSlot = new Int32Array(0);
let candidates = new Float64Array(0);

/**
 * Exact order statistics `ranks` (0-based, ascending, distinct) of `values` into `out`, without reordering
 * `values`: a histogram over [min, max] with about four values per bucket finds the bucket of each rank,
 * only those buckets' values are copied out, and a selection among them (a few values each) gives the
 * statistic. Three plain passes over the data with well-predicted branches, against selection's data-
 * dependent partition loops, which mispredict about every other comparison.
 * The bucket index floor((x - min) * scale) never decreases as x grows (IEEE rounding is monotone), so all
 * values in a bucket lie between those of the buckets below and above: the k-th smallest overall is the
 * (k - count below its bucket)-th smallest within it. Returns false, leaving the work to selection, when
 * the values hold NaN, have an infinite or degenerate range, or a statistic is zero: selection then gives
 * the result it always gave (which of -0 and +0 it returns depends on the order it leaves).
 */
function orderStatisticsByHistogram(values: Float64Array, ranks: readonly number[], out: Float64Array): boolean {
  const n = values.length;
  let min = values[0],
    max = values[0];
  if (min !== min) return false;
  for (let i = 1; i < n; i++) {
    const x = values[i];
    if (!(x >= min)) {
      if (x !== x) return false;
      min = x;
    } else if (x > max) max = x;
  }
  const buckets = Math.min(MAX_BUCKETS, n >> 2);
  const scale = buckets / (max - min);
  if (!(scale > 0 && scale < Infinity)) return false;
  // One slot more than `buckets`: rounding can put the maximum at index `buckets`.
  if (bucketCounts.length < buckets + 1) {
    bucketCounts = new Int32Array(MAX_BUCKETS + 1);
    bucketSlot = new Int32Array(MAX_BUCKETS + 1);
  }
  const counts = bucketCounts,
    slot = bucketSlot;
  counts.fill(0, 0, buckets + 1);
  for (let i = 0; i < n; i++) counts[((values[i] - min) * scale) | 0]++;

  // Bucket of each rank; the buckets holding a rank get consecutive ranges of `candidates` (slot = next free
  // index there), the others slot -1.
  slot.fill(-1, 0, buckets + 1);
  const rankStart = new Int32Array(ranks.length); // where the rank's bucket starts in candidates
  const rankEnd = new Int32Array(ranks.length);
  let below = 0,
    total = 0,
    r = 0;
  for (let b = 0; b <= buckets && r < ranks.length; b++) {
    const count = counts[b];
    if (ranks[r] >= below + count) {
      below += count;
      continue;
    }
    slot[b] = total;
    while (r < ranks.length && ranks[r] < below + count) {
      rankStart[r] = total;
      rankEnd[r] = total + count - 1;
      out[r] = ranks[r] - below; // position within the bucket, for now
      r++;
    }
    below += count;
    total += count;
  }
  if (candidates.length < total) candidates = new Float64Array(Math.max(total, Math.min(n, 2 * candidates.length)));
  const cand = candidates;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    const b = ((x - min) * scale) | 0;
    const s = slot[b];
    if (s >= 0) {
      cand[s] = x;
      slot[b] = s + 1;
    }
  }
  for (let r = 0; r < ranks.length; r++) {
    const k = rankStart[r] + out[r];
    // A bucket of one repeated value (a share capped or clamped in many trials) needs no selection.
    if (!allEqual(cand, rankStart[r], rankEnd[r])) selectInPlace(cand, k, rankStart[r], rankEnd[r]);
    const value = cand[k];
    if (value === 0) return false;
    out[r] = value;
  }
  return true;
}

/** True when a[from..to] (inclusive) are all the same value. */
function allEqual(a: Float64Array, from: number, to: number): boolean {
  const first = a[from];
  for (let i = from + 1; i <= to; i++) if (a[i] !== first) return false;
  return true;
}
