import { describe, expect, it } from 'vitest';
import { brentRoot, goalSeek } from './goalSeek';
import { isClose } from '../../../tests/helpers/tolerance';
import { toyModel, toyParam } from '../../../tests/helpers/toyModel';

// R&D cycle time T = Tmin + (Tbase - Tmin) exp(-kappa x): the shape of MODELS.md section 3.
const model = toyModel(['x', 'kappa'], ['cycleTimeMonths'], [2030], (p) => [24 + (48 - 24) * Math.exp(-p[1] * p[0])]);
const params = [toyParam('x', 0.2, { min: 0, max: 1 }), toyParam('kappa', 3)];

describe('goalSeek', () => {
  it('finds the China share that reaches a 30-month cycle; the root checks by substitution', () => {
    const r = goalSeek(model, {}, params, 'x', 'cycleTimeMonths', 2030, 30, { min: 0, max: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = new Float64Array(1);
    model.evaluate(Float64Array.of(r.value, 3), out);
    expect(isClose(out[0], 30, 1e-9)).toBe(true);
    // Closed form: x = ln(24 / 6) / 3.
    expect(isClose(r.value, Math.log(4) / 3, 1e-8)).toBe(true);
  });

  it('says where the output ranges when the target is not bracketed', () => {
    const r = goalSeek(model, {}, params, 'x', 'cycleTimeMonths', 2030, 20, { min: 0, max: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(/^output cycleTimeMonths \(2030\) ranges from 25\.1949 to 48 over \[0, 1\] of x; target 20 is outside$/);
    expect(isClose(r.outputRange!.min, 24 + 24 * Math.exp(-3), 1e-12)).toBe(true);
  });

  it('rejects bad bounds and unknown ids', () => {
    expect(goalSeek(model, {}, params, 'x', 'cycleTimeMonths', 2030, 30, { min: 1, max: 0 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/min < max/),
    });
    expect(() => goalSeek(model, {}, params, 'y', 'cycleTimeMonths', 2030, 30, { min: 0, max: 1 })).toThrow(
      /parameter "y" is not an input/,
    );
  });
});

describe('brentRoot', () => {
  it('solves x^3 - 2x - 5 = 0 (Wallis) to 1e-12', () => {
    const { x } = brentRoot((v) => v ** 3 - 2 * v - 5, 2, 3, 1e-13);
    expect(isClose(x, 2.0945514815423265, 1e-12)).toBe(true);
  });
  it('refuses an interval without a sign change', () => {
    expect(() => brentRoot((v) => v * v + 1, -1, 1, 1e-9)).toThrow(/same sign/);
  });
});
