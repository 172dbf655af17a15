import type { AppServices } from '../../../app/types';
import type { PreviewSource } from '../SheetPreview/SheetPreview.types';

export interface AppShellProps {
  services: AppServices;
  /** Present in standalone mode: the in-memory workbook drawn beside the pane. */
  preview?: PreviewSource;
  /** Why the pane runs standalone (shown to the user), when it does. */
  standaloneReason?: string;
  /** Messages for the user about the workbook itself (restored state, storage full). */
  notices?: string[];
  /** Standalone mode: saves the in-memory workbook as an .xlsx download. */
  onDownload?: () => Promise<void>;
}

export type PaneTab = 'scenario' | 'data' | 'simulation' | 'sensitivity';
