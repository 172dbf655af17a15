/**
 * Streaming statistics (memory independent of the number of trials) against the exact computation on the same
 * trials: percentiles within 0.1 percentile points (the reported value lies between the exact percentiles at
 * p - 0.1 and p + 0.1), the certified bound the result reports below 0.1, means and SDs to rounding, rank
 * correlations within 0.005. And the same bits however the run is stepped (the basis of thread independence).
 */
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA as data } from '../../../tests/helpers/referenceData';
import { PARAMS, defaultValues } from '../params';
// compile, not run (which re-exports it): run also loads the expression evaluator (mathjs), seconds of import this file never uses.
import { compileModel } from '../compile';
import { buildSpec, createCounts, binValues, mergeCounts, sketchPercentiles } from './sketch';
import { rankCorrelations } from './sensitivity';
import { createSimulation, runSimulation, type SimulationResult } from './simulation';
import { toyModel, toyParam } from '../../../tests/helpers/toyModel';
import { percentileSorted, REPORTED_PERCENTILES } from './stats';

const SUMMARY = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.share.UnitedStates',
  'nev.sales.World',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'exports.chinaSupplyShare.Europe',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
];

/** True when `a` and `b` hold the same doubles bit for bit. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  const x = new Int32Array(a.buffer, a.byteOffset, 2 * a.length),
    y = new Int32Array(b.buffer, b.byteOffset, 2 * b.length);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** True when sorting `a` (Float64Array.prototype.sort: -0 before +0, NaN last) would leave it as it is. */
function isSorted(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i - 1] < a[i] || Object.is(a[i - 1], a[i]))) return false;
  return true;
}

/**
 * Largest distance, in percentile points, between a streaming percentile and the exact one (0 when within its own rank).
 * Every (output, year) column is checked against its own sorted copy, made without the work that cannot change it:
 * a column equal bit for bit to the year before (the R&D decision, flat tariffs) shares that year's sorted copy, a
 * column already in order (a history year: one value in every trial) is its own sorted copy, and the others are
 * sorted in one reused buffer, not a fresh array per column (on the 50,000-trial run: 103 sorts instead of 260,
 * and 0.4 MB allocated instead of 104 MB; the sorted copies are the same doubles).
 */
function worstRankErrorPp(exact: SimulationResult, streamed: SimulationResult): { pp: number; where: string } {
  const n = exact.iterations;
  const ny = exact.years.length;
  const buffer = new Float64Array(n);
  let worst = { pp: 0, where: '' };
  exact.outputIds.forEach((id, o) => {
    let sorted: Float64Array = buffer;
    for (let y = 0; y < ny; y++) {
      const column = exact.outputSamples.subarray((o * ny + y) * n, (o * ny + y + 1) * n);
      const repeat = y > 0 && sameBits(column, exact.outputSamples.subarray((o * ny + y - 1) * n, (o * ny + y) * n));
      if (!repeat) {
        if (isSorted(column)) sorted = column;
        else {
          sorted = buffer;
          sorted.set(column);
          sorted.sort();
        }
      }
      REPORTED_PERCENTILES.forEach((p, i) => {
        const key = (['p5', 'p10', 'p50', 'p90', 'p95'] as const)[i];
        const v = streamed.stats[o][key][y];
        if (Number.isNaN(v) && Number.isNaN(exact.stats[o][key][y])) return;
        // The smallest d (in steps of 0.001 pp) with P(p - d) <= v <= P(p + d) on the exact sample.
        let d = 0;
        const slack = 1e-12 * Math.max(1, Math.abs(v));
        while (
          d < 5 &&
          !(percentileSorted(sorted, Math.max(0, p - d)) - slack <= v && v <= percentileSorted(sorted, Math.min(100, p + d)) + slack)
        )
          d += 0.001;
        if (d > worst.pp) worst = { pp: d, where: `${id} ${exact.years[y]} P${p}` };
      });
    }
  });
  return worst;
}

describe('streaming statistics against the exact ones, real models', () => {
  const model = compileModel(data, { outputIds: SUMMARY });
  for (const [sampling, n] of [
    ['lhs', 50_000],
    ['mc', 30_000],
  ] as const) {
    it(`${sampling.toUpperCase()}, ${n} trials: percentiles within 0.1 pp, bound reported, means to rounding, rank correlations within 0.005`, () => {
      const options = { model, params: PARAMS, values: defaultValues(), iterations: n, seed: 11, sampling };
      const exact = runSimulation({ ...options, statistics: 'exact' });
      const streamed = runSimulation({ ...options, statistics: 'streaming' });
      expect(streamed.statistics).toBe('streaming');
      expect(streamed.outputSamples.length).toBe(0);
      const worst = worstRankErrorPp(exact, streamed);
      expect(worst.pp, worst.where).toBeLessThanOrEqual(0.1);
      expect(streamed.accuracy!.maxRankErrorPp).toBeLessThanOrEqual(0.1);
      exact.stats.forEach((s, o) =>
        s.mean.forEach((mean, y) => {
          const other = streamed.stats[o];
          if (Number.isNaN(mean)) return expect(other.mean[y]).toBeNaN();
          expect(Math.abs(other.mean[y] - mean)).toBeLessThanOrEqual(1e-9 * Math.max(Math.abs(mean), 1e-300));
          expect(Math.abs(other.sd[y] - s.sd[y])).toBeLessThanOrEqual(1e-6 * Math.max(s.sd[y], 1e-300));
        }),
      );
      const last = exact.years[exact.years.length - 1];
      let worstRho = 0;
      for (const id of SUMMARY) {
        const a = rankCorrelations(exact, id, last);
        const b = new Map(rankCorrelations(streamed, id, last).map((r) => [r.paramId, r.rho]));
        for (const r of a) if (!Number.isNaN(r.rho)) worstRho = Math.max(worstRho, Math.abs(r.rho - b.get(r.paramId)!));
      }
      expect(worstRho).toBeLessThanOrEqual(0.005);
    }, 120_000);
  }
});

describe('streaming statistics, toy models', () => {
  // y = a with a ~ U(0, 10): exact quantiles known; b clamped at 2 half the time (a tie at the minimum).
  const model = toyModel(['a', 'b'], ['y', 'capped'], [2030, 2031], (p) => [p[0], p[1]]);
  const params = [
    toyParam('a', 5, { distribution: { kind: 'uniform', min: 0, max: 10 } }),
    toyParam('b', 2, { min: 2, max: 10, distribution: { kind: 'uniform', min: -2, max: 6 } }),
  ];
  const base = { model, params, iterations: 40_000, seed: 3, sampling: 'lhs' as const, statistics: 'streaming' as const };

  it('gives the same bits however the run is stepped', () => {
    const whole = runSimulation(base);
    for (const stepSize of [1, 777, 4096]) {
      const run = createSimulation(base);
      while (!run.step(stepSize));
      const r = run.result();
      expect(r.stats).toEqual(whole.stats);
      expect(r.rankCorrelationsByTarget).toEqual(whole.rankCorrelationsByTarget);
    }
  });

  it('reports an atom exactly and a uniform within its bound', () => {
    const r = runSimulation(base);
    const capped = r.stats.find((s) => s.id === 'capped')!;
    // Half the mass sits at the bound 2 (b below 2 is clamped): P5..P50 are exactly 2.
    expect(capped.p5[0]).toBe(2);
    expect(capped.p10[0]).toBe(2);
    const y = r.stats.find((s) => s.id === 'y')!;
    for (const [got, want] of [
      [y.p5[0], 0.5],
      [y.p50[0], 5],
      [y.p95[0], 9.5],
    ])
      expect(Math.abs(got - want)).toBeLessThan(0.02);
    const rho = rankCorrelations(r, 'y', 2031);
    expect(rho[0]).toEqual({ paramId: 'a', rho: expect.closeTo(1, 4) });
  });

  it('counts past 65,535 values per cell (16-bit bins moved to 32 bits in time)', () => {
    const values = Float64Array.from({ length: 200_000 }, (_, i) => (i % 1000) / 1000);
    const spec = buildSpec(values.subarray(0, 1000), 1000, 1);
    const counts = createCounts(1);
    const moments = new Float64Array(2);
    for (let from = 0; from < 120_000; from += 1000) binValues(spec, counts, 0, values, from, 1000, moments, new Int32Array(0), -1);
    binValues(spec, counts, 0, values, 120_000, 80_000, moments, new Int32Array(0), -1);
    const total = Array.from(counts.fine, (v, i) => v + (counts.wide ? counts.wide[i] : 0)).reduce((a, b) => a + b, 0);
    expect(total + counts.atLo[0] + counts.atHi[0] + counts.under[0] + counts.over[0]).toBe(200_000);
    const q = sketchPercentiles(spec, counts, 0, 200_000, [50]);
    expect(Math.abs(q.values[0] - 0.4995)).toBeLessThan(0.002);
  });

  it('merges histograms exactly in any order', () => {
    const values = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 100 + (i % 7));
    const spec = buildSpec(values.subarray(0, 512), 512, 1);
    const whole = createCounts(1),
      a = createCounts(1),
      b = createCounts(1);
    const moments = new Float64Array(2);
    const bins = new Int32Array(0);
    binValues(spec, whole, 0, values, 0, 3000, moments, bins, -1);
    binValues(spec, a, 0, values, 0, 1234, moments, bins, -1);
    binValues(spec, b, 0, values, 1234, 1766, moments, bins, -1);
    mergeCounts(b, a);
    const totals = (k: typeof whole) => Array.from(k.fine, (v, i) => v + (k.wide ? k.wide[i] : 0));
    expect(totals(b)).toEqual(totals(whole));
    for (const key of ['under', 'over', 'atLo', 'atHi', 'nan', 'min', 'max'] as const) expect(b[key]).toEqual(whole[key]);
    const sorted = Float64Array.from(values).sort();
    const q = sketchPercentiles(spec, whole, 0, 3000, [5, 50, 95]);
    [5, 50, 95].forEach((p, i) => {
      expect(q.values[i]).toBeGreaterThanOrEqual(percentileSorted(sorted, p - q.errorPp[i]) - 1e-9);
      expect(q.values[i]).toBeLessThanOrEqual(percentileSorted(sorted, p + q.errorPp[i]) + 1e-9);
    });
  });
});
