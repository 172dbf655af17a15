import type { AppServices } from '../../../app/types';
import type { ScenarioState } from '../../scenario/useScenario';

export interface SavedScenariosProps {
  /** Null while the app loads. */
  services: AppServices | null;
  scenario: ScenarioState;
}
