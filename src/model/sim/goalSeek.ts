/** Goal seek: the parameter value at which one output in one year hits a target (Brent's method). */
import type { CompiledModel, ParamMeta } from '../types';
import { baseVector, outputCell, paramIndex } from './inputs';

export interface GoalSeekOptions {
  /** Absolute tolerance on the parameter (default 1e-9 x the width of [min, max]). */
  tolerance?: number;
  maxIterations?: number;
  /** Intervals of the initial scan that looks for a sign change (default 16). */
  scanIntervals?: number;
}

export type GoalSeekResult =
  | { ok: true; value: number; output: number; evaluations: number }
  | { ok: false; reason: string; outputRange?: { min: number; max: number } };

const EPS = 2.220446049250313e-16;

/** Brent (1973) root finder on [a, b] with f(a), f(b) of opposite signs; returns the root. */
export function brentRoot(
  f: (x: number) => number,
  a: number,
  b: number,
  tol: number,
  maxIterations = 200,
): { x: number; evaluations: number } {
  let fa = f(a);
  let fb = f(b);
  let evaluations = 2;
  if (fa === 0) return { x: a, evaluations };
  if (fb === 0) return { x: b, evaluations };
  if (fa > 0 === fb > 0) throw new RangeError(`brentRoot: f(${a}) and f(${b}) have the same sign`);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return { x: b, evaluations };
    if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      // Inverse quadratic interpolation (secant when only two points), accepted only if it stays well inside.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = xm;
        e = d;
      }
    } else {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    evaluations++;
  }
  return { x: b, evaluations };
}

/**
 * Finds the value of `paramId` in [min, max] at which `outputId` in `year` equals `target`, all other
 * parameters at their scenario values. A scan of the interval finds the first sign change, then Brent's
 * method refines it; when the scan finds none, the answer says over which range the output moves.
 */
export function goalSeek(
  model: CompiledModel,
  values: Readonly<Record<string, number>>,
  params: readonly ParamMeta[],
  paramId: string,
  outputId: string,
  year: number,
  target: number,
  bounds: { min: number; max: number },
  options: GoalSeekOptions = {},
): GoalSeekResult {
  const index = paramIndex(model, paramId);
  const cell = outputCell(model, outputId, year);
  if (!Number.isFinite(target)) return { ok: false, reason: `target must be a finite number, got ${target}` };
  if (!(Number.isFinite(bounds.min) && Number.isFinite(bounds.max) && bounds.min < bounds.max))
    return { ok: false, reason: `bounds for ${paramId} must be finite with min < max, got [${bounds.min}, ${bounds.max}]` };
  const x = baseVector(model, params, values);
  const out = new Float64Array(model.outputIds.length * model.years.length);
  let evaluations = 0;
  const outputAt = (v: number): number => {
    x[index] = v;
    model.evaluate(x, out);
    evaluations++;
    return out[cell];
  };
  const intervals = options.scanIntervals ?? 16;
  const grid = Array.from({ length: intervals + 1 }, (_, i) => bounds.min + ((bounds.max - bounds.min) * i) / intervals);
  const outputs = grid.map(outputAt);
  if (outputs.some((o) => !Number.isFinite(o)))
    return { ok: false, reason: `output ${outputId} (${year}) is not finite somewhere in [${bounds.min}, ${bounds.max}]` };
  const lo = Math.min(...outputs);
  const hi = Math.max(...outputs);
  for (let i = 0; i < grid.length; i++) {
    const gi = outputs[i] - target;
    if (gi === 0) return { ok: true, value: grid[i], output: outputs[i], evaluations };
    if (i + 1 < grid.length && gi > 0 !== outputs[i + 1] - target > 0 && outputs[i + 1] - target !== 0) {
      const tol = options.tolerance ?? 1e-9 * (bounds.max - bounds.min);
      const root = brentRoot((v) => outputAt(v) - target, grid[i], grid[i + 1], tol, options.maxIterations);
      return { ok: true, value: root.x, output: outputAt(root.x), evaluations };
    }
  }
  const where = `over [${bounds.min}, ${bounds.max}]`;
  const reason =
    target < lo || target > hi
      ? `output ${outputId} (${year}) ranges from ${fmt(lo)} to ${fmt(hi)} ${where} of ${paramId}; target ${fmt(target)} is outside`
      : `output ${outputId} (${year}) is not monotone ${where} of ${paramId} and no sign change around target ${fmt(target)} was found; narrow the bounds`;
  return { ok: false, reason, outputRange: { min: lo, max: hi } };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}
