/**
 * compileModel: the three models compiled for repeated evaluation (Monte Carlo, tornado, goal seek), the same
 * kernel and calibration as runModels (run.ts re-exports it). A module of its own so that simulation workers
 * load the kernel without the expression engine (mathjs) that runModels needs.
 */
import type { ModelData } from './data';
import { createKernel } from './kernel';
import { OUTPUTS, OUTPUT_INDEX } from './outputs';
import { PARAM_IDS } from './params';
import type { CompiledModel } from './types';

export const DEFAULT_FIRST_YEAR = 2015;
export const DEFAULT_LAST_YEAR = 2040;

/**
 * Compiles the three models for repeated evaluation (Monte Carlo, tornado, goal seek). The same kernel and
 * calibration as runModels: evaluate(params) at a scenario's values equals runModels for that scenario.
 * @example compileModel(data, { outputIds: ['nev.share.China'] }).years.length // 26 (2015..2040: evaluate(params, out) fills 26 values)
 */
export function compileModel(
  data: ModelData,
  options: { outputIds?: readonly string[]; firstYear?: number; lastYear?: number } = {},
): CompiledModel {
  const outputIds = options.outputIds ?? OUTPUTS.map((o) => o.id);
  const rows = Int32Array.from(outputIds, (id) => {
    const row = OUTPUT_INDEX.get(id);
    if (row === undefined) throw new Error(`compileModel: unknown output id '${id}'`);
    return row;
  });
  const kernel = createKernel(data, options.firstYear ?? DEFAULT_FIRST_YEAR, options.lastYear ?? DEFAULT_LAST_YEAR, rows);
  const ny = kernel.years.length;
  return {
    paramIds: PARAM_IDS,
    outputIds,
    years: kernel.years,
    invariants: kernel.invariants,
    evaluate(params: Float64Array, out: Float64Array): void {
      if (params.length !== PARAM_IDS.length) throw new Error(`evaluate: expected ${PARAM_IDS.length} parameters, got ${params.length}`);
      if (out.length < rows.length * ny) throw new Error(`evaluate: out needs ${rows.length * ny} values, got ${out.length}`);
      kernel.run(params, out);
    },
  };
}
