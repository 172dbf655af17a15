import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { meanSd, pearson, percentileSorted, percentilesInPlace, ranks, spearman } from './stats';
import { relClose } from './testing';

describe('percentiles', () => {
  it('type 7 (Excel PERCENTILE.INC) on a small sample', () => {
    const sorted = [1, 2, 3, 4, 10];
    expect(percentileSorted(sorted, 50)).toBe(3);
    expect(relClose(percentileSorted(sorted, 90), 4 + 0.6 * 6, 1e-12)).toBe(true);
    expect(relClose(percentileSorted(sorted, 5), 1.2, 1e-12)).toBe(true);
  });

  it('selection gives exactly the sorted-sample percentiles, with ties and monotone input', () => {
    const rng = createRng(99);
    const samples = [
      Float64Array.from({ length: 10_001 }, () => rng.next()),
      Float64Array.from({ length: 5000 }, () => Math.floor(rng.next() * 7)),
      Float64Array.from({ length: 3000 }, (_, i) => i),
      Float64Array.from({ length: 3000 }, (_, i) => -i),
      Float64Array.of(4),
      Float64Array.of(3, 1),
      Float64Array.from({ length: 1201 }, (_, i) => (i * 7919) % 13),
    ];
    const ps = [5, 10, 50, 90, 95];
    for (const s of samples) {
      const sorted = Float64Array.from(s).sort();
      expect(percentilesInPlace(Float64Array.from(s), ps)).toEqual(ps.map((p) => percentileSorted(sorted, p)));
    }
  });

  it('upper neighbours found by scan: adjacent statistics, unordered percents, heavy ties at n = 10,000', () => {
    const rng = createRng(7);
    // n = 12: the lower statistics are 0, 1, 5, 9, 10, so several upper neighbours are themselves selected.
    const cases: [Float64Array, number[]][] = [
      [Float64Array.from({ length: 12 }, () => rng.next()), [5, 10, 50, 90, 95]],
      [Float64Array.from({ length: 10_000 }, () => Math.round(rng.next() * 20) / 4), [5, 10, 50, 90, 95]],
      [Float64Array.from({ length: 999 }, () => -rng.next()), [95, 5, 50, 10, 90, 50]],
    ];
    for (const [s, ps] of cases) {
      const sorted = Float64Array.from(s).sort();
      expect(percentilesInPlace(Float64Array.from(s), ps)).toEqual(ps.map((p) => percentileSorted(sorted, p)));
    }
  });
});

describe('moments and correlations', () => {
  it('mean and sample sd', () => {
    const { mean, sd } = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(relClose(sd, Math.sqrt(32 / 7), 1e-12)).toBe(true);
  });
  it('average ranks for ties', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });
  it('Spearman is 1 for any increasing relation, Pearson is not', () => {
    const x = Array.from({ length: 50 }, (_, i) => i + 1);
    const y = x.map((v) => Math.exp(v / 5));
    expect(spearman(x, y)).toBe(1);
    expect(pearson(x, y)).toBeLessThan(0.9);
    expect(spearman(x, y.map((v) => -v))).toBe(-1);
  });
});
