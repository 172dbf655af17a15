/**
 * The interface the app talks to. Implemented by workbook/memory (tests, standalone browser mode),
 * workbook/excel (Office.js) and workbook/xlsx (files).
 */
import type { CellValue, WritePlan } from './plan';

export interface SheetSnapshot {
  name: string;
  /** Values of the used range starting at A1 (formulas reported as their computed value when known). */
  values: CellValue[][];
  /** Number formats aligned with values, when the adapter knows them. */
  numberFormats?: string[][];
  /** Formulas aligned with values ("" where the cell is a constant). */
  formulas?: string[][];
  tables?: { name: string; address: string }[];
}

export interface WorkbookChange {
  sheet: string;
  address: string;
  /** "user" for edits made by a person, "app" for the add-in's own writes. */
  source: 'user' | 'app';
}

/** A non-empty cell a write would cover although it is not part of the table being replaced. */
export interface OverwrittenCell {
  sheet: string;
  address: string;
  value: string;
}

export interface WorkbookPort {
  /** Human-readable name of the backend, e.g. "Excel", "In-memory workbook". */
  readonly kind: 'excel' | 'memory' | 'xlsx';
  /**
   * Applies the whole plan atomically: either every block is written or the workbook is left
   * exactly as it was (adapters validate first and roll back on failure).
   */
  apply(plan: WritePlan): Promise<void>;
  listSheets(): Promise<string[]>;
  /** Reads a sheet's used range, or null when the sheet does not exist. */
  readSheet(name: string): Promise<SheetSnapshot | null>;
  /** Reads a table by name (header + rows), or null when absent. */
  readTable(name: string): Promise<CellValue[][] | null>;
  getMetadata(key: string): Promise<string | null>;
  /** Subscribes to cell changes; returns an unsubscribe function. */
  onChange?(listener: (change: WorkbookChange) => void): () => void;
  /**
   * Optional: runs one user action (its reads and its apply) as a unit, so an adapter with costly round
   * trips (Excel) can reuse what it read earlier in the action. Reads inside may be up to the start of
   * the action old; apply() still checks and snapshots what it overwrites. Use inSession() (session.ts).
   */
  session?<T>(action: () => Promise<T>): Promise<T>;
  /** Optional: several tables in one go (null for a missing one); same result as readTable per name. */
  readTables?(names: string[]): Promise<(CellValue[][] | null)[]>;
  /**
   * Optional: the cells of a person's own content that the plan's tables would grow over (see
   * app/datasets/contentGuard.ts, which uses it when present and reads sheets itself otherwise).
   */
  findOverwritten?(plan: WritePlan): Promise<OverwrittenCell[]>;
}
