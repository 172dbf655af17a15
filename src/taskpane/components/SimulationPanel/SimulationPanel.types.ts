import type { AppServices } from '../../../app/types';

export interface SimulationPanelProps {
  services: AppServices;
  presetId: string;
  values: Record<string, number>;
}
