/** One-at-a-time tornado and post-simulation rank correlations. */
import type { CompiledModel, ParamMeta } from '../types';
import { makeQuantile } from './distributions';
import { baseVector, outputCell } from './inputs';
import type { SimulationResult } from './simulation';
import { pearson, ranks } from './stats';

export interface TornadoOptions {
  /** Quantiles every input swings between (default 0.1 and 0.9: the same probability range for all). */
  lowQuantile?: number;
  highQuantile?: number;
  /** Only these parameters (default: every uncertain input of the model, i.e. every one with a distribution). */
  paramIds?: readonly string[];
}

export interface TornadoBarResult {
  paramId: string;
  label: string;
  unit: string;
  /** The input at the low and high quantile of its distribution (moved to the scenario value). */
  low: number;
  high: number;
  outputAtLow: number;
  outputAtHigh: number;
  /** |outputAtHigh - outputAtLow|, the sort key. */
  swing: number;
  /** The probability range swung, e.g. "P10-P90". */
  range: string;
}

export interface TornadoResult {
  outputId: string;
  year: number;
  base: number;
  bars: TornadoBarResult[];
}

/**
 * One-at-a-time sensitivity of one output in one year: each uncertain input swings between the same quantiles
 * of its own distribution (default P10-P90, moved to the scenario value like the simulation does), the others
 * stay at the scenario value. Inputs without a distribution (levers: tariffs a scenario sets, caps, shocks) are
 * decisions, not uncertainties, and are not swung; naming one in paramIds is an error. Bars sorted by swing.
 */
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
  if (!(lowQ > 0 && lowQ < highQ && highQ < 1))
    throw new RangeError(`tornado quantiles must satisfy 0 < low < high < 1 (got ${lowQ}, ${highQ})`);
  const range = `P${fmtQ(lowQ)}-P${fmtQ(highQ)}`;
  const wanted = options.paramIds ? new Set(options.paramIds) : undefined;
  const x = new Float64Array(base);
  const bars: TornadoBarResult[] = [];
  for (const meta of params) {
    const index = model.paramIds.indexOf(meta.id);
    if (index < 0 || (wanted && !wanted.has(meta.id))) continue;
    if (!meta.distribution) {
      if (wanted) throw new RangeError(`tornado: parameter "${meta.id}" is a lever with no distribution; only uncertain inputs are swung`);
      continue;
    }
    const q = makeQuantile(meta.distribution);
    const shift = base[index] - meta.default;
    const low = Math.min(meta.max, Math.max(meta.min, q(lowQ) + shift));
    const high = Math.min(meta.max, Math.max(meta.min, q(highQ) + shift));
    x[index] = low;
    model.evaluate(x, out);
    const outputAtLow = out[cell];
    x[index] = high;
    model.evaluate(x, out);
    const outputAtHigh = out[cell];
    x[index] = base[index];
    bars.push({
      paramId: meta.id,
      label: meta.label,
      unit: meta.unit,
      low,
      high,
      outputAtLow,
      outputAtHigh,
      swing: Math.abs(outputAtHigh - outputAtLow),
      range,
    });
  }
  if (wanted)
    for (const id of wanted)
      if (!bars.some((b) => b.paramId === id)) throw new RangeError(`tornado: parameter "${id}" has no metadata or is not a model input`);
  bars.sort((a, b) => b.swing - a.swing || a.paramId.localeCompare(b.paramId));
  return { outputId, year, base: baseOutput, bars };
}

const fmtQ = (q: number) => String(Math.round(q * 1000) / 10);

export interface RankCorrelation {
  paramId: string;
  /** Spearman rank correlation of the sampled input with the output; NaN if the output is constant. */
  rho: number;
}

/** Ranks of every input's samples, per simulation result (held as long as the result is). */
const inputRanksOf = new WeakMap<Float64Array, Float64Array[]>();

function inputRanks(sim: SimulationResult): Float64Array[] {
  let cached = inputRanksOf.get(sim.inputSamples);
  if (!cached) {
    const n = sim.iterations;
    cached = sim.inputIds.map((_, j) => ranks(sim.inputSamples.subarray(j * n, (j + 1) * n)));
    inputRanksOf.set(sim.inputSamples, cached);
  }
  return cached;
}

/**
 * Spearman correlation of each sampled input with one output in one year, sorted by |rho|: exact from the
 * samples of an exact run; for a streaming run, the binned estimate of a tracked target (docs/simulation.md).
 */
export function rankCorrelations(sim: SimulationResult, outputId: string, year: number): RankCorrelation[] {
  const r = sim.outputIds.indexOf(outputId);
  if (r < 0) throw new RangeError(`rankCorrelations: output "${outputId}" was not reported by the simulation`);
  const y = sim.years.indexOf(year);
  if (y < 0) throw new RangeError(`rankCorrelations: year ${year} is outside the simulated years`);
  const n = sim.iterations;
  if (n < 3) throw new RangeError(`rankCorrelations needs at least 3 trials, got ${n}`);
  if (sim.statistics === 'streaming') {
    // Streaming runs keep no samples: the correlations were binned during the run for the tracked targets.
    const tracked = sim.rankCorrelationsByTarget?.find((t) => t.outputId === outputId && t.year === year);
    if (!tracked) throw new RangeError(`rankCorrelations: ${outputId} in ${year} was not tracked by this streaming run (rankTargets)`);
    const result = sim.inputIds.map((paramId, j) => ({ paramId, rho: tracked.rho[j] }));
    return result.sort((a, b) => (Math.abs(b.rho) || 0) - (Math.abs(a.rho) || 0));
  }
  const output = ranks(sim.outputSamples.subarray((r * sim.years.length + y) * n, (r * sim.years.length + y + 1) * n));
  // Spearman = Pearson of the ranks; the output is ranked once and each input once per simulation result.
  const inputs = inputRanks(sim);
  const result = sim.inputIds.map((paramId, j) => ({ paramId, rho: pearson(inputs[j], output) }));
  return result.sort((a, b) => (Math.abs(b.rho) || 0) - (Math.abs(a.rho) || 0));
}
