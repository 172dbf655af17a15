import { describe, expect, it } from 'vitest';
import { createStream } from './rng';
import { correlationMatrix, imanConover, uniformDesign } from './sampling';
import { spearman } from './stats';

describe('uniform designs', () => {
  it('LHS puts exactly one point in each of the n strata of every input', () => {
    const n = 1000;
    const u = uniformDesign(['a', 'b', 'c'], n, 11, 'lhs');
    for (let j = 0; j < 3; j++) {
      const strata = new Int32Array(n);
      for (let i = 0; i < n; i++) strata[Math.floor(u[j * n + i] * n)]++;
      expect(strata.every((count) => count === 1)).toBe(true);
    }
  });

  it('plain MC does not stratify (some strata empty) but stays in (0, 1)', () => {
    const n = 1000;
    const u = uniformDesign(['a'], n, 11, 'mc');
    const strata = new Int32Array(n);
    for (let i = 0; i < n; i++) strata[Math.floor(u[i] * n)]++;
    expect(strata.filter((c) => c === 0).length).toBeGreaterThan(300);
    expect(u.every((x) => x > 0 && x < 1)).toBe(true);
  });

  it('draws of one input do not depend on the other inputs sampled (CRN)', () => {
    const n = 200;
    const alone = uniformDesign(['x'], n, 5, 'lhs');
    const withOthers = uniformDesign(['w', 'x', 'z'], n, 5, 'lhs');
    expect(Array.from(withOthers.subarray(n, 2 * n))).toEqual(Array.from(alone));
  });
});

describe('Iman-Conover rank correlation', () => {
  const n = 10_000;
  const col = (u: Float64Array, j: number) => u.subarray(j * n, (j + 1) * n);

  it('achieves a target Spearman correlation of 0.7 within 0.05 on 10,000 LHS samples, marginals unchanged', () => {
    const u = uniformDesign(['a', 'b'], n, 123, 'lhs');
    const before = [Float64Array.from(col(u, 0)).sort(), Float64Array.from(col(u, 1)).sort()];
    expect(Math.abs(spearman(col(u, 0), col(u, 1)))).toBeLessThan(0.05);
    imanConover(u, n, 2, correlationMatrix(['a', 'b'], [{ a: 'a', b: 'b', rho: 0.7 }]), createStream(123, 'ic'));
    const rho = spearman(col(u, 0), col(u, 1));
    expect(Math.abs(rho - 0.7)).toBeLessThan(0.05);
    expect(Array.from(Float64Array.from(col(u, 0)).sort())).toEqual(Array.from(before[0]));
    expect(Array.from(Float64Array.from(col(u, 1)).sort())).toEqual(Array.from(before[1]));
  });

  it('handles three inputs with a negative pair', () => {
    const ids = ['a', 'b', 'c'];
    const u = uniformDesign(ids, n, 9, 'mc');
    const target = correlationMatrix(ids, [
      { a: 'a', b: 'b', rho: 0.5 },
      { a: 'b', b: 'c', rho: -0.4 },
    ]);
    imanConover(u, n, 3, target, createStream(9, 'ic'));
    expect(Math.abs(spearman(col(u, 0), col(u, 1)) - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(spearman(col(u, 1), col(u, 2)) + 0.4)).toBeLessThan(0.05);
    expect(Math.abs(spearman(col(u, 0), col(u, 2)))).toBeLessThan(0.05);
  });

  it('rejects impossible targets, naming the pair', () => {
    expect(() => correlationMatrix(['a', 'b'], [{ a: 'a', b: 'b', rho: 1 }])).toThrow(
      /correlations\[0\] \(a ~ b\): rho must be in \(-1, 1\)/,
    );
    expect(() => correlationMatrix(['a'], [{ a: 'a', b: 'q', rho: 0.3 }])).toThrow(/missing: q/);
    expect(() =>
      correlationMatrix(
        ['a', 'b', 'c'],
        [
          { a: 'a', b: 'b', rho: 0.9 },
          { a: 'b', b: 'c', rho: 0.9 },
          { a: 'a', b: 'c', rho: -0.9 },
        ],
      ),
    ).toThrow(/correlation matrix is not positive definite/);
  });
});
