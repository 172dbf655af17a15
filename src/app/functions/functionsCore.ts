/**
 * Pure cores of the Excel custom functions (HyperFormula style: metadata + thin adapter + core).
 * Bad input comes back as an error value naming the argument, never as an exception.
 */
import { bassF } from '../../model/bass';
import { OUTPUT_INDEX } from '../../model/outputs';
import { DESTINATIONS, PRODUCTS } from '../../model/ids';
import { didYouMean } from '../../model/math';
import { presetById, PRESETS } from '../../model/presets';
import { cycleTimeMonths } from '../../model/rnd';
import { chinaShareForCycleTime, runModels, type ModelResult } from '../../model/run';
import { defaultValues, PARAM_IDS, paramById } from '../../model/params';
import { restoreScenario } from '../../model/scenario';
import { referenceModelData } from '../scenario/modelInputs';

export interface FunctionError {
  error: 'invalidValue' | 'notAvailable';
  message: string;
}

export type FunctionResult = number | FunctionError;

export const isFunctionError = (r: unknown): r is FunctionError => typeof r === 'object' && r !== null && 'error' in r;

const invalid = (message: string): FunctionError => ({ error: 'invalidValue', message });

function finiteArg(name: string, value: unknown): number | FunctionError {
  return typeof value === 'number' && Number.isFinite(value) ? value : invalid(`${name} must be a number`);
}

/** A cell value as Excel passes it for an `any` parameter: number, text, boolean, or null / "" when empty. */
type Cell = unknown;

/** The values a function evaluates: a preset plus the overrides given in the workbook, validated. */
export interface FunctionScenario {
  preset: string;
  overrides: Record<string, number>;
  values: Record<string, number>;
}

const isBlank = (v: Cell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The preset argument and the optional overrides range: a 2-column block of parameter id and value (the
 * parameter cells of the workbook), applied on top of the preset as a scenario file's `overrides` are
 * (the same validation: restoreScenario). Blank rows are skipped, and so are title and header rows above the
 * first parameter (no parameter id in them and no number beside it), so a whole Inputs!A:B or a table can be given.
 * @example scenarioArgs('fortress', [['exports.tariff.Europe', 0.5]]).values['exports.tariff.Europe'] // 0.5
 */
export function scenarioArgs(presetId: unknown, overrides?: unknown): FunctionScenario | FunctionError {
  const preset = isBlank(presetId) ? 'baseline' : presetId;
  if (typeof preset !== 'string' || !presetById(preset))
    return invalid(`preset: unknown preset "${String(preset)}"; use ${PRESETS.map((p) => p.id).join(', ')}`);
  const given: Record<string, number> = {};
  const rowOf = new Map<string, number>();
  if (!isBlank(overrides)) {
    if (!Array.isArray(overrides) || !overrides.every(Array.isArray))
      return invalid('overrides: must be a range of 2 columns (parameter id, value)');
    const rows = overrides as Cell[][];
    const width = rows[0]?.length ?? 0;
    if (width !== 2)
      return invalid(`overrides: must be a range of 2 columns (parameter id, value), got ${width} column${width === 1 ? '' : 's'}`);
    for (let r = 0; r < rows.length; r++) {
      const [id, value] = rows[r];
      const where = `overrides row ${r + 1}`;
      if (isBlank(id) && isBlank(value)) continue;
      // Title and header rows above the first parameter: no parameter id, and no number beside it.
      if (rowOf.size === 0 && !(typeof id === 'string' && paramById(id.trim())) && (isBlank(value) || typeof value === 'string')) continue;
      if (typeof id !== 'string' || isBlank(id))
        return invalid(`${where}: the first column must hold a parameter id, got ${JSON.stringify(id ?? '')}`);
      const key = id.trim();
      if (!paramById(key)) return invalid(`${where}: unknown parameter id "${key}"${didYouMean(key, PARAM_IDS)} (ids: docs/models.md)`);
      if (rowOf.has(key)) return invalid(`${where}: "${key}" is already set in row ${rowOf.get(key)}`);
      if (typeof value !== 'number' || !Number.isFinite(value))
        return invalid(`${where}: the value of "${key}" must be a number, got ${JSON.stringify(value ?? '')}`);
      given[key] = value;
      rowOf.set(key, r + 1);
    }
  }
  const restored = restoreScenario({ name: 'RLAB', preset, overrides: given });
  if (!restored.ok) {
    // Name the row of the parameter each problem is about.
    const located = restored.errors.map((e) => {
      const id = [...rowOf.keys()].find((k) => e.includes(`'${k}'`));
      return id ? `overrides row ${rowOf.get(id)}: ${e.replace(/^overrides: /, '')}` : e;
    });
    return invalid(located.join('; '));
  }
  return { preset, overrides: restored.scenario.overrides, values: restored.values };
}

/**
 * One model run per scenario (the few most recent), on the bundled reference data: custom functions recalculate
 * often, and a sheet asks for many years of the same scenario. `modelRuns` counts the runs (the cache's misses).
 */
export class ScenarioRuns {
  private readonly runs = new Map<string, ModelResult>();
  modelRuns = 0;
  constructor(private readonly size = 8) {}
  get(s: FunctionScenario): ModelResult {
    const key = JSON.stringify([s.preset, Object.entries(s.overrides).sort(([a], [b]) => (a < b ? -1 : 1))]);
    let run = this.runs.get(key);
    if (run)
      this.runs.delete(key); // re-inserted below: most recent last
    else {
      run = runModels(s.values, referenceModelData());
      this.modelRuns++;
    }
    this.runs.set(key, run);
    if (this.runs.size > this.size) this.runs.delete(this.runs.keys().next().value!);
    return run;
  }
}

/** The runs behind the custom functions (one per page: the functions runtime shares it). */
export const SCENARIO_RUNS = new ScenarioRuns();

function seriesOf(outputId: string, s: FunctionScenario) {
  return SCENARIO_RUNS.get(s).series.find((x) => x.id === outputId)!;
}

function valueIn(outputId: string, year: unknown, s: FunctionScenario, argName = 'year'): FunctionResult {
  const y = finiteArg(argName, year);
  if (isFunctionError(y)) return y;
  const series = seriesOf(outputId, s);
  if (!Number.isInteger(y)) return invalid(`${argName} must be a whole year, got ${y}`);
  const i = series.years.indexOf(y);
  if (i < 0)
    return {
      error: 'notAvailable',
      message: `${outputId} has no value in ${y}: the model covers ${series.years[0]}-${series.years[series.years.length - 1]}`,
    };
  const v = series.values[i];
  return Number.isFinite(v) ? v : { error: 'notAvailable', message: `${outputId} has no value in ${y}${notAvailableReason(outputId)}` };
}

function notAvailableReason(outputId: string): string {
  if (outputId.startsWith('rnd.')) return ' (R&D outputs start after the last observed year)';
  if (/\.adas\.NorthAmerica$/.test(outputId)) return ' (the US connected-vehicle rule bars China ADAS from that model year)';
  return '';
}

/** =RLAB.SERIES("nev.share.China", 2030, "baseline"): one output of a preset in one year. */
export function seriesCore(outputId: unknown, year: unknown, presetId: unknown = 'baseline', overrides?: unknown): FunctionResult {
  if (typeof outputId !== 'string' || !OUTPUT_INDEX.has(outputId))
    return invalid(`outputId: unknown output id "${String(outputId)}" (see docs/outputs.md)`);
  const s = scenarioArgs(presetId, overrides);
  if (isFunctionError(s)) return s;
  return valueIn(outputId, year, s);
}

/** A spilled array: numbers, and an error value in a cell with no value. */
export type SpillResult = FunctionResult[][] | FunctionError;

/**
 * =RLAB.SERIES("nev.share.China") spills the whole series across the years (one row, first year first);
 * with a row or column of years, the values of those years in the same shape.
 */
export function seriesSpillCore(outputId: unknown, years?: unknown, presetId?: unknown, overrides?: unknown): SpillResult {
  if (typeof outputId !== 'string' || !OUTPUT_INDEX.has(outputId))
    return invalid(`outputId: unknown output id "${String(outputId)}" (see docs/outputs.md)`);
  const s = scenarioArgs(presetId, overrides);
  if (isFunctionError(s)) return s;
  if (
    isBlank(years) ||
    (Array.isArray(years) && years.length === 1 && Array.isArray(years[0]) && years[0].length === 1 && isBlank(years[0][0]))
  ) {
    const series = seriesOf(outputId, s);
    return [
      series.values.map((v, i) =>
        Number.isFinite(v)
          ? v
          : { error: 'notAvailable', message: `${outputId} has no value in ${series.years[i]}${notAvailableReason(outputId)}` },
      ),
    ];
  }
  const grid: Cell[][] = Array.isArray(years) ? (years as Cell[][]) : [[years]];
  if (!grid.every(Array.isArray)) return invalid('years: must be a year or a row or column of years');
  if (grid.length > 1 && grid[0].length > 1)
    return invalid(`years: must be one row or one column of years, got ${grid.length} rows x ${grid[0].length} columns`);
  const out: FunctionResult[][] = [];
  for (let r = 0; r < grid.length; r++) {
    const row: FunctionResult[] = [];
    for (let c = 0; c < grid[r].length; c++) {
      const v = valueIn(outputId, grid[r][c], s, grid.length * grid[r].length === 1 ? 'year' : `years (item ${r + c + 1})`);
      // A bad year is the caller's mistake: the whole call fails, naming it; a year without a value is #N/A in place.
      if (isFunctionError(v) && v.error === 'invalidValue') return v;
      row.push(v);
    }
    out.push(row);
  }
  return out;
}

function productKey(product: unknown): string | FunctionError {
  const k =
    typeof product === 'string'
      ? PRODUCTS.find((p) => p.key.toLowerCase() === product.trim().toLowerCase() || p.label.toLowerCase() === product.trim().toLowerCase())
      : undefined;
  return k ? k.key : invalid(`product: unknown product "${String(product ?? '')}"; use ${PRODUCTS.map((p) => p.key).join(', ')}`);
}

function destinationKey(destination: unknown): string | FunctionError {
  const norm = (x: string) => x.toLowerCase().replace(/[^a-z]/g, '');
  const d =
    typeof destination === 'string'
      ? DESTINATIONS.find((x) => norm(x.key) === norm(destination) || norm(x.label) === norm(destination))
      : undefined;
  return d
    ? d.key
    : invalid(`destination: unknown destination "${String(destination ?? '')}"; use ${DESTINATIONS.map((x) => x.key).join(', ')}`);
}

function componentCell(
  prefix: string,
  product: unknown,
  destination: unknown,
  year: unknown,
  presetId: unknown,
  overrides: unknown,
): FunctionResult {
  const k = productKey(product);
  if (isFunctionError(k)) return k;
  const d = destinationKey(destination);
  if (isFunctionError(d)) return d;
  const s = scenarioArgs(presetId, overrides);
  if (isFunctionError(s)) return s;
  return valueIn(`${prefix}.${k}.${d}`, year, s);
}

/**
 * =RLAB.LANDEDCOST("edrive", "Europe", 2030): what a buyer there pays for a China-made unit, delivered and duty
 * paid (USD per unit): the model's exports.landedCostUsd.<product>.<destination>.
 */
export function landedCostCore(
  product: unknown,
  destination: unknown,
  year: unknown,
  presetId?: unknown,
  overrides?: unknown,
): FunctionResult {
  return componentCell('exports.landedCostUsd', product, destination, year, presetId, overrides);
}

/** =RLAB.BREAKEVENTARIFF("edrive", "Europe", 2030): the tariff (fraction) at which the China unit costs the local price. */
export function breakEvenTariffCore(
  product: unknown,
  destination: unknown,
  year: unknown,
  presetId?: unknown,
  overrides?: unknown,
): FunctionResult {
  return componentCell('exports.breakEvenTariff', product, destination, year, presetId, overrides);
}

/**
 * =RLAB.OPTIMALCHINASHARE("fortress"): the NPV-optimal China share of R&D within the caps (fraction), the
 * model's rnd.optimalChinaShare. The R&D block has no year dimension: the value is that of every projection year.
 */
export function optimalChinaShareCore(presetId?: unknown, overrides?: unknown): FunctionResult {
  const s = scenarioArgs(presetId, overrides);
  if (isFunctionError(s)) return s;
  const run = SCENARIO_RUNS.get(s);
  return valueIn('rnd.optimalChinaShare', run.baseYear + 1, s);
}

/** =RLAB.BASSSHARE(2030, p, q, tau, ceiling): NEV share m * F(t - tau; p, q). */
export function bassShareCore(year: unknown, p: unknown, q: unknown, tau: unknown, ceiling: unknown): FunctionResult {
  const args = [finiteArg('year', year), finiteArg('p', p), finiteArg('q', q), finiteArg('tau', tau), finiteArg('ceiling', ceiling)];
  const bad = args.find(isFunctionError);
  if (bad) return bad;
  const [t, pp, qq, tt, m] = args as number[];
  if (pp <= 0 || qq < 0) return invalid('p must be > 0 and q >= 0');
  if (m < 0 || m > 1) return invalid('ceiling must be a share between 0 and 1');
  return m * bassF(t - tt, pp, qq);
}

/** =RLAB.CYCLETIME(0.4): development cycle time in months for a China share of R&D. */
export function cycleTimeCore(chinaShare: unknown, baseMonths?: unknown, minMonths?: unknown, kappa?: unknown): FunctionResult {
  const d = defaultValues();
  const x = finiteArg('chinaShare', chinaShare);
  if (isFunctionError(x)) return x;
  if (x < 0 || x > 1) return invalid('chinaShare must be between 0 and 1');
  const base = baseMonths ?? d['rnd.cycleBaseMonths'];
  const min = minMonths ?? d['rnd.cycleMinMonths'];
  const k = kappa ?? d['rnd.kappa'];
  const args = [finiteArg('baseMonths', base), finiteArg('minMonths', min), finiteArg('kappa', k)];
  const bad = args.find(isFunctionError);
  if (bad) return bad;
  const [b, m, kk] = args as number[];
  if (m > b) return invalid('minMonths must not exceed baseMonths');
  return cycleTimeMonths(x, b, m, kk);
}

/** =RLAB.CHINASHAREFORCYCLE(30): the smallest China share of R&D that reaches the target cycle time. */
export function chinaShareForCycleCore(targetMonths: unknown): FunctionResult {
  const t = finiteArg('targetMonths', targetMonths);
  if (isFunctionError(t)) return t;
  const goal = chinaShareForCycleTime(t, defaultValues());
  return goal.ok ? goal.chinaShare : { error: 'notAvailable', message: goal.reason };
}
