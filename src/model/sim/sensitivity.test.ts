import { describe, expect, it } from 'vitest';
import { runSimulation } from './simulation';
import { rankCorrelations, tornado } from './sensitivity';
import { spearman } from './stats';
import { isClose } from '../../../tests/helpers/tolerance';
import { toyModel, toyParam } from '../../../tests/helpers/toyModel';

// out = 3 a - b + 0.1 c; a ~ U(0, 1) (P10 0.1, P90 0.9), b ~ triangular(0, 2, 4) (P10 = sqrt(0.8)), c in [0, 10].
const model = toyModel(['a', 'b', 'c'], ['out'], [2030], (p) => [3 * p[0] - p[1] + 0.1 * p[2]]);
const params = [
  toyParam('a', 0.5, { min: 0, max: 1, distribution: { kind: 'uniform', min: 0, max: 1 } }),
  toyParam('b', 2, { min: 0, max: 4, distribution: { kind: 'triangular', min: 0, mode: 2, max: 4 } }),
  toyParam('c', 5, { min: 0, max: 10 }),
];

describe('tornado', () => {
  it('swings each uncertain input over its P10-P90, sorted by swing; a lever is not swung', () => {
    const t = tornado(model, {}, params, 'out', 2030);
    expect(isClose(t.base, 1.5 - 2 + 0.5, 1e-12)).toBe(true);
    // swings: a 3 x 0.8 = 2.4, b 4 - 2 sqrt(0.8) = 2.21; c has no distribution (a lever): no bar.
    expect(t.bars.map((b) => b.paramId)).toEqual(['a', 'b']);
    const [a, b] = t.bars;
    const bLow = Math.sqrt(0.8); // triangular(0,2,4): F(x) = x^2 / 8 for x < 2
    expect(isClose(b.low, bLow, 1e-12)).toBe(true);
    expect(isClose(b.high, 4 - bLow, 1e-12)).toBe(true);
    expect(isClose(b.swing, 4 - 2 * bLow, 1e-12)).toBe(true);
    expect(isClose(a.outputAtHigh - a.outputAtLow, 3 * 0.8, 1e-12)).toBe(true);
    expect(t.bars.every((bar) => bar.range === 'P10-P90')).toBe(true);
  });

  it('uses the same probability range for every input and refuses to swing a named lever', () => {
    const t = tornado(model, {}, params, 'out', 2030, { lowQuantile: 0.05, highQuantile: 0.95 });
    expect(isClose(t.bars.find((b) => b.paramId === 'a')!.swing, 3 * 0.9, 1e-12)).toBe(true);
    expect(t.bars.every((b) => b.range === 'P5-P95')).toBe(true);
    expect(() => tornado(model, {}, params, 'out', 2030, { paramIds: ['c'] })).toThrow(/"c" is a lever with no distribution/);
  });

  it('names an unknown output or year', () => {
    expect(() => tornado(model, {}, params, 'nope', 2030)).toThrow(/output "nope" is not computed/);
    expect(() => tornado(model, {}, params, 'out', 2050)).toThrow(/year 2050 is outside/);
  });
});

describe('rankCorrelations', () => {
  it('ranks inputs by |Spearman| with the output', () => {
    const sim = runSimulation({ model, params, iterations: 5000, seed: 3, sampling: 'lhs' });
    const rc = rankCorrelations(sim, 'out', 2030);
    expect(rc.map((r) => r.paramId)).toEqual(['a', 'b']);
    expect(rc[0].rho).toBeGreaterThan(0.7);
    expect(rc[1].rho).toBeLessThan(-0.4);
  });

  it('gives the Spearman coefficient of each input bit for bit, for every output of a run (ranks reused)', () => {
    const two = toyModel(['a', 'b'], ['up', 'down'], [2030, 2031], (p, y) => [p[0] + y * p[1] ** 3, -Math.exp(p[1]) - y * p[0]]);
    const sim = runSimulation({ model: two, params: params.slice(0, 2), iterations: 2000, seed: 5, sampling: 'mc' });
    const n = sim.iterations;
    for (const [o, id] of sim.outputIds.entries())
      for (const [y, year] of sim.years.entries()) {
        const output = sim.outputSamples.subarray((o * 2 + y) * n, (o * 2 + y + 1) * n);
        const rho = new Map(rankCorrelations(sim, id, year).map((r) => [r.paramId, r.rho]));
        sim.inputIds.forEach((paramId, j) =>
          expect(rho.get(paramId)).toBe(spearman(sim.inputSamples.subarray(j * n, (j + 1) * n), output)),
        );
      }
  });
});
