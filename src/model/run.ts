/**
 * Public entry points of the three models: runModels (Series for the workbook), compileModel (the
 * allocation-free path for Monte Carlo, the tornado and goal seek), calibrateHistory, the R&D frontier and
 * the cycle-time goal seek. Every one of them runs the same kernel (kernel.ts) on the same calibration: the
 * calibration depends on the data only, so a scenario never refits and a trial at the scenario's values is
 * the deterministic run.
 */
import { scenarioProblems } from './constraints';
import type { ModelData, NevHistoryPoint } from './data';
import { LOCATIONS, REGIONS } from './ids';
import { DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR } from './compile';
import { createKernel, type Kernel } from './kernel';
import { compileExpression } from './math';
import { calibrateNev, type NevCalibration } from './nev';
import { OUTPUTS } from './outputs';
import { defaultValues, PARAM_IDS, paramById } from './params';
import { cycleTimeMonths, evaluateRnd, feasibleChinaRange, type RndPoint } from './rnd';
import type { ScenarioExpression } from './scenario';
import type { Series } from './types';

export { compileModel, DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR } from './compile';

export interface CalibrationReport {
  region: string;
  model: 'damped-pace logistic';
  /**
   * lastShare (fraction), lastStep and meanStep (fraction per year), maxStep (the speed limit, fraction per year),
   * kappa (1/yr), referenceCeiling (fraction).
   */
  params: Record<string, number>;
  /** In-sample one-step-ahead RMSE of the recursion, percentage points. */
  rmsePp: number;
  through: number;
  n: number;
  /** Estimates held at a bound, each with its reason (empty when none). */
  atBound: string[];
}

/** NPV against the China share of R&D on a fixed grid x = 0, 0.05, ..., 1 (not year-indexed). */
export interface RndFrontier {
  id: 'rnd.frontier.npv';
  label: string;
  unit: 'USD m';
  chinaShare: number[];
  npvUsdM: number[];
  /** False where the caps do not allow the split (NPV still shown, not attainable). */
  feasible: boolean[];
  /** The NPV-optimal China share within the caps and the China cap, for marking the chart. */
  optimum: number;
  cap: number;
}

export interface ModelResult {
  series: Series[];
  calibration: CalibrationReport[];
  warnings: string[];
  /** rnd.frontier.npv: kept out of `series` because its x axis is a share grid, not years. */
  frontier: RndFrontier;
  /** Last observed year the projection continues from. */
  baseYear: number;
}

function report(c: NevCalibration): CalibrationReport {
  return {
    region: c.region,
    model: 'damped-pace logistic',
    params: {
      lastShare: c.lastShare,
      lastStep: c.lastStep,
      meanStep: c.meanStep,
      maxStep: c.maxStep,
      kappa: c.kappa,
      referenceCeiling: c.referenceCeiling,
    },
    rmsePp: c.rmsePp,
    through: c.lastYear,
    n: c.n,
    atBound: c.atBound,
  };
}

const referenceCeilings = () => Object.fromEntries(REGIONS.map((r) => [r.key, paramById(`nev.ceiling.${r.key}`)!.default]));

/**
 * Calibrates the NEV block per region on history up to `through` (default: all rows). The calibration is a
 * function of the data only: the reference ceilings are the parameter defaults, never a scenario's.
 * @example calibrateHistory(data.nevHistory, { through: 2025 }).find((c) => c.region === 'China')!.params.maxStep // 0.13
 */
export function calibrateHistory(history: NevHistoryPoint[], options: { through?: number; phi?: number } = {}): CalibrationReport[] {
  return calibrateNev(history, {
    through: options.through,
    referenceCeilings: referenceCeilings(),
    phi: options.phi ?? paramById('nev.pacePersistence')!.default,
  }).map(report);
}

function toParamVector(values: Readonly<Record<string, number>>): Float64Array {
  const defaults = defaultValues();
  const vector = new Float64Array(PARAM_IDS.length);
  PARAM_IDS.forEach((id, i) => {
    const v = values[id] ?? defaults[id];
    if (!Number.isFinite(v)) throw new Error(`parameter '${id}' must be a finite number, got ${String(values[id])}`);
    vector[i] = v;
  });
  return vector;
}

const FRONTIER_POINTS = 21;
const PARAM_INDEX = new Set(PARAM_IDS);

/**
 * Runs the three models for one set of parameter values (missing ids take defaults) and returns every output
 * as a Series, the calibration, the R&D frontier and the user expressions as `expr.<id>` series.
 * @example runModels(defaultValues(), data).series.find((s) => s.id === 'nev.share.China')!.values[10] // 0.53 (2025, observed)
 */
export function runModels(
  values: Readonly<Record<string, number>>,
  data: ModelData,
  options: { expressions?: ScenarioExpression[]; firstYear?: number; lastYear?: number } = {},
): ModelResult {
  const warnings: string[] = [];
  const problems = scenarioProblems({ ...defaultValues(), ...values });
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const params = toParamVector(values);
  for (const id of Object.keys(values)) if (!PARAM_INDEX.has(id)) warnings.push(`ignored unknown parameter '${id}'`);
  const kernel: Kernel = createKernel(data, options.firstYear ?? DEFAULT_FIRST_YEAR, options.lastYear ?? DEFAULT_LAST_YEAR);
  const ny = kernel.years.length;
  const full = new Float64Array(kernel.outputCount * ny);
  kernel.run(params, full);
  const years = [...kernel.years];
  const series: Series[] = OUTPUTS.map((o, row) => ({ ...o, years, values: Array.from(full.subarray(row * ny, row * ny + ny)) }));
  warnings.push(...kernel.notes, ...modelWarnings(kernel, params));

  const inputs = kernel.rndInputs(params);
  const shares = new Float64Array(4);
  const point: RndPoint = { chinaShare: 0, cycleTimeMonths: 0, npvUsdM: 0, riskUsdM: 0, engineers: 0, engineersChina: 0, feasible: true };
  const frontier: RndFrontier = {
    id: 'rnd.frontier.npv',
    label: 'R&D NPV against the China share of R&D (x = 0, 0.05, ..., 1)',
    unit: 'USD m',
    chinaShare: [],
    npvUsdM: [],
    feasible: [],
    optimum: kernel.rndBest.chinaShare,
    cap: inputs.caps[0],
  };
  const range = feasibleChinaRange(inputs.caps);
  for (let i = 0; i < FRONTIER_POINTS; i++) {
    const x = i / (FRONTIER_POINTS - 1);
    evaluateRnd(x, inputs, shares, point);
    frontier.chinaShare.push(x);
    frontier.npvUsdM.push(point.npvUsdM);
    frontier.feasible.push(x >= range.min - 1e-12 && x <= range.max + 1e-12);
  }
  series.push(...evaluateExpressions(options.expressions ?? [], params, series, years, warnings));
  return { series, calibration: kernel.calibration.map(report), warnings, frontier, baseYear: kernel.baseYear };
}

/** What an analyst must be told about a run: fits at a bound, ceilings below today's share, a speed limit hit. */
function modelWarnings(kernel: Kernel, params: Float64Array): string[] {
  const warnings: string[] = [];
  kernel.calibration.forEach((c, r) => {
    const label = REGIONS[r].label;
    for (const note of c.atBound) warnings.push(`nev: fit for ${label} at a bound: ${note}`);
    const ceiling = params[PARAM_IDS.indexOf(`nev.ceiling.${REGIONS[r].key}`)];
    if (ceiling < c.lastShare)
      warnings.push(
        `nev: the ${label} ceiling ${(100 * ceiling).toFixed(0)} % is below the last observed share ${(100 * c.lastShare).toFixed(1)} % (${c.lastYear}): the projection declines towards it, at most ${(100 * c.maxStep).toFixed(1)} pp a year`,
      );
  });
  if (!kernel.rndBest.feasible) warnings.push('rnd: the location caps cannot absorb the whole budget; R&D outputs are not available');
  else if (kernel.rndBest.chinaShare >= params[PARAM_IDS.indexOf('rnd.cap.China')] - 1e-9)
    warnings.push(
      `rnd: the NPV-optimal China share sits at its cap (${(100 * kernel.rndBest.chinaShare).toFixed(0)} %): the cap, not the economics, sets it`,
    );
  return warnings;
}

/** User expressions over outputs (per year) and parameters, as expr.<id> series; non-finite years are warned. */
function evaluateExpressions(
  expressions: readonly ScenarioExpression[],
  params: Float64Array,
  series: readonly Series[],
  years: number[],
  warnings: string[],
): Series[] {
  if (expressions.length === 0) return [];
  const scope: Record<string, number | number[]> = {};
  PARAM_IDS.forEach((id, i) => (scope[id] = params[i]));
  for (const s of series) scope[s.id] = s.values;
  const symbols = Object.keys(scope);
  const out: Series[] = [];
  for (const e of expressions) {
    const compiled = compileExpression(e.expr, symbols);
    if (!compiled.ok) {
      warnings.push(`expression '${e.id}': ${compiled.error}`);
      continue;
    }
    try {
      const result = compiled.evaluate(scope);
      const values = Array.isArray(result) ? result : years.map(() => result);
      // Years where every series the expression reads has a value but the result is not finite (0/0, x/0).
      const used = series.filter((s) => new RegExp(`(^|[^\\w.])${s.id.replace(/\./g, '\\.')}($|[^\\w.])`).test(e.expr));
      const bad = years.filter((_, y) => !Number.isFinite(values[y]) && used.every((s) => Number.isFinite(s.values[y])));
      if (bad.length > 0) warnings.push(`expression '${e.id}' is ${describe(values[years.indexOf(bad[0])])} in ${yearList(bad)}`);
      out.push({ id: `expr.${e.id}`, label: e.label ?? e.expr, unit: e.unit ?? '', years, values });
    } catch (error) {
      warnings.push(`expression '${e.id}': ${(error as Error).message}`);
    }
  }
  return out;
}

const describe = (v: number) =>
  Number.isNaN(v) ? 'not a number (0/0 or similar)' : v > 0 ? 'infinite (division by zero?)' : 'minus infinity (division by zero?)';

/** 2015, 2016, 2017, 2020 -> "2015-2017, 2020". */
function yearList(years: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length; i++) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    parts.push(i === j ? String(years[i]) : `${years[i]}-${years[j]}`);
    i = j;
  }
  return parts.join(', ');
}

export type CycleTimeGoal =
  | { ok: true; chinaShare: number; cycleTimeMonths: number }
  | { ok: false; reason: string; bestCycleTimeMonths: number; bestChinaShare: number };

/**
 * Goal seek: the smallest China share of R&D with cycle time <= targetMonths, inverting
 * T = T_min + (T_base - T_min) exp(-kappa x); "not reachable within caps" when it needs more than the cap.
 * @example chinaShareForCycleTime(30, defaultValues()) // { ok: true, chinaShare: ~0.125, cycleTimeMonths: 30 } (ln(24 / 18) / 2.3)
 */
export function chinaShareForCycleTime(targetMonths: number, values: Readonly<Record<string, number>>): CycleTimeGoal {
  const v = { ...defaultValues(), ...values };
  const base = v['rnd.cycleBaseMonths'],
    min = v['rnd.cycleMinMonths'],
    kappa = v['rnd.kappa'];
  const caps = Float64Array.from(LOCATIONS, (l) => v[`rnd.cap.${l.key}`]);
  const range = feasibleChinaRange(caps);
  const best = { bestChinaShare: range.max, bestCycleTimeMonths: cycleTimeMonths(range.max, base, min, kappa) };
  if (!Number.isFinite(targetMonths)) return { ok: false, reason: 'target months must be a finite number', ...best };
  if (range.min > range.max) return { ok: false, reason: 'the location caps cannot absorb the whole budget', ...best };
  if (targetMonths <= min)
    return { ok: false, reason: `not reachable: the floor T_min is ${min} months, target ${targetMonths} must be above it`, ...best };
  const x = targetMonths >= base ? 0 : -Math.log((targetMonths - min) / (base - min)) / kappa;
  const share = Math.max(x, range.min);
  if (share > range.max + 1e-12)
    return {
      ok: false,
      reason: `not reachable within caps: needs a China share of ${x.toFixed(3)} but the cap is ${range.max}; best is ${best.bestCycleTimeMonths.toFixed(1)} months`,
      ...best,
    };
  return { ok: true, chinaShare: share, cycleTimeMonths: cycleTimeMonths(share, base, min, kappa) };
}
