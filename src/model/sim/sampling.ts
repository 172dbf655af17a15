/**
 * Uniform designs (plain Monte Carlo and Latin Hypercube) and Iman-Conover rank correlation.
 * Designs are column-major by input: u[j * n + i] is input j in trial i, each in the open interval (0, 1).
 */
import { normalQuantile } from './distributions';
import { cholesky, invertLower, multiply, transpose } from './linalg';
import { intOfWord, streamWords, uniformOfWord, type SeededRng } from './rng';

export type SamplingMethod = 'lhs' | 'mc';

/** A target rank correlation between two inputs (by parameter id). */
export interface CorrelationSpec {
  a: string;
  b: string;
  /** Target Spearman correlation in (-1, 1). */
  rho: number;
}

/**
 * Draws n uniforms for each key. Every key has its own stream (seed, key, batch), so the draws of one
 * parameter do not depend on which other parameters are sampled: this is what makes common random
 * numbers work across scenarios. LHS: one point in each of n equal strata, strata in random order.
 */
export function uniformDesign(keys: readonly string[], n: number, seed: number, method: SamplingMethod, batch = 0): Float64Array {
  const u = new Float64Array(keys.length * n);
  uniformDesignInto(u, keys, n, seed, method, batch, createDesignScratch(n));
  return u;
}

/** Work space of uniformDesignInto for designs of up to n rows (reused across batches: no allocation per batch). */
export interface DesignScratch {
  perm: Int32Array;
  words: Float64Array;
}

export function createDesignScratch(n: number): DesignScratch {
  return { perm: new Int32Array(n), words: new Float64Array(2 * n) };
}

/** uniformDesign into `u` (keys.length * n values) with caller-owned scratch: the same draws, to the bit. */
export function uniformDesignInto(
  u: Float64Array,
  keys: readonly string[],
  n: number,
  seed: number,
  method: SamplingMethod,
  batch: number,
  scratch: DesignScratch,
): void {
  const { perm, words } = scratch;
  // One stream's raw words, drawn in order: for LHS n - 1 for the shuffle, then n for the points in the strata.
  for (let j = 0; j < keys.length; j++) {
    const key = `${keys[j]}|batch${batch}`;
    if (method === 'mc') {
      streamWords(seed, key, words, n);
      for (let i = 0; i < n; i++) u[j * n + i] = uniformOfWord(words[i]);
    } else {
      streamWords(seed, key, words, 2 * n - 1);
      latinColumn(words, perm, u, j * n, n);
    }
  }
}

/**
 * One LHS column into u[base .. base + n) from its stream's raw words: strata shuffled (Fisher-Yates, words
 * 0 .. n - 2), then one point uniformly inside each stratum (words n - 1 ..). A function of its own, called
 * once per input, so V8 optimises it as a whole rather than on the fly in the middle of one long call.
 */
function latinColumn(words: Float64Array, perm: Int32Array, u: Float64Array, base: number, n: number): void {
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1, w = 0; i > 0; i--, w++) {
    const r = intOfWord(words[w], i + 1);
    const t = perm[i];
    perm[i] = perm[r];
    perm[r] = t;
  }
  for (let i = 0; i < n; i++) u[base + i] = (perm[i] + uniformOfWord(words[n - 1 + i])) / n;
}

/**
 * Builds the k x k target matrix for `ids` from pairwise specs (identity elsewhere) and checks it:
 * unknown ids, |rho| >= 1, duplicates and a matrix that is not positive definite are errors naming the pair.
 */
export function correlationMatrix(ids: readonly string[], specs: readonly CorrelationSpec[]): Float64Array {
  const k = ids.length;
  const m = new Float64Array(k * k);
  for (let i = 0; i < k; i++) m[i * k + i] = 1;
  const seen = new Set<string>();
  for (const [index, s] of specs.entries()) {
    const where = `correlations[${index}] (${s.a} ~ ${s.b})`;
    const i = ids.indexOf(s.a);
    const j = ids.indexOf(s.b);
    if (i < 0 || j < 0) throw new RangeError(`${where}: both parameters must have a distribution (missing: ${i < 0 ? s.a : s.b})`);
    if (i === j) throw new RangeError(`${where}: a parameter cannot be correlated with itself`);
    if (!(Math.abs(s.rho) < 1)) throw new RangeError(`${where}: rho must be in (-1, 1), got ${s.rho}`);
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (seen.has(key)) throw new RangeError(`${where}: pair given twice`);
    seen.add(key);
    m[i * k + j] = s.rho;
    m[j * k + i] = s.rho;
  }
  cholesky(m, k, 'correlation matrix');
  return m;
}

/**
 * Iman-Conover (1982): reorders each column of `u` (k columns of n, in place) so that the rank correlation
 * approaches `target`, keeping every column's values (and hence its LHS strata and marginal) unchanged.
 * Scores are van der Waerden scores Phi^-1(i / (n + 1)), randomly permuted per column; their sample
 * correlation E = F F^T is removed and the target P P^T imposed: T = M (P F^-1)^T.
 */
export function imanConover(u: Float64Array, n: number, k: number, target: Float64Array, rng: SeededRng): void {
  if (k < 2) return;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = normalQuantile((i + 1) / (n + 1));
  const m = new Float64Array(k * n);
  for (let j = 0; j < k; j++) {
    const col = m.subarray(j * n, (j + 1) * n);
    col.set(scores);
    for (let i = n - 1; i > 0; i--) {
      const r = rng.nextInt(i + 1);
      const t = col[i];
      col[i] = col[r];
      col[r] = t;
    }
  }
  // The scores have mean 0 and the same variance in every column, so corr = cross products / (sum of squares).
  let ss = 0;
  for (let i = 0; i < n; i++) ss += scores[i] * scores[i];
  const e = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = a; b < k; b++) {
      let s = 0;
      const ca = a * n;
      const cb = b * n;
      for (let i = 0; i < n; i++) s += m[ca + i] * m[cb + i];
      e[a * k + b] = e[b * k + a] = s / ss;
    }
  const f = cholesky(e, k, 'score correlation (too few iterations for the number of correlated inputs?)');
  const p = cholesky(target, k, 'correlation matrix');
  const q = transpose(multiply(p, invertLower(f, k), k), k);
  const t = new Float64Array(n);
  const order = new Int32Array(n);
  const sorted = new Float64Array(n);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += m[c * n + i] * q[c * k + j];
      t[i] = s;
      order[i] = i;
    }
    order.sort((x, y) => t[x] - t[y]);
    const col = u.subarray(j * n, (j + 1) * n);
    sorted.set(col);
    sorted.sort();
    for (let i = 0; i < n; i++) col[order[i]] = sorted[i];
  }
}
