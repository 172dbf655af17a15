/*
 * Excel custom functions, namespace RLAB (manifest/manifest.xml). Each is a thin adapter over a pure
 * core in src/app/functions/functionsCore.ts; error values become #VALUE! / #N/A with the message.
 * The JSDoc tags are read by custom-functions-metadata-plugin to generate functions.json.
 *
 * functions.js loads before the pane on every start, so it stays small: the cores (models, reference
 * data, mathjs) are a separate chunk fetched on the first call, and the model functions return promises.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- custom-functions-metadata reads any[][] as "a range of any cell type" (unknown[][] is refused at build time) */
import type { FunctionError, FunctionResult, SpillResult } from '../app/functions/functionsCore';

type Cores = typeof import('../app/functions/functionsCore');
let cores: Promise<Cores> | null = null;
const loadCores = (): Promise<Cores> => (cores ??= import(/* webpackChunkName: "functions-core" */ '../app/functions/functionsCore'));

const isError = (r: FunctionResult): r is FunctionError => typeof r === 'object' && r !== null && 'error' in r;

/** Injected by webpack's DefinePlugin from package.json "version"; absent under vitest/tsx. */
declare const __RLAB_VERSION__: string | undefined;

function excelError(error: FunctionError): CustomFunctions.Error {
  const code = error.error === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  return new CustomFunctions.Error(code, error.message);
}

function toExcel(result: FunctionResult): number {
  if (!isError(result)) return result;
  throw excelError(result);
}

/** A spilled array: a bad argument fails the call; a cell without a value is #N/A in place (CustomFunctionsRuntime 1.2). */
function toExcelArray(result: SpillResult): number[][] {
  if (!Array.isArray(result)) throw excelError(result);
  return result.map((row) => row.map((cell) => (isError(cell) ? (excelError(cell) as unknown as number) : cell)));
}

/**
 * Returns the Reversal Lab version that is loaded in this workbook.
 * @customfunction VERSION
 * @helpurl https://localhost:3000/assets/support.html#rlab-version
 * @returns The add-in version, e.g. "0.1.0".
 */
export function version(): string {
  return typeof __RLAB_VERSION__ === 'string' ? __RLAB_VERSION__ : 'dev';
}

/**
 * A model output for a preset or your scenario, as on the Results sheet: one value for a year, the whole series
 * 2015-2040 spilled in one row when years is empty, or the values of a row or column of years.
 * @customfunction SERIES
 * @helpurl https://localhost:3000/assets/support.html#rlab-series
 * @param outputId Output id from docs/outputs.md, e.g. "nev.share.China".
 * @param [years] A year (2015 to 2040), or a row or column of years; empty for the whole series in one row.
 * @param [preset] Preset id: baseline (default), accelerated or fortress.
 * @param [overrides] 2-column range of parameter id and value applied on top of the preset, e.g. Inputs!A4:B200.
 * @returns The values in the output's unit (shares as fractions); #N/A in a year without a value.
 */
export async function series(outputId: string, years?: any[][], preset?: string, overrides?: any[][]): Promise<number[][]> {
  const { seriesSpillCore } = await loadCores();
  return toExcelArray(seriesSpillCore(outputId, years, preset, overrides));
}

/**
 * What a buyer pays for a China-made component, delivered and duty paid, in a year of a scenario: the model's
 * exports.landedCostUsd.<product>.<destination> (USD per unit).
 * @customfunction LANDEDCOST
 * @helpurl https://localhost:3000/assets/support.html#rlab-landedcost
 * @param product Component: edrive, adas, sbw, thermal, sic or battery.
 * @param destination Destination: Europe, NorthAmerica or RestOfWorld.
 * @param year Calendar year, 2015 to 2040.
 * @param [preset] Preset id: baseline (default), accelerated or fortress.
 * @param [overrides] 2-column range of parameter id and value applied on top of the preset, e.g. Inputs!A4:B200.
 * @returns USD per unit.
 */
export async function landedCost(
  product: string,
  destination: string,
  year: number,
  preset?: string,
  overrides?: any[][],
): Promise<number> {
  const { landedCostCore } = await loadCores();
  return toExcel(landedCostCore(product, destination, year, preset, overrides));
}

/**
 * The tariff at which a China-made component costs a buyer exactly the local price (where sourcing flips to local
 * supply), in a year of a scenario: the model's exports.breakEvenTariff.<product>.<destination>.
 * @customfunction BREAKEVENTARIFF
 * @helpurl https://localhost:3000/assets/support.html#rlab-breakeventariff
 * @param product Component: edrive, adas, sbw, thermal, sic or battery.
 * @param destination Destination: Europe, NorthAmerica or RestOfWorld.
 * @param year Calendar year, 2015 to 2040.
 * @param [preset] Preset id: baseline (default), accelerated or fortress.
 * @param [overrides] 2-column range of parameter id and value applied on top of the preset, e.g. Inputs!A4:B200.
 * @returns The tariff as a fraction (0.34 = 34 %); #N/A where China cannot supply (US connected-vehicle rule).
 */
export async function breakEvenTariff(
  product: string,
  destination: string,
  year: number,
  preset?: string,
  overrides?: any[][],
): Promise<number> {
  const { breakEvenTariffCore } = await loadCores();
  return toExcel(breakEvenTariffCore(product, destination, year, preset, overrides));
}

/**
 * The NPV-optimal China share of the R&D budget within the location caps, for a scenario: the model's
 * rnd.optimalChinaShare (the same in every projection year).
 * @customfunction OPTIMALCHINASHARE
 * @helpurl https://localhost:3000/assets/support.html#rlab-optimalchinashare
 * @param [preset] Preset id: baseline (default), accelerated or fortress.
 * @param [overrides] 2-column range of parameter id and value applied on top of the preset, e.g. Inputs!A4:B200.
 * @returns China share of R&D as a fraction (0.6 = 60 %).
 */
export async function optimalChinaShare(preset?: string, overrides?: any[][]): Promise<number> {
  const { optimalChinaShareCore } = await loadCores();
  return toExcel(optimalChinaShareCore(preset, overrides));
}

/**
 * NEV share on a Bass diffusion curve: ceiling * F(year - tau; p, q).
 * @customfunction BASSSHARE
 * @helpurl https://localhost:3000/assets/support.html#rlab-bassshare
 * @param year Calendar year.
 * @param p Innovation coefficient (1/yr).
 * @param q Imitation coefficient (1/yr).
 * @param tau Start year of the diffusion.
 * @param ceiling Share ceiling between 0 and 1.
 * @returns The NEV share of new-car sales as a fraction.
 */
export async function bassShare(year: number, p: number, q: number, tau: number, ceiling: number): Promise<number> {
  const { bassShareCore } = await loadCores();
  return toExcel(bassShareCore(year, p, q, tau, ceiling));
}

/**
 * Development cycle time for a China share of R&D: Tmin + (Tbase - Tmin) * exp(-kappa * share).
 * @customfunction CYCLETIME
 * @helpurl https://localhost:3000/assets/support.html#rlab-cycletime
 * @param chinaShare China share of the R&D budget, 0 to 1.
 * @param [baseMonths] Cycle time with no China R&D (default 45, McKinsey 2025).
 * @param [minMonths] Floor at China speed (default 24, McKinsey 2025).
 * @param [kappa] Response of cycle time to the China share.
 * @returns Months.
 */
export async function cycleTime(chinaShare: number, baseMonths?: number, minMonths?: number, kappa?: number): Promise<number> {
  const { cycleTimeCore } = await loadCores();
  return toExcel(cycleTimeCore(chinaShare, baseMonths, minMonths, kappa));
}

/**
 * Goal seek: the smallest China share of R&D whose cycle time is at most the target.
 * @customfunction CHINASHAREFORCYCLE
 * @helpurl https://localhost:3000/assets/support.html#rlab-chinashareforcycle
 * @param targetMonths Target development cycle time in months.
 * @returns China share as a fraction, or #N/A with the reason when the caps do not allow it.
 */
export async function chinaShareForCycle(targetMonths: number): Promise<number> {
  const { chinaShareForCycleCore } = await loadCores();
  return toExcel(chinaShareForCycleCore(targetMonths));
}
