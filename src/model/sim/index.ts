/** Public surface of the simulation layer (see docs/simulation.md). */
export { createRng, createStream, hashKey, normaliseSeed, shuffleInPlace, type SeededRng } from './rng';
export {
  betaQuantile,
  distributionMoments,
  distributionQuantile,
  logGamma,
  makeQuantile,
  normalQuantile,
  pertShape,
  regularizedBeta,
  validateDistribution,
} from './distributions';
export { correlationMatrix, imanConover, uniformDesign, type CorrelationSpec, type SamplingMethod } from './sampling';
export { meanSd, pearson, percentilesInPlace, percentileSorted, ranks, spearman, REPORTED_PERCENTILES } from './stats';
export { baseVector, outputCell, paramIndex, stochasticInputs, type DistributionAnchor, type StochasticInput } from './inputs';
export {
  CancelledError,
  createSimulation,
  pushStats,
  runSimulation,
  runSimulationStepwise,
  statsAt,
  type AbortLike,
  type ConvergenceOptions,
  type OutputStats,
  type SimulationOptions,
  type SimulationProgress,
  type SimulationResult,
  type SimulationRun,
} from './simulation';
export { compareScenarios, type CompareOptions, type ScenarioComparison } from './crn';
export {
  rankCorrelations,
  tornado,
  type RankCorrelation,
  type TornadoBarResult,
  type TornadoOptions,
  type TornadoResult,
} from './sensitivity';
export { brentRoot, goalSeek, type GoalSeekOptions, type GoalSeekResult } from './goalSeek';
