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

/** Ranks 1..n with ties given their average rank. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
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

/**
 * Type-7 percentiles (same values as percentileSorted on the sorted sample) by selection of the needed
 * order statistics, in expected linear time instead of a full sort: what makes 10,000-trial summaries
 * cheap. Only the lower order statistic of each percentile (floor(h)) is selected; its upper neighbour
 * (floor(h) + 1) is then the minimum of the range between it and the next selected one, a plain scan,
 * which halves the selections. Reorders `work`.
 */
export function percentilesInPlace(work: Float64Array, percents: readonly number[]): number[] {
  const n = work.length;
  if (n === 0) return percents.map(() => NaN);
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
