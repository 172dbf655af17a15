/*
 * Excel custom functions, namespace RLAB (manifest/manifest.xml). Each is a thin adapter over a pure
 * core in src/app/functionsCore.ts; error values become #VALUE! / #N/A with the message.
 * The JSDoc tags are read by custom-functions-metadata-plugin to generate functions.json.
 *
 * functions.js loads before the pane on every start, so it stays small: the cores (models, reference
 * data, mathjs) are a separate chunk fetched on the first call, and the model functions return promises.
 */
import type { FunctionResult } from '../app/functionsCore';

type Cores = typeof import('../app/functionsCore');
let cores: Promise<Cores> | null = null;
const loadCores = (): Promise<Cores> => (cores ??= import(/* webpackChunkName: "functions-core" */ '../app/functionsCore'));

const isError = (r: FunctionResult): r is Exclude<FunctionResult, number> => typeof r === 'object' && r !== null && 'error' in r;

/** Injected by webpack's DefinePlugin from package.json "version"; absent under vitest/tsx. */
declare const __RLAB_VERSION__: string | undefined;

function toExcel(result: FunctionResult): number {
  if (!isError(result)) return result;
  const code = result.error === 'notAvailable' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
  throw new CustomFunctions.Error(code, result.message);
}

/**
 * Returns the Reversal Lab version that is loaded in this workbook.
 * @customfunction VERSION
 * @returns The add-in version, e.g. "0.1.0".
 */
export function version(): string {
  return typeof __RLAB_VERSION__ === 'string' ? __RLAB_VERSION__ : 'dev';
}

/**
 * One model output of a preset in one year, e.g. =RLAB.SERIES("nev.share.China", 2030).
 * @customfunction SERIES
 * @param outputId Output id from docs/outputs.md, e.g. "nev.share.China".
 * @param year Calendar year, 2015 to 2040.
 * @param [preset] Preset id: baseline (default), accelerated or fortress.
 * @returns The value in the output's unit (shares as fractions).
 */
export async function series(outputId: string, year: number, preset?: string): Promise<number> {
  const { seriesCore } = await loadCores();
  return toExcel(seriesCore(outputId, year, preset ?? 'baseline'));
}

/**
 * NEV share on a Bass diffusion curve: ceiling * F(year - tau; p, q).
 * @customfunction BASSSHARE
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
 * @param targetMonths Target development cycle time in months.
 * @returns China share as a fraction, or #N/A with the reason when the caps do not allow it.
 */
export async function chinaShareForCycle(targetMonths: number): Promise<number> {
  const { chinaShareForCycleCore } = await loadCores();
  return toExcel(chinaShareForCycleCore(targetMonths));
}
