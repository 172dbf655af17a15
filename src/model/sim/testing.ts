/**
 * Fixtures for the simulation tests and docs: a relative-tolerance comparison and small compiled models
 * whose outputs are known in closed form. Pure, so it type-checks with the model code.
 */
import type { CompiledModel, ParamMeta } from '../types';

/** |actual - expected| <= rel * max(|expected|, floor): float comparison with a relative tolerance. */
export function relClose(actual: number, expected: number, rel: number, floor = 1e-12): boolean {
  return Math.abs(actual - expected) <= rel * Math.max(Math.abs(expected), floor);
}

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
  return { id, label: id, unit: '-', min: -1e9, max: 1e9, step: 0.01, default: value, source: 'test fixture', status: 'assumption', group: 'general', ...extra };
}
