/**
 * Out-of-sample backtest of the NEV share projection: for each cut-off year the whole model is rebuilt on the
 * data up to that year only (history, CAAM exports, tariffs in force), run at the parameter defaults, and its
 * projection 1..H years ahead is compared with what was then observed, next to two naive forecasts: the last
 * observed value, and the last value plus the last observed change (a random walk with drift of one step).
 * Nothing is fitted on held-out years: the calibration only sees rows up to the cut-off.
 */
import { pickHistory, type ModelData } from './data';
import { REGIONS } from './ids';
import { defaultValues } from './params';
import { compileModel, calibrateHistory } from './run';
import { dateToYearFraction } from './tariffs';

export interface BacktestPoint {
  region: string;
  cutoff: number;
  horizon: number;
  year: number;
  /** Shares as fractions. */
  observed: number;
  model: number;
  naiveLast: number;
  naiveDrift: number;
}

export interface BacktestSummary {
  /** Region key, or "all". */
  region: string;
  /** Horizon in years, or 0 for all horizons. */
  horizon: number;
  n: number;
  /** Mean absolute errors, percentage points. */
  maeModel: number;
  maeNaiveLast: number;
  maeNaiveDrift: number;
}

export interface BacktestResult {
  cutoffs: number[];
  horizons: number;
  points: BacktestPoint[];
  /** Per region and horizon, per region (horizon 0), per horizon (region "all") and overall ("all", 0). */
  summary: BacktestSummary[];
  /** Calibration estimates held at a bound, per cut-off. */
  atBound: { cutoff: number; region: string; note: string }[];
}

/** The cut-offs the history allows: at least three years to calibrate on and one observed year after. */
export function possibleCutoffs(data: ModelData): number[] {
  const rows = pickHistory(data.nevHistory);
  const byRegion = REGIONS.map((r) => rows.filter((h) => h.region === r.name).map((h) => h.year));
  if (byRegion.some((years) => years.length === 0)) return [];
  const first = Math.max(...byRegion.map((years) => Math.min(...years)));
  const last = Math.min(...byRegion.map((years) => Math.max(...years)));
  const cutoffs: number[] = [];
  for (let year = first + 2; year < last; year++) cutoffs.push(year);
  return cutoffs;
}

/** Data as it was known at the end of `cutoff`: history, exports and trade rows up to it; tariffs that were in force or announced by then. */
export function dataThrough(data: ModelData, cutoff: number): ModelData {
  return {
    ...data,
    nevHistory: data.nevHistory.filter((h) => h.year <= cutoff),
    chinaNevExports: data.chinaNevExports?.filter((e) => e.year <= cutoff),
    trade: data.trade?.filter((t) => t.year <= cutoff),
    tariffs: data.tariffs.filter((t) => dateToYearFraction(t.effectiveDate) < cutoff + 1),
  };
}

/**
 * Runs the backtest. Default cut-offs: every year possibleCutoffs allows; horizons 1..3.
 * @example const s = backtest(data).summary.find((s) => s.region === 'all' && s.horizon === 0)!; s.maeModel < s.maeNaiveDrift // true
 */
export function backtest(data: ModelData, options: { cutoffs?: readonly number[]; horizons?: number } = {}): BacktestResult {
  const horizons = options.horizons ?? 3;
  if (!(Number.isInteger(horizons) && horizons >= 1 && horizons <= 10))
    throw new RangeError(`horizons must be an integer from 1 to 10, got ${horizons}`);
  const allowed = possibleCutoffs(data);
  const cutoffs = [...(options.cutoffs ?? allowed)].sort((a, b) => a - b);
  for (const c of cutoffs)
    if (!allowed.includes(c))
      throw new RangeError(
        `cut-off ${c} is not possible with this history (possible: ${allowed.length ? `${allowed[0]}-${allowed[allowed.length - 1]}` : 'none'})`,
      );
  const observed = pickHistory(data.nevHistory);
  const shareAt = (region: string, year: number) => observed.find((h) => h.region === region && h.year === year)?.sharePct;
  const points: BacktestPoint[] = [];
  const atBound: BacktestResult['atBound'] = [];
  const values = defaultValues();
  for (const cutoff of cutoffs) {
    const known = dataThrough(data, cutoff);
    for (const c of calibrateHistory(known.nevHistory)) for (const note of c.atBound) atBound.push({ cutoff, region: c.region, note });
    const outputIds = REGIONS.map((r) => `nev.share.${r.key}`);
    const model = compileModel(known, { outputIds, firstYear: cutoff + 1, lastYear: cutoff + horizons });
    const params = Float64Array.from(model.paramIds, (id) => values[id]);
    const out = new Float64Array(outputIds.length * horizons);
    model.evaluate(params, out);
    REGIONS.forEach((region, r) => {
      const last = shareAt(region.name, cutoff)! / 100;
      const change = last - shareAt(region.name, cutoff - 1)! / 100;
      for (let h = 1; h <= horizons; h++) {
        const actual = shareAt(region.name, cutoff + h);
        if (actual === undefined) continue;
        points.push({
          region: region.key,
          cutoff,
          horizon: h,
          year: cutoff + h,
          observed: actual / 100,
          model: out[r * horizons + h - 1],
          naiveLast: last,
          naiveDrift: last + h * change,
        });
      }
    });
  }
  return { cutoffs, horizons, points, summary: summarise(points, horizons), atBound };
}

function summarise(points: readonly BacktestPoint[], horizons: number): BacktestSummary[] {
  const mae = (subset: readonly BacktestPoint[], pick: (p: BacktestPoint) => number) =>
    subset.length ? (100 * subset.reduce((sum, p) => sum + Math.abs(pick(p) - p.observed), 0)) / subset.length : NaN;
  const entry = (region: string, horizon: number, subset: readonly BacktestPoint[]): BacktestSummary => ({
    region,
    horizon,
    n: subset.length,
    maeModel: mae(subset, (p) => p.model),
    maeNaiveLast: mae(subset, (p) => p.naiveLast),
    maeNaiveDrift: mae(subset, (p) => p.naiveDrift),
  });
  const out: BacktestSummary[] = [];
  for (const region of [...REGIONS.map((r) => r.key), 'all']) {
    const ofRegion = region === 'all' ? points : points.filter((p) => p.region === region);
    for (let h = 1; h <= horizons; h++)
      out.push(
        entry(
          region,
          h,
          ofRegion.filter((p) => p.horizon === h),
        ),
      );
    out.push(entry(region, 0, ofRegion));
  }
  return out;
}
