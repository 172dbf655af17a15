/**
 * Scenario comparison under common random numbers (CRN): every scenario is simulated with the same seed,
 * and each parameter draws from its own stream keyed by its id, so trial t sees the same uniforms in
 * every scenario. Paired differences then contain the scenario effect, not sampling noise.
 */
import type { CompiledModel, ParamMeta } from '../types';
import { pushStats, runSimulation, type OutputStats, type SimulationOptions, type SimulationResult } from './simulation';
import { meanSd, percentilesInPlace, REPORTED_PERCENTILES } from './stats';

export type CompareOptions = Omit<SimulationOptions, 'model' | 'params' | 'values' | 'convergence'>;

export interface ScenarioComparison {
  /** One simulation per scenario, same order as the input. */
  scenarios: SimulationResult[];
  /** differences[i - 1]: statistics of the paired trial-by-trial difference scenario i minus scenario 0. */
  differences: OutputStats[][];
}

/**
 * Simulates each scenario with identical draws and reports paired differences against the first.
 * A fixed iteration count is used (no convergence stop) so that all scenarios pair trial for trial.
 */
export function compareScenarios(
  model: CompiledModel,
  params: readonly ParamMeta[],
  scenarioValues: readonly Readonly<Record<string, number>>[],
  options: CompareOptions,
): ScenarioComparison {
  if (scenarioValues.length < 2) throw new RangeError(`compareScenarios needs at least two scenarios, got ${scenarioValues.length}`);
  const total = options.iterations * scenarioValues.length;
  const scenarios = scenarioValues.map((values, s) =>
    runSimulation({
      ...options,
      // Paired differences need every trial of every scenario.
      statistics: 'exact',
      model,
      params,
      values,
      onProgress: options.onProgress ? (p) => options.onProgress?.({ done: s * options.iterations + p.done, total }) : undefined,
    }),
  );
  const reference = scenarios[0];
  const n = reference.iterations;
  const nYears = reference.years.length;
  const diff = new Float64Array(n);
  const differences = scenarios.slice(1).map((sim) =>
    reference.outputIds.map((id, r): OutputStats => {
      const s: OutputStats = { id, years: reference.years, mean: [], sd: [], p5: [], p10: [], p50: [], p90: [], p95: [] };
      for (let y = 0; y < nYears; y++) {
        const off = (r * nYears + y) * n;
        for (let t = 0; t < n; t++) diff[t] = sim.outputSamples[off + t] - reference.outputSamples[off + t];
        const m = meanSd(diff);
        pushStats(s, m.mean, m.sd, percentilesInPlace(diff, REPORTED_PERCENTILES));
      }
      return s;
    }),
  );
  return { scenarios, differences };
}
