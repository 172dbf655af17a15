/**
 * MemoryWorkbook: the WorkbookPort used by tests and by the task pane's standalone browser mode.
 * apply() validates first and is atomic (the previous state is kept and put back on any error).
 */
import { formatRange, parseCell, parseRange, rangesOverlap, type RangeRef } from '../address';
import { resolveCell } from '../cells';
import { formatCellDisplay } from '../format';
import type { CellValue, WriteBlock, WritePlan } from '../plan';
import type { SheetSnapshot, WorkbookChange, WorkbookPort } from '../port';
import { assertValidPlan, blockRange } from '../validate';
import { evaluateTrivialFormula } from './formula';
import {
  cellKey,
  COLS,
  copyState,
  emptyState,
  parseState,
  serializeState,
  type MemoryCell,
  type MemorySheet,
  type MemoryState,
  type SerializedWorkbook,
} from './memoryState';

export interface MemoryWorkbookOptions {
  /** Called before each block of a plan is written; a throw aborts the write (the rollback tests inject faults here). */
  beforeBlock?: (block: WriteBlock, index: number) => void;
}

export interface ViewCell {
  value: CellValue;
  display: string;
  numberFormat: string;
  bold: boolean;
  hyperlink?: string;
  formula?: string;
}

export interface SheetView {
  name: string;
  rows: ViewCell[][];
  /** Frozen panes, when the sheet has them (the preview keeps those rows/columns in view). */
  freeze?: { rows: number; columns: number };
  tables: { name: string; address: string }[];
  names: { name: string; address: string }[];
}

export class MemoryWorkbook implements WorkbookPort {
  readonly kind = 'memory' as const;
  private state: MemoryState;
  private readonly options: MemoryWorkbookOptions;
  private readonly changeListeners = new Set<(change: WorkbookChange) => void>();
  private readonly renderListeners = new Set<() => void>();
  private revision = 0;

  constructor(options: MemoryWorkbookOptions = {}, state: MemoryState = emptyState()) {
    this.options = options;
    this.state = state;
  }

  /** Rebuilds a workbook from serialize() output; throws WorkbookStateError naming the bad path. */
  static restore(json: string | SerializedWorkbook, options: MemoryWorkbookOptions = {}): MemoryWorkbook {
    return new MemoryWorkbook(options, parseState(json));
  }

  serialize(): SerializedWorkbook {
    return serializeState(this.state);
  }

  async apply(plan: WritePlan): Promise<void> {
    assertValidPlan(plan);
    const before = this.state;
    const next = copyState(before);
    const changes: WorkbookChange[] = [];
    try {
      this.writePlan(next, plan, changes);
    } catch (e) {
      // `before` was never touched: the workbook stays exactly as it was.
      throw new Error(`Write failed, workbook left unchanged: ${(e as Error).message}`, { cause: e });
    }
    this.state = next;
    this.bump();
    for (const change of changes) this.emit(change);
  }

  private writePlan(s: MemoryState, plan: WritePlan, changes: WorkbookChange[]): void {
    for (const spec of plan.sheets) {
      const sheet = ensureSheet(s, spec.name);
      if (spec.clear) {
        sheet.cells = new Map();
        for (const [key, t] of s.tables) if (sameName(t.sheet, sheet.name)) s.tables.delete(key);
      }
      if (spec.freeze) sheet.freeze = { ...spec.freeze };
    }
    const written: { sheet: MemorySheet; key: number }[] = [];
    plan.blocks.forEach((block, index) => {
      this.options.beforeBlock?.(block, index);
      const sheet = ensureSheet(s, block.sheet);
      const range = blockRange(block)!;
      if (block.table) replaceTable(s, block.table.name);
      assertNoForeignTable(s, sheet.name, range, block.table?.name);
      writeBlockCells(sheet, block, range, written);
      if (block.table) {
        s.tables.set(block.table.name.toLowerCase(), { name: block.table.name, sheet: sheet.name, range, style: block.table.style });
      }
      for (const n of block.names ?? []) {
        s.names.set(n.name.toLowerCase(), { name: n.name, sheet: sheet.name, range: parseRangeStrict(n.address), comment: n.comment });
      }
      changes.push({ sheet: sheet.name, address: formatRange(range), source: 'app' });
    });
    // Formulas are evaluated after every block is in place, in write order.
    for (const { sheet, key } of written) recalcCell(sheet, key);
    for (const m of plan.metadata ?? []) s.metadata.set(m.key, m.value);
    if (plan.activate) s.active = findSheet(s, plan.activate)?.name;
  }

  async listSheets(): Promise<string[]> {
    return this.state.sheets.map((s) => s.name);
  }

  async readSheet(name: string): Promise<SheetSnapshot | null> {
    const sheet = findSheet(this.state, name);
    if (!sheet) return null;
    const { rows, cols } = usedExtent(sheet);
    const values: CellValue[][] = [];
    const numberFormats: string[][] = [];
    const formulas: string[][] = [];
    for (let r = 0; r < rows; r++) {
      const vRow: CellValue[] = new Array(cols).fill(null);
      const nRow: string[] = new Array(cols).fill('General');
      const fRow: string[] = new Array(cols).fill('');
      for (let c = 0; c < cols; c++) {
        const cell = sheet.cells.get(cellKey(r, c));
        if (!cell) continue;
        vRow[c] = cell.value;
        nRow[c] = cell.numberFormat ?? 'General';
        fRow[c] = cell.formula ?? '';
      }
      values.push(vRow);
      numberFormats.push(nRow);
      formulas.push(fRow);
    }
    const tables = [...this.state.tables.values()]
      .filter((t) => sameName(t.sheet, sheet.name))
      .map((t) => ({ name: t.name, address: formatRange(t.range) }));
    return { name: sheet.name, values, numberFormats, formulas, tables };
  }

  async readTable(name: string): Promise<CellValue[][] | null> {
    const t = this.state.tables.get(name.toLowerCase());
    const sheet = t && findSheet(this.state, t.sheet);
    if (!t || !sheet) return null;
    const out: CellValue[][] = [];
    for (let r = t.range.top; r <= t.range.bottom; r++) {
      const row: CellValue[] = [];
      for (let c = t.range.left; c <= t.range.right; c++) row.push(sheet.cells.get(cellKey(r, c))?.value ?? null);
      out.push(row);
    }
    return out;
  }

  async getMetadata(key: string): Promise<string | null> {
    return this.state.metadata.get(key) ?? null;
  }

  /** Defined names as "'Sheet'!A1:B2"-style parts, for tests and the preview. */
  listNames(): { name: string; sheet: string; address: string; comment?: string }[] {
    return [...this.state.names.values()].map((n) => ({ name: n.name, sheet: n.sheet, address: formatRange(n.range), comment: n.comment }));
  }

  activeSheet(): string | undefined {
    return this.state.active;
  }

  onChange(listener: (change: WorkbookChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A person typed into a cell of the preview: store it, recompute formulas, report source 'user'. */
  setCellByUser(sheetName: string, address: string, value: CellValue): void {
    const sheet = findSheet(this.state, sheetName);
    if (!sheet) throw new Error(`setCellByUser: sheet "${sheetName}" does not exist`);
    const at = parseCell(address);
    if (!at) throw new Error(`setCellByUser: "${address}" is not a single A1 cell on sheet "${sheetName}"`);
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`setCellByUser: ${value} at ${sheetName}!${address} is not finite`);
    const key = cellKey(at.row, at.col);
    const old = sheet.cells.get(key);
    const { formula: _dropped, ...kept } = old ?? { value: null };
    sheet.cells.set(key, { ...kept, value });
    for (const [k, cell] of sheet.cells) if (cell.formula) recalcCell(sheet, k);
    this.bump();
    this.emit({ sheet: sheet.name, address: address.toUpperCase().replace(/\$/g, ''), source: 'user' });
  }

  // --- read API for the UI sheet preview (PreviewSource in taskpane/components/SheetPreview) ---

  getSheetView(name: string): SheetView | null {
    const sheet = findSheet(this.state, name);
    if (!sheet) return null;
    const { rows, cols } = usedExtent(sheet);
    const view: ViewCell[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: ViewCell[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = sheet.cells.get(cellKey(r, c));
        const numberFormat = cell?.numberFormat ?? 'General';
        const v: ViewCell = { value: cell?.value ?? null, display: formatCellDisplay(cell?.value ?? null, numberFormat), numberFormat, bold: cell?.bold ?? false };
        if (cell?.hyperlink) v.hyperlink = cell.hyperlink;
        if (cell?.formula) v.formula = cell.formula;
        row.push(v);
      }
      view.push(row);
    }
    const onSheet = <T extends { sheet: string; name: string; range: RangeRef }>(xs: Iterable<T>) =>
      [...xs].filter((x) => sameName(x.sheet, sheet.name)).map((x) => ({ name: x.name, address: formatRange(x.range) }));
    return {
      name: sheet.name,
      rows: view,
      ...(sheet.freeze ? { freeze: { ...sheet.freeze } } : {}),
      tables: onSheet(this.state.tables.values()),
      names: onSheet(this.state.names.values()),
    };
  }

  sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  sheetView(name: string): SheetView | null {
    return this.getSheetView(name);
  }

  /** Re-render hook: called after every change (apply or user edit). */
  subscribe(listener: () => void): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  version(): number {
    return this.revision;
  }

  private bump(): void {
    this.revision += 1;
    for (const l of [...this.renderListeners]) l();
  }

  private emit(change: WorkbookChange): void {
    for (const l of [...this.changeListeners]) l(change);
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function findSheet(s: MemoryState, name: string): MemorySheet | undefined {
  return s.sheets.find((sh) => sameName(sh.name, name));
}

function ensureSheet(s: MemoryState, name: string): MemorySheet {
  const found = findSheet(s, name);
  if (found) return found;
  const created: MemorySheet = { name, cells: new Map() };
  s.sheets.push(created);
  return created;
}

function parseRangeStrict(address: string): RangeRef {
  const range = parseRange(address);
  if (!range) throw new Error(`named range address "${address}" is not an A1 range`); // validatePlan already checked
  return range;
}

/** Like Excel's table.delete(): the old table object goes and its cells are cleared. */
function replaceTable(s: MemoryState, tableName: string): void {
  const old = s.tables.get(tableName.toLowerCase());
  if (!old) return;
  s.tables.delete(tableName.toLowerCase());
  const sheet = findSheet(s, old.sheet);
  if (!sheet) return;
  for (let r = old.range.top; r <= old.range.bottom; r++) {
    for (let c = old.range.left; c <= old.range.right; c++) sheet.cells.delete(cellKey(r, c));
  }
}

/** Excel refuses a table that overlaps another table; the memory backend behaves the same. */
function assertNoForeignTable(s: MemoryState, sheet: string, range: RangeRef, ownTable?: string): void {
  if (!ownTable) return;
  for (const t of s.tables.values()) {
    if (sameName(t.sheet, sheet) && rangesOverlap(t.range, range)) {
      throw new Error(`table "${ownTable}" at ${sheet}!${formatRange(range)} would overlap table "${t.name}" (${formatRange(t.range)})`);
    }
  }
}

function writeBlockCells(sheet: MemorySheet, block: WriteBlock, range: RangeRef, written: { sheet: MemorySheet; key: number }[]): void {
  for (let r = 0; r < block.values.length; r++) {
    for (let c = 0; c < block.values[r].length; c++) {
      const rc = resolveCell(block, r, c);
      const key = cellKey(range.top + r, range.left + c);
      // "" and null both mean an empty cell (Excel cannot tell them apart either).
      if ((rc.value === null || rc.value === '') && !rc.formula && rc.numberFormat === 'General' && !rc.bold) {
        sheet.cells.delete(key); // an empty plan cell clears the target cell
        continue;
      }
      const cell: { -readonly [K in keyof MemoryCell]: MemoryCell[K] } = { value: rc.value === '' ? null : rc.value };
      if (rc.formula) cell.formula = rc.formula;
      if (rc.numberFormat !== 'General') cell.numberFormat = rc.numberFormat;
      if (rc.hyperlink) cell.hyperlink = rc.hyperlink;
      if (rc.bold) cell.bold = true;
      sheet.cells.set(key, cell);
      if (rc.formula) written.push({ sheet, key });
    }
  }
}

function recalcCell(sheet: MemorySheet, key: number): void {
  const cell = sheet.cells.get(key);
  if (!cell?.formula) return;
  const value = evaluateTrivialFormula(cell.formula, (row, col) => sheet.cells.get(cellKey(row, col))?.value ?? null);
  sheet.cells.set(key, { ...cell, value });
}

function usedExtent(sheet: MemorySheet): { rows: number; cols: number } {
  let rows = 0;
  let cols = 0;
  for (const key of sheet.cells.keys()) {
    rows = Math.max(rows, Math.floor(key / COLS) + 1);
    cols = Math.max(cols, (key % COLS) + 1);
  }
  return { rows, cols };
}
