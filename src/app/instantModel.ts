/**
 * The pane's instant figures: the compiled model (compileModel(data).evaluate, the fast path the
 * simulation and tornado use) evaluated on every slider event, well inside one frame (~0.1 ms).
 *
 * The compiled model keeps the history fit of the default NEV ceilings and scales the projection by a
 * changed ceiling; the Results sheet refits the curves to the scenario's ceilings. So while a ceiling
 * slider moves the pane shows the fast figures, and once the results are written it shows the written
 * (refitted) ones; for every other input both paths give the same numbers (tested).
 */
import type { ModelData } from '../model/data';
import { OUTPUTS } from '../model/outputs';
import { defaultValues, PARAM_IDS } from '../model/params';
import { compileModel } from '../model/run';
import type { ValueSeries } from './charts';

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

export function createInstantModel(data: ModelData): InstantModel {
  const model = compileModel(data);
  const defaults = defaultValues();
  const params = new Float64Array(PARAM_IDS.length);
  const years = [...model.years];
  const ny = years.length;
  const meta = new Map(OUTPUTS.map((o) => [o.id, o]));
  return {
    evaluate(values) {
      PARAM_IDS.forEach((id, i) => {
        const v = values[id];
        params[i] = v !== undefined && Number.isFinite(v) ? v : defaults[id];
      });
      // A fresh buffer per evaluation: the pane keeps results as immutable snapshots.
      const out = new Float64Array(model.outputIds.length * ny);
      model.evaluate(params, out);
      const series = model.outputIds.map((id, o) => {
        const m = meta.get(id);
        return { id, label: m?.label ?? id, unit: m?.unit ?? '', years, values: out.subarray(o * ny, o * ny + ny) };
      });
      return seriesResult(years, series);
    },
  };
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
