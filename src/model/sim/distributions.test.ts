import { describe, expect, it } from 'vitest';
import type { Distribution } from '../types';
import {
  betaQuantile,
  distributionMoments,
  logGamma,
  makeQuantile,
  normalQuantile,
  regularizedBeta,
  validateDistribution,
} from './distributions';
import { isClose } from '../../../tests/helpers/tolerance';

/** Mean and sd of the quantile function evaluated on a fine stratified grid (an exact-ish LHS). */
function gridMoments(d: Distribution, n = 200_000) {
  const q = makeQuantile(d);
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = q((i + 0.5) / n);
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(s2 / n - mean * mean) };
}

describe('normal quantile (Acklam)', () => {
  it('matches tabulated quantiles', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(isClose(normalQuantile(0.975), 1.959963984540054, 1e-8)).toBe(true);
    expect(isClose(normalQuantile(0.95), 1.6448536269514722, 1e-8)).toBe(true);
    expect(isClose(normalQuantile(0.001), -3.090232306167813, 1e-8)).toBe(true);
    expect(isClose(normalQuantile(1e-10), -6.361340902404056, 1e-7)).toBe(true);
    expect(isClose(normalQuantile(0.3), -normalQuantile(0.7), 1e-12)).toBe(true);
  });
  it('rejects p outside [0, 1]', () => {
    expect(() => normalQuantile(1.5)).toThrow(/p must be in \[0, 1\]/);
  });
});

describe('beta functions (for PERT)', () => {
  it('ln Gamma matches factorials', () => {
    expect(isClose(logGamma(5), Math.log(24), 1e-13)).toBe(true);
    expect(isClose(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-13)).toBe(true);
  });
  it('regularised incomplete beta: I_0.5(2, 3) = 11/16, I_0.3(1, 1) = 0.3', () => {
    expect(isClose(regularizedBeta(0.5, 2, 3), 11 / 16, 1e-12)).toBe(true);
    expect(isClose(regularizedBeta(0.3, 1, 1), 0.3, 1e-12)).toBe(true);
    expect(isClose(regularizedBeta(0.9, 5, 1.5), 1 - regularizedBeta(0.1, 1.5, 5), 1e-12)).toBe(true);
  });
  it('beta quantile inverts the CDF', () => {
    for (const [a, b] of [
      [2, 3],
      [1, 5],
      [4.6, 1.4],
      [1, 1],
    ]) {
      for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) {
        expect(isClose(regularizedBeta(betaQuantile(p, a, b), a, b), p, 1e-9)).toBe(true);
      }
    }
  });
});

describe('inverse CDFs', () => {
  const cases: [string, Distribution][] = [
    ['uniform', { kind: 'uniform', min: 0.2, max: 0.35 }],
    ['triangular', { kind: 'triangular', min: -1.72, mode: -1.27, max: -1.08 }],
    ['PERT', { kind: 'pert', min: 20, mode: 24, max: 53 }],
    ['normal', { kind: 'normal', mean: 0.3, sd: 0.05 }],
    ['lognormal', { kind: 'lognormal', mu: Math.log(1000), sigma: 0.25 }],
  ];
  it.each(cases)('%s: mean and sd of stratified samples match closed form', (_name, d) => {
    const expected = distributionMoments(d);
    const got = gridMoments(d);
    expect(isClose(got.mean, expected.mean, 1e-4)).toBe(true);
    expect(isClose(got.sd, expected.sd, 2e-3)).toBe(true);
  });
  it('known quantiles', () => {
    expect(isClose(makeQuantile({ kind: 'uniform', min: 2, max: 4 })(0.25), 2.5, 1e-15)).toBe(true);
    // Symmetric triangular: median = mode; F(mode) = (mode - min) / (max - min).
    expect(isClose(makeQuantile({ kind: 'triangular', min: 0, mode: 1, max: 2 })(0.5), 1, 1e-12)).toBe(true);
    expect(isClose(makeQuantile({ kind: 'triangular', min: 0, mode: 1, max: 4 })(0.25), 1, 1e-12)).toBe(true);
    // Symmetric PERT: median = mode.
    expect(isClose(makeQuantile({ kind: 'pert', min: 10, mode: 15, max: 20 })(0.5), 15, 1e-9)).toBe(true);
    expect(isClose(makeQuantile({ kind: 'normal', mean: 10, sd: 2 })(0.975), 10 + 2 * 1.959963984540054, 1e-8)).toBe(true);
    expect(isClose(makeQuantile({ kind: 'lognormal', mu: 1, sigma: 0.5 })(0.5), Math.E, 1e-12)).toBe(true);
  });
  it('PERT with the mode at a bound still inverts (alpha = 1)', () => {
    const q = makeQuantile({ kind: 'pert', min: 0, mode: 0, max: 1 });
    // Beta(1, 5): F(x) = 1 - (1 - x)^5 -> x = 1 - (1 - p)^(1/5).
    expect(isClose(q(0.5), 1 - 0.5 ** 0.2, 1e-9)).toBe(true);
  });
  it('reports bad parameters with the place they come from', () => {
    expect(validateDistribution({ kind: 'triangular', min: 1, mode: 3, max: 2 }, 'parameter x')[0]).toMatch(
      /^parameter x: triangular distribution needs/,
    );
    expect(validateDistribution({ kind: 'normal', mean: 0, sd: 0 }, 'p')).toHaveLength(1);
    expect(() => makeQuantile({ kind: 'uniform', min: 1, max: 1 })).toThrow(/min < max/);
  });
});
