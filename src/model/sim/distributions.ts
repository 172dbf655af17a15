/**
 * Inverse cumulative distribution functions of the parameter distributions. Sampling is by inverse
 * transform (x = F^-1(u)) so that Latin Hypercube strata in u map to strata in x.
 */
import type { Distribution } from '../types';

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
// P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function" (2003).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Phi^-1(p) for p in (0, 1); -Infinity at 0, +Infinity at 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}

// Lanczos approximation (g = 7, n = 9) of ln Gamma(x), accurate to ~1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Gamma(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let acc = LANCZOS[0];
  for (let i = 1; i < 9; i++) acc += LANCZOS[i] / (xm + i);
  const t = xm + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(acc);
}

/** Continued fraction of the incomplete beta function, modified Lentz's method. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b); lnBeta = ln B(a, b) may be passed precomputed. */
export function regularizedBeta(x: number, a: number, b: number, lnBeta = logGamma(a) + logGamma(b) - logGamma(a + b)): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(1 - x) - lnBeta);
  // The continued fraction converges fast only for x < (a+1)/(a+b+2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Quantile of Beta(a, b) by safeguarded Newton (bisection fallback); |error| < 1e-12. */
export function betaQuantile(p: number, a: number, b: number, lnBeta = logGamma(a) + logGamma(b) - logGamma(a + b)): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let lo = 0;
  let hi = 1;
  // Start at the mean; Newton with a bracket keeps it inside (0, 1) even for skewed shapes.
  let x = a / (a + b);
  for (let iter = 0; iter < 100; iter++) {
    const f = regularizedBeta(x, a, b, lnBeta) - p;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - lnBeta);
    let next = density > 0 && Number.isFinite(density) ? x - f / density : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) < 1e-13 || hi - lo < 1e-13) return next;
    x = next;
  }
  return x;
}

/** PERT shape parameters (beta-PERT, lambda = 4): alpha = 1 + 4 (mode - min) / (max - min). */
export function pertShape(min: number, mode: number, max: number): { alpha: number; beta: number } {
  const range = max - min;
  return { alpha: 1 + (4 * (mode - min)) / range, beta: 1 + (4 * (max - mode)) / range };
}

/** Problems with a distribution's parameters, each naming `where`; empty when valid. */
export function validateDistribution(d: Distribution, where: string): string[] {
  const bad = (msg: string) => [`${where}: ${d.kind} distribution ${msg}`];
  const finite = (...xs: number[]) => xs.every((x) => Number.isFinite(x));
  switch (d.kind) {
    case 'uniform':
      if (!finite(d.min, d.max) || !(d.min < d.max)) return bad(`needs finite min < max (got ${d.min}, ${d.max})`);
      return [];
    case 'triangular':
    case 'pert':
      if (!finite(d.min, d.mode, d.max) || !(d.min < d.max) || d.mode < d.min || d.mode > d.max)
        return bad(`needs finite min <= mode <= max with min < max (got ${d.min}, ${d.mode}, ${d.max})`);
      return [];
    case 'normal':
      if (!finite(d.mean, d.sd) || !(d.sd > 0)) return bad(`needs a finite mean and sd > 0 (got ${d.mean}, ${d.sd})`);
      return [];
    case 'lognormal':
      if (!finite(d.mu, d.sigma) || !(d.sigma > 0)) return bad(`needs a finite mu and sigma > 0 (got ${d.mu}, ${d.sigma})`);
      return [];
    default:
      return [`${where}: unknown distribution kind "${(d as { kind: string }).kind}"`];
  }
}

/**
 * A quantile function u -> x for a distribution, with its constants precomputed (PERT's ln B(a, b)).
 * @example makeQuantile({ kind: 'uniform', min: 2, max: 4 })(0.25) // 2.5
 */
export function makeQuantile(d: Distribution): (u: number) => number {
  const problems = validateDistribution(d, 'distribution');
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  switch (d.kind) {
    case 'uniform':
      return (u) => d.min + u * (d.max - d.min);
    case 'triangular': {
      const range = d.max - d.min;
      const fMode = (d.mode - d.min) / range;
      return (u) => (u < fMode ? d.min + Math.sqrt(u * range * (d.mode - d.min)) : d.max - Math.sqrt((1 - u) * range * (d.max - d.mode)));
    }
    case 'pert': {
      const { alpha, beta } = pertShape(d.min, d.mode, d.max);
      const lnBeta = logGamma(alpha) + logGamma(beta) - logGamma(alpha + beta);
      return (u) => d.min + (d.max - d.min) * betaQuantile(u, alpha, beta, lnBeta);
    }
    case 'normal':
      return (u) => d.mean + d.sd * normalQuantile(u);
    case 'lognormal':
      return (u) => Math.exp(d.mu + d.sigma * normalQuantile(u));
  }
}

/**
 * The quantile function applied to a column in place, moved by `shift` and clamped to [lo, hi]: the same
 * operations as makeQuantile(d)(u) + shift then the clamp, looped inside one module-level function, so no
 * double is boxed per value (a closure call returning a double that V8 does not inline allocates a heap number).
 */
export function makeQuantileColumn(
  d: Distribution,
  shift: number,
  lo: number,
  hi: number,
): (values: Float64Array, from: number, n: number) => void {
  const problems = validateDistribution(d, 'distribution');
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const c = new Float64Array(8);
  c[0] = shift;
  c[1] = lo;
  c[2] = hi;
  if (d.kind === 'triangular') {
    const range = d.max - d.min;
    c[3] = KIND_TRIANGULAR;
    c.set([d.min, d.mode, d.max, (d.mode - d.min) / range], 4);
  } else if (d.kind === 'uniform') {
    c[3] = KIND_UNIFORM;
    c.set([d.min, d.max], 4);
  } else {
    const q = makeQuantile(d);
    return (values, from, n) => quantileColumnBy(q, c, values, from, n);
  }
  return (values, from, n) => quantileColumn(c, values, from, n);
}

const KIND_TRIANGULAR = 1;
const KIND_UNIFORM = 2;

function quantileColumn(c: Float64Array, values: Float64Array, from: number, n: number): void {
  const shift = c[0],
    lo = c[1],
    hi = c[2];
  if (c[3] === KIND_TRIANGULAR) {
    const min = c[4],
      mode = c[5],
      max = c[6],
      fMode = c[7];
    const range = max - min;
    for (let i = from; i < from + n; i++) {
      const u = values[i];
      const x = (u < fMode ? min + Math.sqrt(u * range * (mode - min)) : max - Math.sqrt((1 - u) * range * (max - mode))) + shift;
      values[i] = x < lo ? lo : x > hi ? hi : x;
    }
  } else {
    const min = c[4],
      width = c[5] - c[4];
    for (let i = from; i < from + n; i++) {
      const x = min + values[i] * width + shift;
      values[i] = x < lo ? lo : x > hi ? hi : x;
    }
  }
}

function quantileColumnBy(q: (u: number) => number, c: Float64Array, values: Float64Array, from: number, n: number): void {
  const shift = c[0],
    lo = c[1],
    hi = c[2];
  for (let i = from; i < from + n; i++) {
    const x = q(values[i]) + shift;
    values[i] = x < lo ? lo : x > hi ? hi : x;
  }
}

/** Quantile of a distribution at probability u in (0, 1). */
export function distributionQuantile(d: Distribution, u: number): number {
  return makeQuantile(d)(u);
}

/** Closed-form mean and standard deviation (used by tests and the pane's tooltips). */
export function distributionMoments(d: Distribution): { mean: number; sd: number } {
  switch (d.kind) {
    case 'uniform':
      return { mean: (d.min + d.max) / 2, sd: (d.max - d.min) / Math.sqrt(12) };
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return { mean: (a + b + c) / 3, sd: Math.sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18) };
    }
    case 'pert': {
      const { alpha, beta } = pertShape(d.min, d.mode, d.max);
      const range = d.max - d.min;
      const mean = d.min + (range * alpha) / (alpha + beta);
      const variance = (range * range * alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1));
      return { mean, sd: Math.sqrt(variance) };
    }
    case 'normal':
      return { mean: d.mean, sd: d.sd };
    case 'lognormal': {
      const s2 = d.sigma * d.sigma;
      return { mean: Math.exp(d.mu + s2 / 2), sd: Math.sqrt((Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2)) };
    }
  }
}
