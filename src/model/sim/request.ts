/**
 * A simulation request as plain, structured-cloneable data (what the pane posts to the worker and what
 * the CLI builds), and the one function that executes it: the worker and the in-process path share it.
 */
import type { ModelData } from '../data';
import { PARAMS } from '../params';
import { compileModel } from '../compile';
import type { ParamMeta } from '../types';
import type { RankTarget, StatisticsMode } from './engine';
import type { CorrelationSpec, SamplingMethod } from './sampling';
import {
  runSimulationStepwise,
  type AbortLike,
  type ConvergenceOptions,
  type SimulationProgress,
  type SimulationOptions,
  type SimulationResult,
} from './simulation';

export interface SimulationRequest {
  data: ModelData;
  /** Scenario values by parameter id (preset defaults plus overrides); missing ids take the defaults. */
  values: Record<string, number>;
  iterations: number;
  seed: number;
  sampling: SamplingMethod;
  /** Outputs to compile and report (default: every output). */
  outputIds?: string[];
  firstYear?: number;
  lastYear?: number;
  correlations?: CorrelationSpec[];
  convergence?: ConvergenceOptions;
  /** Parameter metadata with distributions (default: the registry PARAMS). */
  params?: ParamMeta[];
  chunkSize?: number;
  /** Exact (every sample kept), streaming (memory independent of the trials) or auto (default; see SimulationOptions). */
  statistics?: StatisticsMode | 'auto';
  /** Streaming runs: the (output, year) cells whose rank correlations with the inputs are tracked. */
  rankTargets?: RankTarget[];
  /** Percentiles reported besides P5-P95 (OutputStats.extra). */
  extraPercentiles?: number[];
}

export interface SimulationHooks {
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortLike;
  /** Awaited between chunks so cancellation and progress can be delivered (e.g. a zero-delay timer). */
  yieldControl: () => Promise<void>;
}

/** The simulation options a request stands for (the models compiled for its outputs and years). */
export function requestOptions(request: SimulationRequest): SimulationOptions {
  const model = compileModel(request.data, { outputIds: request.outputIds, firstYear: request.firstYear, lastYear: request.lastYear });
  return {
    model,
    params: request.params ?? PARAMS,
    values: request.values,
    iterations: request.iterations,
    seed: request.seed,
    sampling: request.sampling,
    correlations: request.correlations,
    convergence: request.convergence,
    chunkSize: request.chunkSize,
    statistics: request.statistics,
    rankTargets: request.rankTargets,
    extraPercentiles: request.extraPercentiles,
  };
}

/** Compiles the models for the request and runs the simulation; throws CancelledError when aborted. */
export async function executeSimulationRequest(request: SimulationRequest, hooks: SimulationHooks): Promise<SimulationResult> {
  return runSimulationStepwise({ ...requestOptions(request), onProgress: hooks.onProgress, signal: hooks.signal }, hooks.yieldControl);
}
