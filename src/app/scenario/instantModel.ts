/**
 * The pane's instant figures: the compiled model (compileModel(data).evaluate, the fast path the
 * simulation and tornado use) evaluated on every slider event, well inside one frame (~0.1 ms).
 *
 * It is the same function the Results sheet, the simulation, the tornado, goal seek, the custom functions
 * and the CLI evaluate (runModels is compileModel plus labels; a test holds them equal to 1e-12): the
 * figures shown while a slider moves are the figures written once it rests.
 */
import type { ModelData } from '../../model/data';
import { OUTPUTS } from '../../model/outputs';
import { defaultValues, PARAM_IDS } from '../../model/params';
import { compileModel } from '../../model/run';
import { seriesResult, type InstantModel } from './figures';

export { HEADLINE_IDS, HEADLINE_YEAR, headlines, seriesResult, type Headline, type InstantModel, type InstantResult } from './figures';

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
