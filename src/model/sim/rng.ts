/**
 * Seeded uniform generators. sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean,
 * 32-bit arithmetic only, so identical in every JS engine) seeded through splitmix32.
 * Streams are keyed by a string (a parameter id) so that each parameter draws the same numbers in every
 * scenario: the basis of common random numbers (see docs/simulation.md).
 */
import type { Rng } from '../types';

/** A seeded generator that also exposes raw 32-bit words. */
export interface SeededRng extends Rng {
  /** Next uniform in the OPEN interval (0, 1): never 0 or 1, so inverse CDFs stay finite. */
  next(): number;
  /** Next raw unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 step: turns any 32-bit seed into well-mixed state words. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a 32-bit hash of a string key (stable across platforms). */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Normalises a user seed (any finite number) to an unsigned 32-bit integer; throws on NaN/Infinity. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

/**
 * sfc32 state for a seed: words a, b, c, d seeded by splitmix32, advanced past the first 12 outputs (sfc32
 * mixes its state over the first dozen steps). An Int32Array, so the state updates of a step never box.
 */
function sfc32State(seed: number): Int32Array {
  const init = { s: normaliseSeed(seed) };
  const st = new Int32Array(4);
  for (let i = 0; i < 4; i++) st[i] = splitmix32(init);
  for (let i = 0; i < 12; i++) sfc32Next(st);
  return st;
}

/** One sfc32 step: the next raw unsigned 32-bit word (32-bit arithmetic only). */
function sfc32Next(st: Int32Array): number {
  const a = st[0],
    b = st[1],
    c = st[2],
    d = st[3];
  const t = (((a + b) | 0) + d) | 0;
  st[3] = (d + 1) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

/** 2^-32: dividing by 2^32 and multiplying by this give the same double (scaling by a power of two is exact). */
const INV_TWO_POW_32 = 1 / TWO_POW_32;

/** The uniform in (0, 1) that SeededRng.next makes of a raw word. */
export function uniformOfWord(word: number): number {
  return (word + 0.5) * INV_TWO_POW_32;
}

/** The integer in [0, n) that SeededRng.nextInt(n) makes of a raw word. */
export function intOfWord(word: number, n: number): number {
  return Math.floor((word + 0.5) * INV_TWO_POW_32 * n);
}

/**
 * sfc32 generator for a seed.
 * @example createRng(42).next() // illustrative: the same value on every run and platform (pinned in golden.test.ts)
 */
export function createRng(seed: number): SeededRng {
  const st = sfc32State(seed);
  return {
    nextUint32: () => sfc32Next(st),
    next: () => uniformOfWord(sfc32Next(st)),
    nextInt: (n: number) => intOfWord(sfc32Next(st), n),
  };
}

/** The generator seed of stream (seed, key). */
function streamSeed(seed: number, key: string): number {
  const mixed = (normaliseSeed(seed) ^ Math.imul(hashKey(key), 0x9e3779b1)) >>> 0;
  const state = { s: mixed ^ hashKey(`${key}#${normaliseSeed(seed)}`) };
  return splitmix32(state);
}

/**
 * An independent stream for (seed, key): same seed and key give the same draws whatever else is sampled.
 * Used per parameter (key = parameter id) and per purpose (e.g. "iman-conover").
 */
export function createStream(seed: number, key: string): SeededRng {
  return createRng(streamSeed(seed, key));
}

/**
 * The first `count` raw words of stream (seed, key) into out[0 .. count): the words successive calls of
 * createStream(seed, key).nextUint32() return, drawn in one loop. For bulk sampling (uniformDesign): no
 * closure per stream, whose call sites V8 would have to re-optimise in every simulation.
 */
export function streamWords(seed: number, key: string, out: Float64Array, count: number): void {
  const st = sfc32State(streamSeed(seed, key));
  // sfc32Next with the state in locals (the same 32-bit operations, so the same words).
  let a = st[0],
    b = st[1],
    c = st[2],
    d = st[3];
  for (let i = 0; i < count; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    out[i] = t >>> 0;
  }
}

/** In-place Fisher-Yates shuffle driven by a seeded stream. */
export function shuffleInPlace(values: Float64Array | Int32Array | number[], rng: SeededRng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
}
