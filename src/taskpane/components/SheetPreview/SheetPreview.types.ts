import type { ChartWrite } from '../../../workbook/plan';

export interface PreviewCell {
  value: string | number | boolean | null;
  display: string;
  numberFormat?: string;
  bold?: boolean;
  hyperlink?: string;
  formula?: string;
}

export interface PreviewSheet {
  name: string;
  rows: PreviewCell[][];
  /** Frozen panes: these first columns stay in view while the grid scrolls sideways. */
  freeze?: { rows: number; columns: number };
  /** Native charts on the sheet (drawn under the grid). */
  charts?: ChartWrite[];
}

/** The part of the in-memory workbook the preview reads: a snapshot per sheet and a change feed. */
export interface PreviewSource {
  sheetNames(): string[];
  sheetView(name: string): PreviewSheet | null;
  subscribe(listener: () => void): () => void;
  /** Increases on every change; a cheap snapshot for React's external-store hook. */
  version(): number;
  /** The sheet the workbook shows (a write can ask for one, e.g. the supplier overview after loading the data). */
  activeSheet?(): string | undefined;
  /** When present the grid is editable: a person's typing lands here (source 'user', like an edit in Excel). */
  setCellByUser?(sheet: string, address: string, value: string | number | boolean | null): void;
}

export interface SheetPreviewProps {
  source: PreviewSource;
  /** Rows rendered at most per sheet (the rest is counted, not drawn). */
  maxRows?: number;
  /** When given, a "Download .xlsx" button runs it (standalone mode: the workbook as a file for Excel). */
  onDownload?: () => Promise<void>;
  /** Narrow screens: a "Back to the pane" button runs it. */
  onClose?: () => void;
  /** Narrow screens: the sheets are picked from a list instead of a row of tabs. */
  compact?: boolean;
}
