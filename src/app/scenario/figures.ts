/**
 * Figures as the pane holds them: year-indexed series by id, and the headline cards. Pure and free of
 * the model code, so the pane's first paint can use them before the model chunk arrives.
 */
import type { ValueSeries } from '../plans/charts';

export interface InstantResult {
  years: readonly number[];
  series: ValueSeries[];
  get(id: string): ValueSeries | undefined;
}

export interface InstantModel {
  evaluate(values: Readonly<Record<string, number>>): InstantResult;
}

/** Wraps year-indexed rows as series without copying them again. */
export function seriesResult(years: readonly number[], series: ValueSeries[]): InstantResult {
  const byId = new Map(series.map((s) => [s.id, s]));
  return { years, series, get: (id) => byId.get(id) };
}

/** The figures on the pane's cards: key outputs in one year. */
export const HEADLINE_IDS = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
] as const;
export const HEADLINE_YEAR = 2030;

export interface Headline {
  id: string;
  label: string;
  unit: string;
  year: number;
  /** NaN when the model has no value for that year (shown as "no value"). */
  value: number;
}

export function headlines(result: Pick<InstantResult, 'get'>, year = HEADLINE_YEAR): Headline[] {
  return HEADLINE_IDS.flatMap((id) => {
    const s = result.get(id);
    if (!s) return [];
    const i = s.years.indexOf(year);
    const index = i >= 0 ? i : s.values.length - 1;
    return [{ id, label: s.label, unit: s.unit, year: s.years[index], value: s.values[index] }];
  });
}
