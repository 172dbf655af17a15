/** One-at-a-time tornado and post-simulation rank correlations. */
import type { CompiledModel, ParamMeta } from '../types';
import { makeQuantile } from './distributions';
import { baseVector, outputCell } from './inputs';
import type { SimulationResult } from './simulation';
import { spearman } from './stats';

export interface TornadoOptions {
  /**
   * "distribution" (default): inputs with a distribution swing between its P10 and P90 (moved to the scenario
   * value like the simulation does), inputs without one between metadata min and max.
   * "minmax": every input between metadata min and max.
   */
  range?: 'distribution' | 'minmax';
  /** Quantiles used for the distribution range (default 0.1 and 0.9). */
  lowQuantile?: number;
  highQuantile?: number;
  /** Only these parameters (default: every parameter the model reads). */
  paramIds?: readonly string[];
}

export interface TornadoBarResult {
  paramId: string;
  label: string;
  unit: string;
  low: number;
  high: number;
  outputAtLow: number;
  outputAtHigh: number;
  /** |outputAtHigh - outputAtLow|, the sort key. */
  swing: number;
  rangeSource: 'distribution' | 'minmax';
}

export interface TornadoResult {
  outputId: string;
  year: number;
  base: number;
  bars: TornadoBarResult[];
}

/** One-at-a-time sensitivity of one output in one year; bars sorted by swing, largest first. */
export function tornado(
  model: CompiledModel,
  values: Readonly<Record<string, number>>,
  params: readonly ParamMeta[],
  outputId: string,
  year: number,
  options: TornadoOptions = {},
): TornadoResult {
  const cell = outputCell(model, outputId, year);
  const base = baseVector(model, params, values);
  const out = new Float64Array(model.outputIds.length * model.years.length);
  model.evaluate(base, out);
  const baseOutput = out[cell];
  const lowQ = options.lowQuantile ?? 0.1;
  const highQ = options.highQuantile ?? 0.9;
  if (!(lowQ > 0 && lowQ < highQ && highQ < 1)) throw new RangeError(`tornado quantiles must satisfy 0 < low < high < 1 (got ${lowQ}, ${highQ})`);
  const wanted = options.paramIds ? new Set(options.paramIds) : undefined;
  const x = new Float64Array(base);
  const bars: TornadoBarResult[] = [];
  for (const meta of params) {
    const index = model.paramIds.indexOf(meta.id);
    if (index < 0 || (wanted && !wanted.has(meta.id))) continue;
    let low = meta.min;
    let high = meta.max;
    let rangeSource: TornadoBarResult['rangeSource'] = 'minmax';
    if (meta.distribution && options.range !== 'minmax') {
      const q = makeQuantile(meta.distribution);
      const shift = base[index] - meta.default;
      low = Math.min(meta.max, Math.max(meta.min, q(lowQ) + shift));
      high = Math.min(meta.max, Math.max(meta.min, q(highQ) + shift));
      rangeSource = 'distribution';
    }
    x[index] = low;
    model.evaluate(x, out);
    const outputAtLow = out[cell];
    x[index] = high;
    model.evaluate(x, out);
    const outputAtHigh = out[cell];
    x[index] = base[index];
    bars.push({ paramId: meta.id, label: meta.label, unit: meta.unit, low, high, outputAtLow, outputAtHigh, swing: Math.abs(outputAtHigh - outputAtLow), rangeSource });
  }
  if (wanted) for (const id of wanted) if (!bars.some((b) => b.paramId === id)) throw new RangeError(`tornado: parameter "${id}" has no metadata or is not a model input`);
  bars.sort((a, b) => b.swing - a.swing || a.paramId.localeCompare(b.paramId));
  return { outputId, year, base: baseOutput, bars };
}

export interface RankCorrelation {
  paramId: string;
  /** Spearman rank correlation of the sampled input with the output; NaN if the output is constant. */
  rho: number;
}

/** Spearman correlation of each sampled input with one output in one year, sorted by |rho|. */
export function rankCorrelations(sim: SimulationResult, outputId: string, year: number): RankCorrelation[] {
  const r = sim.outputIds.indexOf(outputId);
  if (r < 0) throw new RangeError(`rankCorrelations: output "${outputId}" was not reported by the simulation`);
  const y = sim.years.indexOf(year);
  if (y < 0) throw new RangeError(`rankCorrelations: year ${year} is outside the simulated years`);
  const n = sim.iterations;
  if (n < 3) throw new RangeError(`rankCorrelations needs at least 3 trials, got ${n}`);
  const output = sim.outputSamples.subarray((r * sim.years.length + y) * n, (r * sim.years.length + y + 1) * n);
  const result = sim.inputIds.map((paramId, j) => ({ paramId, rho: spearman(sim.inputSamples.subarray(j * n, (j + 1) * n), output) }));
  return result.sort((a, b) => (Math.abs(b.rho) || 0) - (Math.abs(a.rho) || 0));
}
