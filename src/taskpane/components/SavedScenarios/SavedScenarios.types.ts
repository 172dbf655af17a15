import type { AppServices } from '../../../app/types';
import type { ScenarioActions } from '../../scenario/useScenario';

export interface SavedScenariosProps {
  /** Null while the app loads. */
  services: AppServices | null;
  /** The saved scenario the sliders came from, if any. */
  loadedName: string | null;
  actions: ScenarioActions;
}
