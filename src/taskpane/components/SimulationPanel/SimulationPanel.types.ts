import type { AppServices } from '../../../app/types';

export interface SimulationPanelProps {
  /** Null while the app loads. */
  services: AppServices | null;
  presetId: string;
  values: Record<string, number>;
  /** Changes whenever a scenario input changes: results of other inputs are cleared. */
  inputsKey: string;
}
