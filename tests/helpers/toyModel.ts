/** Small compiled models for the simulation tests, whose outputs are known in closed form. */
import type { CompiledModel, ParamMeta } from '../../src/model/types';

/** Builds a CompiledModel from a function of named inputs returning one row of yearly values per output. */
export function toyModel(
  paramIds: readonly string[],
  outputIds: readonly string[],
  years: readonly number[],
  fn: (p: Float64Array, yearIndex: number) => number[],
): CompiledModel {
  return {
    paramIds,
    outputIds,
    years,
    evaluate(params, out) {
      for (let y = 0; y < years.length; y++) {
        const row = fn(params, y);
        for (let o = 0; o < outputIds.length; o++) out[o * years.length + y] = row[o];
      }
    },
  };
}

/** Metadata with the fields the simulator reads; the rest filled with test placeholders. */
export function toyParam(id: string, value: number, extra: Partial<ParamMeta> = {}): ParamMeta {
  return {
    id,
    label: id,
    unit: '-',
    min: -1e9,
    max: 1e9,
    step: 0.01,
    default: value,
    source: 'test fixture',
    status: 'assumption',
    group: 'general',
    ...extra,
  };
}
