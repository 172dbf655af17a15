/** Shared types of the data layer: schemas, typed records and the validation report. */

/** Dataset kinds a user may import (one schema each). */
export type DatasetKind = 'suppliers' | 'nev-sales' | 'china-share' | 'exports' | 'tariffs' | 'outlooks' | 'parameters';

export type ColumnType = 'text' | 'number' | 'integer' | 'date' | 'year' | 'url' | 'enum';

export interface ColumnSpec {
  /** Canonical column name, as in the reference CSV. */
  name: string;
  type: ColumnType;
  /** Accepted header spellings; compared case-, space- and punctuation-insensitively. */
  aliases?: string[];
  /** Unit of the values, e.g. "%", "vehicles", "USD bn". */
  unit?: string;
  required?: boolean;
  /** Inclusive numeric range for number/integer/year columns. */
  min?: number;
  max?: number;
  /** Allowed values for enum columns (compared case-insensitively, stored as listed here). */
  values?: string[];
  /** Date columns that describe the past (e.g. a source's publication date) must not lie after "today". */
  notFuture?: boolean;
  /** The column holds a status word; the plan adds a normalised display label next to it. */
  status?: boolean;
  /** Excel number format used when the column is written. */
  numberFormat?: string;
}

export interface DatasetSchema {
  kind: DatasetKind;
  label: string;
  /** Sheet the dataset is written to. */
  sheet: string;
  /** Excel table name. */
  table: string;
  columns: ColumnSpec[];
  /** Columns whose values together identify a row (duplicates are rejected). */
  key: string[];
}

export type CellRecordValue = string | number | null;
export type DataRecord = Record<string, CellRecordValue>;

export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue {
  /** 1-based data row (header excluded); 0 for file-level issues. */
  row: number;
  /** File line (1-based) of delimited text where the row or the problem starts; absent for JSON and .xlsx. */
  line?: number;
  column: string;
  value: string;
  rule: string;
  message: string;
  severity: IssueSeverity;
}

export interface RejectedRow {
  row: number;
  /** File line of delimited text the row starts on. */
  line?: number;
  reasons: string[];
  /** The raw cells of the row by header name, so a "Rejected rows" sheet can show them. */
  raw: Record<string, string>;
}

export interface ValidationSummary {
  kind: DatasetKind;
  fileName: string;
  format: 'csv' | 'json' | 'xlsx';
  encoding?: string;
  delimiter?: string;
  rowsRead: number;
  rowsValid: number;
  rowsRejected: number;
  errors: number;
  warnings: number;
  /** Errors that concern the whole file (missing column, wrong delimiter, unit mismatch). */
  fileErrors: number;
  /** True when every row is valid and there is no file-level error. */
  valid: boolean;
}

export interface ValidationResult {
  records: DataRecord[];
  rejected: RejectedRow[];
  /** First issues only (see ISSUE_CAP); issueCount has the total. */
  issues: ValidationIssue[];
  issueCount: number;
  summary: ValidationSummary;
  /** Canonical column names in schema order. */
  columns: string[];
}

export interface ParseOptions {
  /** "Today" as ISO yyyy-mm-dd for the future-date rule (injected, never read from the clock). */
  today: string;
  /** Sheet to read from an .xlsx file; the first sheet when absent. */
  sheetName?: string;
  /** Called between pieces of a big input: bytes (or characters) done of the total. */
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
  /** Size limit in bytes (default MAX_IMPORT_BYTES, 50 MB: the task pane holds the file in memory). */
  maxBytes?: number;
  /** Bytes per streamed piece (default 1 MB); smaller in tests. */
  chunkBytes?: number;
}

export const ISSUE_CAP = 200;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** An error with a message meant for the user (bad file, wrong kind, over the size limit). */
export class DataImportError extends Error {
  constructor(
    message: string,
    readonly rule: string,
  ) {
    super(message);
    this.name = 'DataImportError';
  }
}
