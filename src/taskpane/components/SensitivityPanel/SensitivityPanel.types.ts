import type { AppServices } from '../../../app/types';

export interface SensitivityPanelProps {
  services: AppServices;
  values: Record<string, number>;
}
