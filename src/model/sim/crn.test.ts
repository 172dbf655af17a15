import { describe, expect, it } from 'vitest';
import { compareScenarios } from './crn';
import { isClose } from '../../../tests/helpers/tolerance';
import { toyModel, toyParam } from '../../../tests/helpers/toyModel';

// out = a * b + tariff: a ~ PERT, b ~ triangular, tariff a plain scenario input.
const model = toyModel(['a', 'b', 'tariff'], ['cost'], [2030, 2035], (p, y) => [p[0] * p[1] + p[2] * (1 + y)]);
const params = [
  toyParam('a', 30, { distribution: { kind: 'pert', min: 20, mode: 30, max: 50 } }),
  toyParam('b', 1, { distribution: { kind: 'triangular', min: 0.8, mode: 1, max: 1.5 } }),
  toyParam('tariff', 10),
];
const options = { iterations: 3000, seed: 2026, sampling: 'lhs' as const };

describe('compareScenarios (common random numbers)', () => {
  it('identical scenarios give identical percentiles and a zero difference in every trial', () => {
    const c = compareScenarios(model, params, [{ tariff: 10 }, { tariff: 10 }], options);
    expect(c.scenarios[1].stats).toEqual(c.scenarios[0].stats);
    const d = c.differences[0][0];
    expect([...d.p5, ...d.p95, ...d.sd]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('a change of a scenario input shows as a deterministic shift, not noise', () => {
    const c = compareScenarios(model, params, [{ tariff: 10 }, { tariff: 12.5 }, { tariff: 5 }], options);
    const up = c.differences[0][0];
    // cost(2030) moves by 2.5, cost(2035) by 2 x 2.5, identically in every trial: P5 = P95, sd ~ 0.
    expect(isClose(up.p5[0], 2.5, 1e-9)).toBe(true);
    expect(isClose(up.p95[0], 2.5, 1e-9)).toBe(true);
    expect(isClose(up.mean[1], 5, 1e-9)).toBe(true);
    expect(up.sd[0]).toBeLessThan(1e-9);
    expect(isClose(c.differences[1][0].p50[0], -5, 1e-9)).toBe(true);
    // The scenario percentiles differ by the same amount.
    expect(isClose(c.scenarios[1].stats[0].p50[0] - c.scenarios[0].stats[0].p50[0], 2.5, 1e-9)).toBe(true);
  });

  it('without common numbers (another seed) the same comparison would carry sampling noise', () => {
    const c = compareScenarios(model, params, [{ tariff: 10 }, { tariff: 10 }], options);
    const other = compareScenarios(model, params, [{ tariff: 10 }, { tariff: 10 }], { ...options, seed: 7 });
    expect(Math.abs(other.scenarios[0].stats[0].mean[0] - c.scenarios[0].stats[0].mean[0])).toBeGreaterThan(0);
  });

  it('needs at least two scenarios', () => {
    expect(() => compareScenarios(model, params, [{}], options)).toThrow(/at least two scenarios/);
  });
});
