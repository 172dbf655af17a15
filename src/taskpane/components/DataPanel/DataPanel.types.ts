import type { AppServices } from '../../../app/types';

export interface DataPanelProps {
  services: AppServices;
}
