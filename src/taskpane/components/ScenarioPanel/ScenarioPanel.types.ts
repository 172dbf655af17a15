import type { AppServices } from '../../../app/types';
import type { ScenarioState } from '../../scenario/useScenario';

export interface ScenarioPanelProps {
  /** Null while the app loads: sliders work at once, figures come with the model. */
  services: AppServices | null;
  scenario: ScenarioState;
}
