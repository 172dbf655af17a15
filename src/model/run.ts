/**
 * Public entry points of the three models: runModels (Series for the workbook), compileModel (the
 * allocation-free fast path for Monte Carlo), calibrateHistory, the R&D frontier and goal seek.
 * Both paths run the same kernel (kernel.ts).
 */
import { calibrateBass } from './bass';
import type { ModelData, NevHistoryPoint } from './data';
import { REGIONS } from './ids';
import { createKernel } from './kernel';
import { compileExpression } from './math';
import { OUTPUTS, OUTPUT_INDEX } from './outputs';
import { defaultValues, PARAM_IDS } from './params';
import { cycleTimeMonths, evaluateRnd, feasibleChinaRange, type RndPoint } from './rnd';
import type { ScenarioExpression } from './scenario';
import type { CompiledModel, Series } from './types';

export const DEFAULT_FIRST_YEAR = 2015;
export const DEFAULT_LAST_YEAR = 2040;

export interface CalibrationReport {
  region: string;
  model: 'bass' | 'logistic';
  /** p, q (1/yr), tau (start year of the diffusion), m (ceiling used, fraction). */
  params: Record<string, number>;
  rmsePp: number;
  through: number;
  n: number;
}

/** NPV against the China share of R&D on a fixed grid x = 0, 0.05, ..., 1 (not year-indexed). */
export interface RndFrontier {
  id: 'rnd.frontier.npv';
  label: string;
  unit: 'USD m';
  chinaShare: number[];
  npvUsdM: number[];
  /** False where the other locations' caps cannot absorb 1 - x (NPV still shown, not attainable). */
  feasible: boolean[];
}

export interface ModelResult {
  series: Series[];
  calibration: CalibrationReport[];
  warnings: string[];
  /** rnd.frontier.npv: kept out of `series` because its x axis is a share grid, not years. */
  frontier: RndFrontier;
}

/**
 * Calibrates the Bass NEV curve per region on history up to `through`, ceilings fixed
 * (ceilingByRegion keyed by region key China/Europe/UnitedStates/RestOfWorld; default: parameter defaults).
 * @example calibrateHistory(data.nevHistory, { through: 2025 }).find((c) => c.region === 'China')!.rmsePp // ~2.5 (<= 3)
 */
export function calibrateHistory(
  history: NevHistoryPoint[],
  options: { through?: number; ceilingByRegion?: Record<string, number> },
): CalibrationReport[] {
  return calibrateBass(history, options).map((f) => ({
    region: f.region,
    model: 'bass',
    params: { p: f.p, q: f.q, tau: f.tau, m: f.m },
    rmsePp: f.rmsePp,
    through: f.through,
    n: f.n,
  }));
}

function ceilingsOf(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(REGIONS.map((r) => [r.key, values[`nev.ceiling.${r.key}`]]));
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

/**
 * Compiles all three models for fast repeated evaluation. Calibration, tariff lookup and buffers
 * are done here once, with the DEFAULT ceilings: a sampled ceiling then scales the projection
 * (s = m F) beyond the history without refitting p, q, tau.
 * @example const m = compileModel(data, { outputIds: ['nev.share.China'] }); m.evaluate(params, out) // out.length = 26
 */
export function compileModel(
  data: ModelData,
  options: { outputIds?: readonly string[]; firstYear?: number; lastYear?: number } = {},
): CompiledModel {
  const fits = calibrateBass(data.nevHistory, { ceilingByRegion: ceilingsOf(defaultValues()) });
  const outputIds = options.outputIds ?? OUTPUTS.map((o) => o.id);
  const rows = Int32Array.from(outputIds, (id) => {
    const row = OUTPUT_INDEX.get(id);
    if (row === undefined) throw new Error(`compileModel: unknown output id '${id}'`);
    return row;
  });
  // The kernel skips the per-cell export and tariff rows nobody asked for.
  const kernel = createKernel(data, fits, options.firstYear ?? DEFAULT_FIRST_YEAR, options.lastYear ?? DEFAULT_LAST_YEAR, rows);
  const ny = kernel.years.length;
  const identity = rows.length === kernel.outputCount && rows.every((row, i) => row === i);
  const full = new Float64Array(identity ? 0 : kernel.outputCount * ny);
  return {
    paramIds: PARAM_IDS,
    outputIds,
    years: kernel.years,
    evaluate(params: Float64Array, out: Float64Array): void {
      if (params.length !== PARAM_IDS.length) throw new Error(`evaluate: expected ${PARAM_IDS.length} parameters, got ${params.length}`);
      if (out.length < rows.length * ny) throw new Error(`evaluate: out needs ${rows.length * ny} values, got ${out.length}`);
      if (identity) return kernel.run(params, out); // all outputs in kernel order: no copy
      kernel.run(params, full);
      for (let o = 0; o < rows.length; o++) {
        const from = rows[o] * ny;
        const to = o * ny;
        for (let y = 0; y < ny; y++) out[to + y] = full[from + y];
      }
    },
  };
}

const FRONTIER_POINTS = 21;
const PARAM_INDEX = new Set(PARAM_IDS);

/**
 * Runs the three models for one set of parameter values (missing ids take defaults) and returns
 * every output as a Series, the calibration (with the scenario's ceilings), the R&D frontier and
 * the user expressions as `expr.<id>` series.
 * @example runModels(defaultValues(), data).series.find((s) => s.id === 'nev.share.China')!.values[10] // 0.53 (2025, observed)
 */
export function runModels(
  values: Readonly<Record<string, number>>,
  data: ModelData,
  options: { expressions?: ScenarioExpression[]; firstYear?: number; lastYear?: number } = {},
): ModelResult {
  const warnings: string[] = [];
  const params = toParamVector(values);
  for (const id of Object.keys(values)) if (!PARAM_INDEX.has(id)) warnings.push(`ignored unknown parameter '${id}'`);
  const fits = calibrateBass(data.nevHistory, { ceilingByRegion: ceilingsOf({ ...defaultValues(), ...values }) });
  const kernel = createKernel(data, fits, options.firstYear ?? DEFAULT_FIRST_YEAR, options.lastYear ?? DEFAULT_LAST_YEAR);
  const ny = kernel.years.length;
  const full = new Float64Array(kernel.outputCount * ny);
  kernel.run(params, full);
  const years = [...kernel.years];
  const series: Series[] = OUTPUTS.map((o, row) => ({ ...o, years, values: Array.from(full.subarray(row * ny, row * ny + ny)) }));
  if (!kernel.rndBest.feasible) warnings.push('rnd: the location caps cannot absorb the whole budget; R&D outputs are NaN');
  for (const f of fits) if (f.rmsePp > 3) warnings.push(`nev: Bass fit for ${f.region} has RMSE ${f.rmsePp.toFixed(2)} pp (> 3 pp)`);

  // R&D frontier on a fixed grid.
  const inputs = kernel.rndInputs(params);
  const shares = new Float64Array(4);
  const point: RndPoint = { chinaShare: 0, cycleTimeMonths: 0, npvUsdM: 0, riskUsdM: 0, engineers: 0, engineersChina: 0, feasible: true };
  const frontier: RndFrontier = {
    id: 'rnd.frontier.npv',
    label: 'R&D NPV vs China share of R&D (x = 0, 0.05, ..., 1)',
    unit: 'USD m',
    chinaShare: [],
    npvUsdM: [],
    feasible: [],
  };
  for (let i = 0; i < FRONTIER_POINTS; i++) {
    const x = i / (FRONTIER_POINTS - 1);
    evaluateRnd(x, inputs, shares, point);
    frontier.chinaShare.push(x);
    frontier.npvUsdM.push(point.npvUsdM);
    frontier.feasible.push(point.feasible && x <= inputs.caps[0] + 1e-12);
  }

  // User expressions over outputs (per year) and parameters.
  const scope: Record<string, number | number[]> = {};
  PARAM_IDS.forEach((id, i) => (scope[id] = params[i]));
  for (const s of series) scope[s.id] = s.values;
  const symbols = Object.keys(scope);
  for (const e of options.expressions ?? []) {
    const compiled = compileExpression(e.expr, symbols);
    if (!compiled.ok) {
      warnings.push(`expression '${e.id}': ${compiled.error}`);
      continue;
    }
    try {
      const result = compiled.evaluate(scope);
      const valuesOut = Array.isArray(result) ? result : years.map(() => result);
      series.push({ id: `expr.${e.id}`, label: e.label ?? e.expr, unit: e.unit ?? '', years, values: valuesOut });
    } catch (error) {
      warnings.push(`expression '${e.id}': ${(error as Error).message}`);
    }
  }
  const calibration: CalibrationReport[] = fits.map((f) => ({
    region: f.region, model: 'bass', params: { p: f.p, q: f.q, tau: f.tau, m: f.m }, rmsePp: f.rmsePp, through: f.through, n: f.n,
  }));
  return { series, calibration, warnings, frontier };
}

export type CycleTimeGoal =
  | { ok: true; chinaShare: number; cycleTimeMonths: number }
  | { ok: false; reason: string; bestCycleTimeMonths: number; bestChinaShare: number };

/**
 * Goal seek: the smallest China share of R&D with cycle time <= targetMonths, inverting
 * T = T_min + (T_base - T_min) exp(-kappa x); "not reachable within caps" when it needs more than the cap.
 * @example chinaShareForCycleTime(36, defaultValues()) // { ok: true, chinaShare: ~0.344, cycleTimeMonths: 36 }
 */
export function chinaShareForCycleTime(targetMonths: number, values: Readonly<Record<string, number>>): CycleTimeGoal {
  const v = { ...defaultValues(), ...values };
  const base = v['rnd.cycleBaseMonths'], min = v['rnd.cycleMinMonths'], kappa = v['rnd.kappa'];
  const caps = Float64Array.from(['China', 'EU', 'US', 'India'], (l) => v[`rnd.cap.${l}`]);
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
