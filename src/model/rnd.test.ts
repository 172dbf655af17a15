import { describe, expect, it } from 'vitest';
import { assertClose } from '../../tests/helpers/tolerance';
import { allocateShares, cycleTimeMonths, emptyRndPoint, evaluateRnd, feasibleChinaRange, optimiseRnd, type RndInputs } from './rnd';

function inputs(over: Partial<RndInputs> = {}): RndInputs {
  return {
    budgetUsdM: 680,
    costUsdK: Float64Array.from([62.25, 150, 180, 45]),
    caps: Float64Array.from([0.6, 1, 0.4, 0.3]),
    weights: Float64Array.from([0, 0.6, 0.3, 0.1]),
    cycleBaseMonths: 36,
    cycleMinMonths: 12,
    kappa: 2.3,
    valueToBudgetRatio: 1.67,
    speedDecayPerYear: 0.3,
    productivityElasticity: 0.5,
    discountRate: 0.08,
    decouplingProbability: 0.05,
    decouplingLossMultiple: 11.7,
    horizonYears: 15,
    annuity: (1 - 1.08 ** -15) / 0.08,
    ...over,
  };
}

describe('cycle time', () => {
  it('meets the anchors (the @example runs in tests/examples.test.ts)', () => {
    // Component programmes: Marelli 36 months before "China Speed", floor 12; kappa = ln 10 puts an all-China
    // footprint within 10 % of the gap above the floor.
    assertClose(cycleTimeMonths(1, 36, 12, Math.log(10)), 12 + 2.4);
    expect(cycleTimeMonths(50, 36, 12, 2.3)).toBeGreaterThanOrEqual(12);
  });
});

describe('allocation', () => {
  it('splits the rest by weight and water-fills around caps', () => {
    const shares = new Float64Array(4);
    expect(allocateShares(0.2, Float64Array.from([1, 1, 1, 1]), Float64Array.from([0, 0.6, 0.3, 0.1]), shares)).toBe(true);
    [0.2, 0.48, 0.24, 0.08].forEach((v, i) => assertClose(shares[i], v));
    // EU capped at 0.3: the excess goes to US and India by weight (3:1).
    expect(allocateShares(0.2, Float64Array.from([1, 0.3, 1, 1]), Float64Array.from([0, 0.6, 0.3, 0.1]), shares)).toBe(true);
    [0.2, 0.3, 0.375, 0.125].forEach((v, i) => assertClose(shares[i], v));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('reports infeasible splits and the feasible range', () => {
    const caps = Float64Array.from([0.5, 0.2, 0.1, 0.1]);
    expect(allocateShares(0.1, caps, Float64Array.from([0, 1, 1, 1]), new Float64Array(4))).toBe(false);
    const range = feasibleChinaRange(caps);
    assertClose(range.min, 0.6);
    assertClose(range.max, 0.5);
  });
});

describe('NPV and optimum', () => {
  it('computes engineers, risk and NPV by hand at x = 0.5', () => {
    const p = emptyRndPoint();
    evaluateRnd(0.5, inputs(), new Float64Array(4), p);
    const perUsdM = (0.5 * 1000) / 62.25 + (0.3 * 1000) / 150 + (0.15 * 1000) / 180 + (0.05 * 1000) / 45;
    const reference = (0.6 * 1000) / 150 + (0.3 * 1000) / 180 + (0.1 * 1000) / 45; // x = 0: weights 0.6/0.3/0.1
    assertClose(p.engineers, perUsdM * 680);
    const months = 12 + 24 * Math.exp(-2.3 * 0.5);
    const value = 1.67 * 680 * Math.sqrt(perUsdM / reference) * Math.exp((-0.3 * (months - 36)) / 12);
    const risk = 0.05 * 680 * (0.5 + 11.7 * 0.25);
    assertClose(p.riskUsdM, risk);
    assertClose(p.npvUsdM, (value - 680 - risk) * inputs().annuity);
  });

  it('earns the MAHLE ratio at the home-only footprint: NPV(0) = (1.67 - 1) B x annuity', () => {
    const p = emptyRndPoint();
    evaluateRnd(0, inputs(), new Float64Array(4), p);
    assertClose(p.npvUsdM, 0.67 * 680 * inputs().annuity);
  });

  it('finds the optimum that beats a fine scan, interior when decoupling is costly', () => {
    for (const over of [{}, { decouplingProbability: 0.3 }]) {
      const best = emptyRndPoint();
      const inp = inputs(over);
      optimiseRnd(inp, new Float64Array(4), emptyRndPoint(), best);
      const p = emptyRndPoint();
      for (let i = 0; i <= 600; i++) {
        evaluateRnd(i / 1000, inp, new Float64Array(4), p);
        expect(p.npvUsdM).toBeLessThanOrEqual(best.npvUsdM + 1e-6);
      }
    }
    const interior = emptyRndPoint();
    optimiseRnd(inputs({ decouplingProbability: 0.3 }), new Float64Array(4), emptyRndPoint(), interior);
    expect(interior.chinaShare).toBeGreaterThan(0.05);
    expect(interior.chinaShare).toBeLessThan(0.55);
  });

  it('returns NaN and feasible=false when the caps cannot hold the budget', () => {
    const best = emptyRndPoint();
    optimiseRnd(inputs({ caps: Float64Array.from([0.2, 0.2, 0.2, 0.2]) }), new Float64Array(4), emptyRndPoint(), best);
    expect(best.feasible).toBe(false);
    expect(Number.isNaN(best.npvUsdM)).toBe(true);
  });
});
