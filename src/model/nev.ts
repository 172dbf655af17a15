/**
 * NEV adoption: a logistic diffusion towards a scenario ceiling that continues from the last observation.
 *
 * For a region with observed shares s_0..s_T (fractions), the projection for t > T is
 *   d_t = phi d_{t-1} + (1 - phi) * speed * kappa * G(s_{t-1}; m_t),   G(s; m) = max(s, S_FLOOR) (1 - s / m)
 *   d_t clipped to [-D, D]                 (D: the largest annual change observed in the region)
 *   s_t = s_{t-1} + d_t, never crossing the ceiling m_t (from below it stops at m_t; from above it only falls,
 *         and stops at m_t), within [0, 1]; d_t is then the step actually taken.
 * with d_T = s_T - s_{T-1} (the last observed change), kappa = vbar / G(s_T; m_ref) (vbar: the mean observed annual
 * change, the least-squares drift of the history; m_ref: the reference ceiling, the parameter default) and
 * m_t the scenario ceiling moved by the shock and the price feedback. The momentum of the last change fades at
 * rate phi while the diffusion pull takes over, so the first projected year continues the observed path and the
 * long run saturates at the ceiling. docs/models.md has the derivation and the backtest against naive forecasts.
 */
import { pickHistory, type NevHistoryPoint } from './data';
import { REGIONS } from './ids';

/** Share below which the logistic pull is computed as at this share, so a region at 0 % can start to adopt. */
export const S_FLOOR = 0.001;

/** What the projection of one region needs from its history; a function of the data only. */
export interface NevCalibration {
  /** Region key (China, Europe, UnitedStates, RestOfWorld). */
  region: string;
  firstYear: number;
  /** Last observed year T and its share (fraction), market (vehicles) and last annual change. */
  lastYear: number;
  lastShare: number;
  lastMarket: number;
  lastStep: number;
  /** Mean observed annual change (fraction per year) over the history. */
  meanStep: number;
  /** Largest observed |annual change|: the speed limit of the projection. */
  maxStep: number;
  /** Logistic pace at the reference ceiling, 1/year. */
  kappa: number;
  /** Reference ceiling kappa is calibrated at (the parameter default). */
  referenceCeiling: number;
  /** In-sample one-step-ahead RMSE of the recursion over the history, percentage points (at phi = defaultPhi). */
  rmsePp: number;
  /** Rows used. */
  n: number;
  /** Estimates held at a bound, each with the reason (empty when none). */
  atBound: string[];
}

/** Logistic pull G(s; m). */
export function logisticPull(s: number, m: number): number {
  return (s > S_FLOOR ? s : S_FLOOR) * (1 - s / m);
}

/**
 * One projected year: the next share and step from the current ones. Pure and allocation-free; the kernel,
 * the backtest and the custom functions call it.
 * @example nevStep(0.53, 0.05, 0.85, 0.261, 1, 0.8, 0.13).share // ~0.580 (China 2026 at the defaults)
 */
export function nevStep(
  share: number,
  step: number,
  ceiling: number,
  kappa: number,
  speed: number,
  phi: number,
  maxStep: number,
): { share: number; step: number } {
  const next = nextShare(share, step, ceiling, kappa, speed, phi, maxStep);
  return { share: next, step: next - share };
}

/** The share after one projected year (see the file comment). */
export function nextShare(
  share: number,
  step: number,
  ceiling: number,
  kappa: number,
  speed: number,
  phi: number,
  maxStep: number,
): number {
  const m = ceiling > 1e-6 ? ceiling : 1e-6;
  let d = phi * step + (1 - phi) * speed * kappa * logisticPull(share, m);
  d = d > maxStep ? maxStep : d < -maxStep ? -maxStep : d;
  let next = share + d;
  if (share < m) {
    if (next > m) next = m;
  } else {
    // At or above the ceiling: only down, and not below it.
    if (next > share) next = share;
    if (next < m) next = m;
  }
  return next < 0 ? 0 : next > 1 ? 1 : next;
}

/**
 * Calibrates one region on its observed shares (years ascending, consecutive). Throws naming the region when
 * fewer than three years are observed or a year is missing.
 */
export function calibrateRegion(
  region: string,
  years: readonly number[],
  shares: readonly number[],
  markets: readonly number[],
  referenceCeiling: number,
  phi: number,
): NevCalibration {
  const n = years.length;
  if (n < 3) throw new Error(`NEV history for ${region} has ${n} year(s); the projection needs at least 3 consecutive years`);
  for (let i = 1; i < n; i++)
    if (years[i] !== years[i - 1] + 1)
      throw new Error(`NEV history for ${region} has no row for ${years[i - 1] + 1} (between ${years[i - 1]} and ${years[i]})`);
  const atBound: string[] = [];
  const sT = shares[n - 1];
  const meanStep = (sT - shares[0]) / (n - 1);
  let maxStep = 0;
  for (let i = 1; i < n; i++) maxStep = Math.max(maxStep, Math.abs(shares[i] - shares[i - 1]));
  if (maxStep === 0) atBound.push('no annual change in the history: the speed limit is 0, the share stays flat');
  let kappa = 0;
  const pull = logisticPull(sT, referenceCeiling);
  if (!(pull > 0))
    atBound.push(
      `reference ceiling ${(100 * referenceCeiling).toFixed(1)} % is at or below the last observed share ${(100 * sT).toFixed(1)} %: kappa held at 0`,
    );
  else if (!(meanStep > 0))
    atBound.push(`the share fell or stayed flat over the history (mean change ${(100 * meanStep).toFixed(2)} pp/yr): kappa held at 0`);
  else kappa = meanStep / pull;
  if (sT < S_FLOOR) atBound.push(`last share below ${100 * S_FLOOR} %: the pull is computed at the floor`);
  // In-sample one-step-ahead errors of the recursion from each observed state (the first change has no momentum).
  let sse = 0;
  let count = 0;
  for (let i = 2; i < n; i++) {
    const predicted = nextShare(shares[i - 1], shares[i - 1] - shares[i - 2], referenceCeiling, kappa, 1, phi, Infinity);
    sse += (predicted - shares[i]) ** 2;
    count++;
  }
  return {
    region,
    firstYear: years[0],
    lastYear: years[n - 1],
    lastShare: sT,
    lastMarket: markets[n - 1],
    lastStep: sT - shares[n - 2],
    meanStep,
    maxStep,
    kappa,
    referenceCeiling,
    rmsePp: count > 0 ? 100 * Math.sqrt(sse / count) : NaN,
    n,
    atBound,
  };
}

/**
 * Calibrates every region on the history rows up to `through` (default: all). Region order is REGIONS order.
 * @example calibrateNev(history, { referenceCeilings: Object.fromEntries(REGIONS.map((r) => [r.key, 0.85])), phi: 0.8 })[0].lastShare // 0.53
 */
export function calibrateNev(
  history: readonly NevHistoryPoint[],
  options: { through?: number; referenceCeilings: Readonly<Record<string, number>>; phi: number },
): NevCalibration[] {
  const rows = pickHistory(history);
  return REGIONS.map((region) => {
    const points = rows.filter((r) => r.region === region.name && (options.through === undefined || r.year <= options.through));
    const ceiling = options.referenceCeilings[region.key];
    if (!(ceiling > 0)) throw new Error(`calibrateNev: no reference ceiling for ${region.key}`);
    return calibrateRegion(
      region.label,
      points.map((r) => r.year),
      points.map((r) => r.sharePct / 100),
      points.map((r) => r.totalMarket),
      ceiling,
      options.phi,
    );
  }).map((c, i) => ({ ...c, region: REGIONS[i].key }));
}
