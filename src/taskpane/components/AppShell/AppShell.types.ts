import type { AppServices } from '../../../app/types';
import type { ThemeSource } from '../../theme/hostTheme';
import type { PreviewSource } from '../SheetPreview/SheetPreview.types';

export interface AppShellProps {
  /**
   * The application; or a promise of it; or a loader, called once the pane has been drawn (so loading
   * and starting the models does not hold up the first paint).
   */
  services: AppServices | Promise<AppServices> | (() => Promise<AppServices>);
  /** Present in standalone mode: the in-memory workbook drawn beside the pane. */
  preview?: PreviewSource;
  /** Why the pane runs standalone (shown to the user), when it does. */
  standaloneReason?: string;
  /** Messages for the user about the workbook itself (restored state, storage full). */
  notices?: string[];
  /** Standalone mode: saves the in-memory workbook as an .xlsx download. */
  onDownload?: () => Promise<void>;
  /** Where the theme comes from (Office theme in Excel, the browser's scheme standalone). */
  themeSource?: ThemeSource;
  /** Excel or standalone, known before the services load. */
  mode?: 'excel' | 'standalone';
}

export type PaneTab = 'scenario' | 'data' | 'simulation' | 'sensitivity';
