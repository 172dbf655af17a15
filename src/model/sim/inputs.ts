/** Joins a compiled model's parameter order with metadata and scenario values. */
import type { CompiledModel, Distribution, ParamMeta } from '../types';
import { makeQuantile, makeQuantileColumn, validateDistribution } from './distributions';

/** Parameter values in the model's order; throws listing every parameter with no usable value. */
export function baseVector(
  model: CompiledModel,
  params: readonly ParamMeta[],
  values: Readonly<Record<string, number>> = {},
): Float64Array {
  const byId = new Map(params.map((p) => [p.id, p]));
  const vector = new Float64Array(model.paramIds.length);
  const problems: string[] = [];
  model.paramIds.forEach((id, i) => {
    const value = id in values ? values[id] : byId.get(id)?.default;
    if (value === undefined) problems.push(`${id}: no scenario value and no parameter metadata`);
    else if (typeof value !== 'number' || !Number.isFinite(value))
      problems.push(`${id}: value must be a finite number, got ${String(value)}`);
    else vector[i] = value;
  });
  if (problems.length > 0) throw new RangeError(`scenario values: ${problems.join('; ')}`);
  return vector;
}

/** Position of a parameter in the model's vector; throws naming the id when the model has no such input. */
export function paramIndex(model: CompiledModel, paramId: string): number {
  const i = model.paramIds.indexOf(paramId);
  if (i < 0) throw new RangeError(`parameter "${paramId}" is not an input of the compiled model`);
  return i;
}

/** Position of (output, year) in the model's output buffer; throws naming what is missing. */
export function outputCell(model: CompiledModel, outputId: string, year: number): number {
  const o = model.outputIds.indexOf(outputId);
  if (o < 0) throw new RangeError(`output "${outputId}" is not computed by the compiled model`);
  const y = model.years.indexOf(year);
  if (y < 0) throw new RangeError(`year ${year} is outside the model horizon ${model.years[0]}-${model.years[model.years.length - 1]}`);
  return o * model.years.length + y;
}

/** How a parameter's distribution follows the scenario. */
export type DistributionAnchor = 'scenario' | 'fixed';

/** A sampled input: where it goes in the vector and how a uniform becomes its value. */
export interface StochasticInput {
  id: string;
  index: number;
  /** u in (0, 1) -> value, already shifted to the scenario and clamped to [min, max] of the metadata. */
  quantile: (u: number) => number;
  /** The same map applied in place to values[from .. from + n) (no double boxed per value). */
  quantileColumn: (values: Float64Array, from: number, n: number) => void;
}

/**
 * The model inputs that carry a distribution. With anchor "scenario" (default) the distribution is moved by
 * (scenario value - metadata default), so a preset that changes a parameter moves its whole distribution;
 * "fixed" samples the distribution as written. Samples are clamped to the parameter's [min, max].
 */
export function stochasticInputs(
  model: CompiledModel,
  params: readonly ParamMeta[],
  base: Float64Array,
  anchor: DistributionAnchor = 'scenario',
): StochasticInput[] {
  const inputs: StochasticInput[] = [];
  const problems: string[] = [];
  for (const meta of params) {
    const index = model.paramIds.indexOf(meta.id);
    if (index < 0 || !meta.distribution) continue;
    const issues = validateDistribution(meta.distribution, `parameter ${meta.id}`);
    if (issues.length > 0) {
      problems.push(...issues);
      continue;
    }
    const q = makeQuantile(meta.distribution as Distribution);
    const shift = anchor === 'scenario' ? base[index] - meta.default : 0;
    const lo = meta.min;
    const hi = meta.max;
    inputs.push({
      id: meta.id,
      index,
      quantile: (u) => {
        const x = q(u) + shift;
        return x < lo ? lo : x > hi ? hi : x;
      },
      quantileColumn: makeQuantileColumn(meta.distribution as Distribution, shift, lo, hi),
    });
  }
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return inputs;
}
