/** Bass diffusion of the NEV share and its least-squares calibration on the history. */
import { pickHistory, type NevHistoryPoint } from './data';
import { REGIONS } from './ids';
import { nelderMead } from './optimize';
import { paramById } from './params';

/**
 * Cumulative Bass adoption F(x) = (1 - e^{-(p+q)x}) / (1 + (q/p) e^{-(p+q)x}) for x > 0, else 0.
 * @example bassF(10, 0.01, 0.4) // ~0.5914
 */
export function bassF(x: number, p: number, q: number): number {
  if (x <= 0) return 0;
  const e = Math.exp(-(p + q) * x);
  return (1 - e) / (1 + (q / p) * e);
}

export interface BassFit {
  /** Region key (China, Europe, UnitedStates, RestOfWorld). */
  region: string;
  p: number;
  q: number;
  /** Start year of the diffusion (x = year - tau). */
  tau: number;
  /** Ceiling used in the fit, fraction. */
  m: number;
  rmsePp: number;
  through: number;
  n: number;
  /** Last history year used and its observed share (fraction) and market (vehicles). */
  lastYear: number;
}

const TAU_MIN = 1990;

function toTheta(p: number, q: number, tau: number): number[] {
  return [Math.log(p), Math.log(q), tau];
}
function fromTheta(theta: readonly number[], tauMax: number) {
  const p = Math.min(Math.max(Math.exp(theta[0]), 1e-7), 0.5);
  const q = Math.min(Math.max(Math.exp(theta[1]), 1e-3), 3);
  const tau = Math.min(Math.max(theta[2], TAU_MIN), tauMax);
  return { p, q, tau };
}

/**
 * Fits p, q and tau of s(t) = m F(t - tau; p, q) to shares (fractions) by least squares, with a
 * few Nelder-Mead restarts from spread starting points (the surface has long flat valleys).
 * @example fitBass([2015, 2016], [0.01, 0.015], 0.85).rmsePp // small
 */
export function fitBass(years: readonly number[], shares: readonly number[], m: number) {
  const tauMax = Math.min(...years) - 0.01;
  const sse = (theta: number[]) => {
    const { p, q, tau } = fromTheta(theta, tauMax);
    let s = 0;
    for (let i = 0; i < years.length; i++) {
      const r = m * bassF(years[i] - tau, p, q) - shares[i];
      s += r * r;
    }
    return s;
  };
  let best = { x: toTheta(0.001, 0.4, 2010), fx: Infinity };
  for (const [p0, q0, tau0] of [
    [0.001, 0.4, 2010],
    [0.0005, 0.5, 2008],
    [0.005, 0.25, 2012],
    [0.01, 0.6, 2014],
  ]) {
    const start = toTheta(p0, q0, Math.min(tau0, tauMax));
    let run = nelderMead(sse, start, { step: [1, 0.5, 2], maxIterations: 3000 });
    run = nelderMead(sse, run.x, { step: [0.2, 0.1, 0.5], maxIterations: 3000 });
    if (run.fx < best.fx) best = run;
  }
  const { p, q, tau } = fromTheta(best.x, tauMax);
  return { p, q, tau, rmsePp: 100 * Math.sqrt(best.fx / years.length) };
}

/**
 * Calibrates the Bass curve per region on history rows up to `through` (default: all), with the
 * ceiling of each region fixed (ceilingByRegion, keyed by region key; default the parameter default).
 * @example calibrateBass(history, { through: 2025 })[0] // { region: 'China', rmsePp: ~2.49, n: 11, ... }
 */
export function calibrateBass(
  history: readonly NevHistoryPoint[],
  options: { through?: number; ceilingByRegion?: Record<string, number> } = {},
): BassFit[] {
  const rows = pickHistory(history);
  const fits: BassFit[] = [];
  for (const region of REGIONS) {
    const points = rows.filter((r) => r.region === region.name && (options.through === undefined || r.year <= options.through));
    if (points.length < 3) continue;
    const m = options.ceilingByRegion?.[region.key] ?? paramById(`nev.ceiling.${region.key}`)!.default;
    const years = points.map((r) => r.year);
    const shares = points.map((r) => r.sharePct / 100);
    const fit = fitBass(years, shares, m);
    fits.push({ region: region.key, ...fit, m, through: Math.max(...years), n: points.length, lastYear: Math.max(...years) });
  }
  return fits;
}
