/**
 * MemoryWorkbook: the WorkbookPort used by tests and by the task pane's standalone browser mode.
 * apply() validates first and is atomic (the previous state is kept and put back on any error).
 */
import { formatRange, parseCell, parseRange, rangesOverlap, type RangeRef } from '../address';
import { resolveCell } from '../cells';
import { formatCellDisplay } from '../format';
import type { CellValue, ChartWrite, WriteBlock, WritePlan } from '../plan';
import type { SheetSnapshot, WorkbookChange, WorkbookPort } from '../port';
import { assertValidPlan, blockRange } from '../validate';
import { evaluateTrivialFormula } from './formula';
import {
  cellKey,
  chartKey,
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
  /** Native charts on the sheet, in the order they were created (the preview draws them). */
  charts: ChartWrite[];
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
    // Tables the plan writes again at the same sheet and top-left cell are kept, like in Excel: columns a
    // person added on their right stay (and so do formulas that use them, which only name them).
    const kept = new Map<string, RangeRef>();
    for (const block of plan.blocks) {
      const old = block.table && s.tables.get(block.table.name.toLowerCase());
      const range = blockRange(block);
      if (old && range && sameName(old.sheet, block.sheet) && old.range.top === range.top && old.range.left === range.left)
        kept.set(old.name.toLowerCase(), old.range);
    }
    for (const spec of plan.sheets) {
      const sheet = ensureSheet(s, spec.name);
      if (spec.clear) {
        const keep = [...kept].filter(([k]) => sameName(s.tables.get(k)!.sheet, sheet.name)).map(([, r]) => r);
        const inside = (k: number) =>
          keep.some((r) => {
            const row = Math.floor(k / COLS),
              col = k % COLS;
            return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
          });
        sheet.cells = new Map([...sheet.cells].filter(([k]) => inside(k)));
        for (const [key, t] of s.tables) if (sameName(t.sheet, sheet.name) && !kept.has(key)) s.tables.delete(key);
      }
      if (spec.freeze) sheet.freeze = { ...spec.freeze };
    }
    const written: { sheet: MemorySheet; key: number }[] = [];
    plan.blocks.forEach((block, index) => {
      this.options.beforeBlock?.(block, index);
      const sheet = ensureSheet(s, block.sheet);
      const range = blockRange(block)!;
      const old = block.table ? kept.get(block.table.name.toLowerCase()) : undefined;
      // A kept table spans its columns and any a person added; rows it no longer covers are cleared.
      const tableRange = old ? { ...range, right: Math.max(range.right, old.right) } : range;
      if (block.table && old) {
        s.tables.delete(block.table.name.toLowerCase());
        for (let r = range.bottom + 1; r <= old.bottom; r++) for (let c = old.left; c <= old.right; c++) sheet.cells.delete(cellKey(r, c));
      } else if (block.table) replaceTable(s, block.table.name);
      assertNoForeignTable(s, sheet.name, tableRange, block.table?.name);
      writeBlockCells(sheet, block, range, written);
      for (const v of block.validations ?? []) {
        const box = parseRangeStrict(v.address);
        const validation = { min: v.decimal.min, max: v.decimal.max, title: v.prompt.title, message: v.prompt.message };
        for (let r = box.top; r <= box.bottom; r++)
          for (let c = box.left; c <= box.right; c++) {
            const k = cellKey(r, c);
            sheet.cells.set(k, { ...(sheet.cells.get(k) ?? { value: null }), validation });
          }
      }
      if (block.table) {
        s.tables.set(block.table.name.toLowerCase(), {
          name: block.table.name,
          sheet: sheet.name,
          range: tableRange,
          style: block.table.style,
        });
      }
      for (const n of block.names ?? []) {
        s.names.set(n.name.toLowerCase(), { name: n.name, sheet: sheet.name, range: parseRangeStrict(n.address), comment: n.comment });
      }
      changes.push({ sheet: sheet.name, address: formatRange(range), source: 'app' });
    });
    // Formulas are evaluated after every block is in place, in write order.
    for (const { sheet, key } of written) recalcCell(sheet, key);
    // Charts: created once, then updated in place by name (same id), as Excel's adapter does.
    for (const chart of plan.charts ?? []) {
      const sheet = findSheet(s, chart.sheet)!;
      const key = chartKey(sheet.name, chart.name);
      const old = s.charts.get(key);
      const id = old?.id ?? Math.max(0, ...[...s.charts.values()].map((c) => c.id)) + 1;
      s.charts.set(key, { id, chart: structuredClone({ ...chart, sheet: sheet.name }) });
    }
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
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`setCellByUser: ${value} at ${sheetName}!${address} is not finite`);
    const key = cellKey(at.row, at.col);
    const old = sheet.cells.get(key);
    const { formula: _dropped, ...kept } = old ?? { value: null };
    sheet.cells.set(key, { ...kept, value });
    if (value !== null && value !== '') this.autoExpand(sheet, at.row, at.col);
    for (const [k, cell] of sheet.cells) if (cell.formula) recalcCell(sheet, k);
    this.bump();
    this.emit({ sheet: sheet.name, address: address.toUpperCase().replace(/\$/g, ''), source: 'user' });
  }

  /**
   * Excel's AutoExpansion ("Include new rows and columns in table"): typing right of or below a table makes
   * the cell part of it; a new column without a header text gets "ColumnN".
   */
  private autoExpand(sheet: MemorySheet, row: number, col: number): void {
    for (const [key, t] of this.state.tables) {
      if (!sameName(t.sheet, sheet.name)) continue;
      const { top, left, bottom, right } = t.range;
      if (col === right + 1 && row >= top && row <= bottom) {
        this.state.tables.set(key, { ...t, range: { ...t.range, right: col } });
        const head = cellKey(top, col);
        if (sheet.cells.get(head)?.value == null) {
          const used = new Set<string>();
          for (let c = left; c < col; c++) used.add(String(sheet.cells.get(cellKey(top, c))?.value ?? '').toLowerCase());
          let n = col - left + 1;
          while (used.has(`column${n}`)) n++;
          sheet.cells.set(head, { ...(sheet.cells.get(head) ?? {}), value: `Column${n}`, bold: true });
        }
      } else if (row === bottom + 1 && col >= left && col <= right)
        this.state.tables.set(key, { ...t, range: { ...t.range, bottom: row } });
      else continue;
      return;
    }
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
        const v: ViewCell = {
          value: cell?.value ?? null,
          display: formatCellDisplay(cell?.value ?? null, numberFormat),
          numberFormat,
          bold: cell?.bold ?? false,
        };
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
      charts: this.chartsOn(sheet.name),
    };
  }

  /** The charts on a sheet, oldest first (copies), with the stable id each keeps while updated. */
  chartsOn(sheet: string): (ChartWrite & { id: number })[] {
    return [...this.state.charts.values()]
      .filter((c) => sameName(c.chart.sheet, sheet))
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ ...structuredClone(c.chart), id: c.id }));
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
