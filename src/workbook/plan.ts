/**
 * A pure "write plan": everything the app wants written to a workbook, as data.
 * Adapters (memory, Excel, xlsx) apply a plan; nothing here touches Office.
 */

/** A cell value as written. Strings are always text, never formulas (adapters escape them). */
export type CellValue = string | number | boolean | null;

/** A formula written on purpose by the app (never built from file text). */
export interface FormulaCell {
  formula: string; // e.g. "=B2*C2"
}

export type PlanCell = CellValue | FormulaCell;

export interface ColumnFormat {
  /** Excel number format, e.g. "0.0%", "#,##0", "yyyy-mm-dd", "@" for text. */
  numberFormat?: string;
  /** Column width in characters (approximate). */
  width?: number;
  /** When true the column holds URLs and adapters render them as hyperlinks. */
  hyperlink?: boolean;
}

export interface TableSpec {
  name: string; // Excel table name, e.g. "tblSuppliers"
  /** Header row + data rows; header is values[0]. */
  style?: string; // e.g. "TableStyleMedium2"
}

export interface NamedRangeSpec {
  /** Workbook-scoped name, e.g. "RL_nev.share.China" sanitised to Excel rules by the planner. */
  name: string;
  /** A1 address relative to the sheet of the block, e.g. "B5:AA5". */
  address: string;
  comment?: string;
}

/**
 * Excel data validation on cells of a block (ExcelApi 1.8 `Range.dataValidation`): a decimal between min and
 * max inclusive, an input message shown when the cell is selected, and a Warning alert on other input (the
 * person may keep it; the app then reports it, see app/scenario/parameterCells.ts).
 */
export interface CellValidation {
  /** A1 cell or range on the block's sheet, inside the block, e.g. "C5". */
  address: string;
  decimal: { min: number; max: number };
  /** Excel limits: title at most 32 characters, message at most 255. */
  prompt: { title: string; message: string };
}

/** A rectangular block written at `address` (top-left cell, e.g. "A1"). */
export interface WriteBlock {
  sheet: string;
  /** Top-left cell in A1 notation. */
  address: string;
  values: PlanCell[][];
  /** Per-column formats, index aligned with values[r][c]. */
  columns?: ColumnFormat[];
  /** When set, the block (first row = header) becomes an Excel table. */
  table?: TableSpec;
  names?: NamedRangeSpec[];
  /** Bold header row / title styling hints. */
  headerRows?: number;
  /** Data validation of some of the block's cells (rule and input message). */
  validations?: CellValidation[];
}

export interface SheetSpec {
  name: string;
  /** When true the sheet's used range is cleared before blocks are written. */
  clear: boolean;
  /** Freeze panes: rows and columns. */
  freeze?: { rows: number; columns: number };
}

/** Key/value metadata stored in the workbook (custom XML / hidden sheet), e.g. linked sources. */
export interface MetadataWrite {
  key: string;
  value: string;
}

/** One series of a native chart: ranges on the chart's own sheet (A1, one row or one column). */
export interface ChartSeriesWrite {
  name: string;
  /** The values, e.g. "B41:B66". */
  values: string;
  /** Category (x) values, e.g. "A41:A66"; the categories of a bar chart. */
  xValues?: string;
  /** Palette slot 0..7 (the pane's colours; adapters map it to their own). */
  color: number;
  /** Line charts: line style and point markers. */
  line?: 'solid' | 'dashed' | 'dotted';
  markers?: boolean;
  /** Drawn without fill or line (the offset of a floating bar); still stacks and stays in the data. */
  hidden?: boolean;
}

export interface ChartAxisWrite {
  /** Axis title with its unit, e.g. "Share of new-car sales (%)". */
  title: string;
  /** Model unit of the values (renderers that format ticks themselves read it; Excel uses the cells' formats). */
  unit?: string;
  min?: number;
  max?: number;
}

/**
 * A native chart over cells the same plan writes. `name` is its stable key: an adapter that finds a chart
 * of that name on the sheet updates it in place (title, axes, series ranges) instead of adding another.
 */
export interface ChartWrite {
  name: string;
  sheet: string;
  /** 'line': categories along x; 'barStacked': horizontal stacked bars (categories down the side). */
  type: 'line' | 'barStacked';
  title: string;
  /** The axis of the categories (x of a line chart, the rows of a bar chart). */
  categoryAxis: ChartAxisWrite;
  valueAxis: ChartAxisWrite;
  /** Bar charts: first category at the top, as the pane draws it. */
  reverseCategories?: boolean;
  series: ChartSeriesWrite[];
  /** Cells the chart covers, e.g. "F40:N60". */
  position: string;
  /** Accessible summary (alt text) of the chart. */
  summary?: string;
}

export interface WritePlan {
  sheets: SheetSpec[];
  blocks: WriteBlock[];
  /** Native charts over the plan's cells (created once, updated in place by name). */
  charts?: ChartWrite[];
  metadata?: MetadataWrite[];
  /** Sheet to activate after writing. */
  activate?: string;
}
