import { describe, expect, it } from 'vitest';
import { createRng, createStream, hashKey, normaliseSeed } from './rng';

const draw = (seed: number, n: number) => Array.from({ length: n }, createRng(seed).next);

describe('seeded generator (sfc32)', () => {
  it('reproduces the exact same sequence for the same seed', () => {
    const a = createRng(20240501);
    const b = createRng(20240501);
    const xs = Array.from({ length: 1000 }, () => a.nextUint32());
    const ys = Array.from({ length: 1000 }, () => b.nextUint32());
    expect(ys).toEqual(xs);
  });

  it('gives a different sequence for another seed', () => {
    const xs = draw(1, 100);
    const ys = draw(2, 100);
    expect(xs.filter((x, i) => x === ys[i]).length).toBe(0);
  });

  it('draws in the open interval (0, 1) with mean and variance of U(0, 1)', () => {
    const xs = draw(7, 100_000);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('keys streams by name: same (seed, key) same draws, different key different draws', () => {
    const a = createStream(42, 'nev.ceiling.China');
    const b = createStream(42, 'nev.ceiling.China');
    const c = createStream(42, 'nev.ceiling.Europe');
    const xa = Array.from({ length: 50 }, a.next);
    expect(Array.from({ length: 50 }, b.next)).toEqual(xa);
    const xc = Array.from({ length: 50 }, c.next);
    expect(xc.filter((x, i) => x === xa[i]).length).toBe(0);
  });

  it('nextInt stays in range and hits every value', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.nextInt(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('hashes keys stably (FNV-1a reference value) and rejects non-finite seeds', () => {
    expect(hashKey('a')).toBe(0xe40c292c);
    expect(normaliseSeed(-1)).toBe(4294967295);
    expect(() => createRng(Number.NaN)).toThrow(/seed must be a finite number/);
  });
});
