import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { meanSd, pearson, percentileSorted, percentiles, percentilesInPlace, ranks, spearman } from './stats';
import { isClose } from '../../../tests/helpers/tolerance';

describe('percentiles', () => {
  it('type 7 (Excel PERCENTILE.INC) on a small sample', () => {
    const sorted = [1, 2, 3, 4, 10];
    expect(percentileSorted(sorted, 50)).toBe(3);
    expect(isClose(percentileSorted(sorted, 90), 4 + 0.6 * 6, 1e-12)).toBe(true);
    expect(isClose(percentileSorted(sorted, 5), 1.2, 1e-12)).toBe(true);
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

  it('histogram path (n >= 512): exact order statistics on skewed, tied, clamped, signed-zero and extreme samples', () => {
    const rng = createRng(11);
    const gens: ((n: number) => Float64Array)[] = [
      (n) => Float64Array.from({ length: n }, () => Math.exp(12 * rng.next() ** 4)), // long right tail
      (n) => Float64Array.from({ length: n }, () => Math.min(1, 1.6 * rng.next())), // 37 % clamped at exactly 1
      (n) => Float64Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 1 + 2 ** -52)), // two adjacent doubles
      (n) => Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? -0 : rng.next() < 0.5 ? 0 : rng.next() - 0.5)),
      (n) => Float64Array.from({ length: n }, () => (rng.next() - 0.5) * 2 * 1.7e308), // max - min overflows to Infinity
      (n) => Float64Array.from({ length: n }, () => rng.next() * 1e-320), // subnormal
      (n) => Float64Array.from({ length: n }, (_, i) => (i === 3 ? 1e300 : i === 9 ? -1e300 : rng.next())), // two far outliers
      (n) => Float64Array.from({ length: n }, (_, i) => n - i),
    ];
    for (const n of [512, 1000, 10_000]) {
      for (const gen of gens) {
        const s = gen(n);
        const sorted = Float64Array.from(s).sort();
        for (const ps of [
          [5, 10, 50, 90, 95],
          [0, 100, 37.5],
        ]) {
          const got = percentilesInPlace(Float64Array.from(s), ps);
          // == on purpose: which of -0 and +0 a tie returns is not specified.
          ps.forEach((p, i) => expect(got[i] === percentileSorted(sorted, p), `n ${n}, P${p}: ${got[i]}`).toBe(true));
        }
      }
    }
  });

  it('percentiles(values, ps, scratch) leaves values untouched and equals percentilesInPlace on both paths', () => {
    const rng = createRng(5);
    const ps = [5, 10, 50, 90, 95];
    const samples = [
      Float64Array.from({ length: 300 }, () => rng.next()), // selection (small n)
      Float64Array.from({ length: 10_000 }, () => rng.next()), // histogram
      Float64Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0 : -0)), // histogram declines (zero): selection
    ];
    for (const s of samples) {
      const before = Float64Array.from(s);
      const got = percentiles(s, ps, new Float64Array(s.length));
      expect(Array.from(s)).toEqual(Array.from(before));
      expect(got).toEqual(percentilesInPlace(Float64Array.from(s), ps));
    }
  });
});

describe('moments and correlations', () => {
  it('mean and sample sd', () => {
    const { mean, sd } = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(mean).toBe(5);
    expect(isClose(sd, Math.sqrt(32 / 7), 1e-12)).toBe(true);
  });
  it('average ranks for ties', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });
  it('ranks are (values below) + (ties + 1) / 2, across the runs and merges of the sort, ties and signed zeros included', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of [0, 1, 2, 15, 16, 17, 33, 1000, 1537]) {
      // A quarter of the values drawn from 5 levels (long runs of ties), the rest distinct; -0 ties with 0.
      const values = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? -0 : next() < 0.25 ? Math.floor(next() * 5) : next() * 10 - 5));
      const expected = values.map((x) => {
        let below = 0;
        let tied = 0;
        for (const y of values) {
          if (y < x) below++;
          else if (y === x) tied++;
        }
        return below + (tied + 1) / 2;
      });
      expect(Array.from(ranks(values)), `n = ${n}`).toEqual(expected);
    }
  });
  it('Spearman is 1 for any increasing relation, Pearson is not', () => {
    const x = Array.from({ length: 50 }, (_, i) => i + 1);
    const y = x.map((v) => Math.exp(v / 5));
    expect(spearman(x, y)).toBe(1);
    expect(pearson(x, y)).toBeLessThan(0.9);
    expect(
      spearman(
        x,
        y.map((v) => -v),
      ),
    ).toBe(-1);
  });
});
