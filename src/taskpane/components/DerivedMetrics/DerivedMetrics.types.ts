import type { DerivedMetric } from '../../../app/types';
import type { ScenarioActions } from '../../scenario/useScenario';

export interface DerivedMetricsProps {
  metrics: DerivedMetric[];
  actions: ScenarioActions;
  /** False while the app loads (checking a formula needs the model). */
  ready: boolean;
}
