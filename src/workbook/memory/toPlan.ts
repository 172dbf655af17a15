/**
 * The in-memory workbook as a write plan: every sheet, table, defined name, formula, number format and
 * metadata entry, so any adapter (the .xlsx one in particular) can rebuild the same workbook. This is
 * what "Download .xlsx" in standalone mode writes, including the user's own edits.
 */
import { formatCell, parseRange, type RangeRef } from '../address';
import type { ColumnFormat, NamedRangeSpec, PlanCell, WriteBlock, WritePlan } from '../plan';
import { COLS, type MemoryCell, type SerializedWorkbook } from './memoryState';

/** Widest column the export sets (characters); long notes and URLs wrap past it in Excel anyway. */
const MAX_WIDTH = 60;
const MIN_WIDTH = 8;

interface SheetCells {
  byKey: Map<number, MemoryCell>;
  /** Estimated width per 0-based column, from the longest text in it. */
  widths: Map<number, number>;
}

const keyOf = (row: number, col: number) => row * COLS + col;

function planCell(cell: MemoryCell | undefined): PlanCell {
  if (!cell) return null;
  if (cell.formula) return { formula: cell.formula };
  return cell.value;
}

function textLength(cell: MemoryCell): number {
  if (cell.value === null) return cell.formula ? 10 : 0;
  return typeof cell.value === 'number' ? Math.min(String(cell.value).length, 14) : String(cell.value).length;
}

/** The block of one table: header row plus data rows, with per-column formats from the data cells. */
function tableBlock(sheet: string, range: RangeRef, cells: SheetCells, name: string, style?: string): WriteBlock {
  const columns: ColumnFormat[] = [];
  for (let c = range.left; c <= range.right; c++) {
    const format: ColumnFormat = {};
    for (let r = range.top + 1; r <= range.bottom; r++) {
      const cell = cells.byKey.get(keyOf(r, c));
      if (cell?.numberFormat && cell.numberFormat !== 'General') format.numberFormat ??= cell.numberFormat;
      if (cell?.hyperlink) format.hyperlink = true;
    }
    const width = cells.widths.get(c);
    if (width) format.width = width;
    columns.push(format);
  }
  const values: PlanCell[][] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row: PlanCell[] = [];
    for (let c = range.left; c <= range.right; c++) {
      const cell = cells.byKey.get(keyOf(r, c));
      cells.byKey.delete(keyOf(r, c)); // claimed: not written again as a loose cell
      // A table header must be text; Excel names an empty header cell ColumnN, and so does the export.
      row.push(r === range.top ? String(cell?.value ?? `Column${c - range.left + 1}`) : planCell(cell));
    }
    values.push(row);
  }
  return { sheet, address: formatCell({ row: range.top, col: range.left }), values, columns, table: { name, ...(style ? { style } : {}) } };
}

/**
 * Loose cells (outside tables) as one block per run of adjacent cells in a row that share boldness:
 * bold runs are written as header rows (bold, General format), the rest keep their formats.
 */
function looseBlocks(sheet: string, cells: SheetCells): WriteBlock[] {
  const keys = [...cells.byKey.keys()].sort((a, b) => a - b);
  const blocks: WriteBlock[] = [];
  let run: { row: number; left: number; cells: MemoryCell[]; bold: boolean } | null = null;
  const flush = () => {
    if (!run) return;
    const columns = run.cells.map((cell, i) => {
      const f: ColumnFormat = {};
      if (cell.numberFormat && cell.numberFormat !== 'General') f.numberFormat = cell.numberFormat;
      if (cell.hyperlink) f.hyperlink = true;
      const width = cells.widths.get(run!.left + i);
      if (width) f.width = width;
      return f;
    });
    blocks.push({
      sheet,
      address: formatCell({ row: run.row, col: run.left }),
      values: [run.cells.map((cell) => planCell(cell))],
      columns,
      headerRows: run.bold ? 1 : 0,
    });
    run = null;
  };
  for (const key of keys) {
    const cell = cells.byKey.get(key)!;
    const row = Math.floor(key / COLS);
    const col = key % COLS;
    const bold = cell.bold === true;
    if (run && run.row === row && run.left + run.cells.length === col && run.bold === bold) run.cells.push(cell);
    else {
      flush();
      run = { row, left: col, cells: [cell], bold };
    }
  }
  flush();
  return blocks;
}

/** A write plan that rebuilds the saved workbook on an empty workbook. */
export function workbookToPlan(saved: SerializedWorkbook): WritePlan {
  const blocks: WriteBlock[] = [];
  for (const sheet of saved.sheets) {
    const byKey = new Map<number, MemoryCell>();
    const widths = new Map<number, number>();
    for (const [row, col, cell] of sheet.cells) {
      byKey.set(keyOf(row, col), cell);
      const len = textLength(cell);
      if (len > 0) widths.set(col, Math.max(widths.get(col) ?? MIN_WIDTH, Math.min(MAX_WIDTH, len + 2)));
    }
    const cells: SheetCells = { byKey, widths };
    const sheetBlocks: WriteBlock[] = [];
    for (const table of saved.tables.filter((t) => t.sheet.toLowerCase() === sheet.name.toLowerCase())) {
      const range = parseRange(table.range);
      if (range) sheetBlocks.push(tableBlock(sheet.name, range, cells, table.name, table.style));
    }
    sheetBlocks.push(...looseBlocks(sheet.name, cells));
    // Names ride on the first block of their sheet (a name's address is sheet-relative, not block-relative).
    const names: NamedRangeSpec[] = saved.names
      .filter((n) => n.sheet.toLowerCase() === sheet.name.toLowerCase())
      .map((n) => ({ name: n.name, address: n.range, ...(n.comment ? { comment: n.comment } : {}) }));
    if (names.length > 0) {
      if (sheetBlocks.length === 0) sheetBlocks.push({ sheet: sheet.name, address: 'A1', values: [[null]] });
      sheetBlocks[0].names = names;
    }
    blocks.push(...sheetBlocks);
  }
  const metadata = Object.entries(saved.metadata).map(([key, value]) => ({ key, value }));
  return {
    sheets: saved.sheets.map((s) => ({ name: s.name, clear: true, ...(s.freeze ? { freeze: s.freeze } : {}) })),
    blocks,
    ...(metadata.length > 0 ? { metadata } : {}),
    ...(saved.charts?.length ? { charts: structuredClone(saved.charts) } : {}),
    ...(saved.active && saved.sheets.some((s) => s.name === saved.active) ? { activate: saved.active } : {}),
  };
}
