import type { AppServices } from '../../../app/types';

export interface DataPanelProps {
  /** Null while the app loads. */
  services: AppServices | null;
}
