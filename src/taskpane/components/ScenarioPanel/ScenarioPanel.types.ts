import type { AppServices } from '../../../app/types';

export interface ScenarioPanelProps {
  services: AppServices;
  /** Called with the latest values so other panels (simulation, sensitivity) use the same scenario. */
  onValuesChange?: (presetId: string, values: Record<string, number>) => void;
  /** Delay between the last slider move and the rerun, in ms. */
  debounceMs?: number;
}
