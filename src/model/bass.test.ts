import { describe, expect, it } from 'vitest';
import { bassF, calibrateBass, fitBass } from './bass';
import { pickHistory } from './data';
import { REFERENCE_DATA } from './fixtures/referenceData';
import { assertClose } from './fixtures/tolerance';
import { nelderMead } from './optimize';

describe('bassF', () => {
  it('runs the @example and its limits', () => {
    const e = Math.exp(-0.41 * 10);
    assertClose(bassF(10, 0.01, 0.4), (1 - e) / (1 + 40 * e));
    assertClose(bassF(10, 0.01, 0.4), 0.5914, 1e-3);
    expect(bassF(0, 0.01, 0.4)).toBe(0);
    expect(bassF(-3, 0.01, 0.4)).toBe(0);
    assertClose(bassF(500, 0.01, 0.4), 1);
  });
});

describe('nelderMead', () => {
  it('runs the @example', () => {
    const { x } = nelderMead(([a, b]) => (a - 1) ** 2 + (b + 2) ** 2, [0, 0], { step: [1, 1] });
    assertClose(x[0], 1, 1e-4, 1e-4);
    assertClose(x[1], -2, 1e-4, 1e-4);
  });
  it('minimises the Rosenbrock valley', () => {
    const { x } = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1], { step: [0.5, 0.5], maxIterations: 5000 });
    assertClose(x[0], 1, 1e-3, 1e-3);
    assertClose(x[1], 1, 1e-3, 1e-3);
  });
});

describe('fitBass', () => {
  it('recovers the parameters of a synthetic curve', () => {
    const years = Array.from({ length: 11 }, (_, i) => 2015 + i);
    const shares = years.map((t) => 0.8 * bassF(t - 2012, 0.004, 0.45));
    const fit = fitBass(years, shares, 0.8);
    expect(fit.rmsePp).toBeLessThan(0.05);
    years.forEach((t, i) => assertClose(0.8 * bassF(t - fit.tau, fit.p, fit.q), shares[i], 0.02, 5e-4));
  });
});

describe('calibration on the 2015-2025 history (IEA/OWID)', () => {
  const fits = calibrateBass(REFERENCE_DATA.nevHistory, {});
  const china = fits.find((f) => f.region === 'China')!;
  const chinaRows = pickHistory(REFERENCE_DATA.nevHistory).filter((r) => r.region === 'China');

  it('fits all four regions on 11 years each', () => {
    expect(fits.map((f) => f.region)).toEqual(['China', 'Europe', 'UnitedStates', 'RestOfWorld']);
    for (const f of fits) {
      expect(f.n).toBe(11);
      expect(f.through).toBe(2025);
    }
  });

  it('DONE: the China curve reproduces 2015-2025 within its reported RMSE, and that RMSE is <= 3 pp', () => {
    expect(chinaRows.map((r) => r.sharePct)).toEqual([1, 1.5, 2.4, 4.7, 5, 5.7, 16, 29, 38, 48, 53]);
    const residualsPp = chinaRows.map((r) => 100 * china.m * bassF(r.year - china.tau, china.p, china.q) - r.sharePct);
    const rmsePp = Math.sqrt(residualsPp.reduce((s, e) => s + e * e, 0) / residualsPp.length);
    assertClose(rmsePp, china.rmsePp, 1e-9);
    expect(china.rmsePp).toBeLessThanOrEqual(3);
    // No single year is off by more than 2.5 RMSE (no systematic miss hidden by the average).
    for (const e of residualsPp) expect(Math.abs(e)).toBeLessThan(2.5 * china.rmsePp);
    assertClose(china.m, 0.85);
  });

  it('keeps every region within 3 pp RMSE', () => {
    for (const f of fits) expect(f.rmsePp, f.region).toBeLessThanOrEqual(3);
  });

  it('fits only rows up to `through` and honours a given ceiling', () => {
    const early = calibrateBass(REFERENCE_DATA.nevHistory, { through: 2020, ceilingByRegion: { China: 0.95 } });
    const c = early.find((f) => f.region === 'China')!;
    expect(c.n).toBe(6);
    expect(c.through).toBe(2020);
    assertClose(c.m, 0.95);
  });
});
