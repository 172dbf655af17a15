import type { ScenarioState } from '../../scenario/useScenario';

export interface DerivedMetricsProps {
  scenario: ScenarioState;
  /** False while the app loads (checking a formula needs the model). */
  ready: boolean;
}
