/**
 * Chunked reads and the undo record of the Excel adapter. Before a plan is written the adapter
 * reads back every range it will overwrite (formulas, which hold constants too, and number
 * formats) plus the tables and names it will replace; on failure `rollback` puts them back.
 * Best effort: fonts other than bold, hyperlinks, column widths, freeze panes and table formatting beyond the
 * style name are not restored (see docs/workbook.md).
 */
import { chunkRowsByCells } from '../chunk';

export type Sync = (what: string) => Promise<void>;

export interface RangeBox {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export interface RangeSnapshot extends RangeBox {
  sheet: string;
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** Bold per cell via getCellProperties (ExcelApi 1.9), so header styling is restored too. */
  bold: boolean[][];
}

export interface UndoRecord {
  createdSheets: string[];
  ranges: RangeSnapshot[];
  removedTables: { name: string; sheet: string; address: string; style: string }[];
  addedTables: string[];
  removedNames: { name: string; formula: string; comment: string }[];
  addedNames: string[];
}

export function emptyUndo(): UndoRecord {
  return { createdSheets: [], ranges: [], removedTables: [], addedTables: [], removedNames: [], addedNames: [] };
}

type LoadProp = 'values' | 'formulas' | 'numberFormat';

/** Reads a box in row chunks (each response stays well under Excel's 5 MB limit). */
export async function readBox(
  sheet: Excel.Worksheet,
  box: RangeBox,
  props: LoadProp[],
  sync: Sync,
  cellsPerRequest?: number,
): Promise<Record<LoadProp, unknown[][]>> {
  const out: Record<LoadProp, unknown[][]> = { values: [], formulas: [], numberFormat: [] };
  for (const chunk of chunkRowsByCells(box.rows, box.cols, cellsPerRequest)) {
    const range = sheet.getRangeByIndexes(box.top + chunk.start, box.left, chunk.count, box.cols);
    range.load(props);
    await sync(`reading rows ${box.top + chunk.start + 1}-${box.top + chunk.start + chunk.count}`);
    for (const p of props) out[p].push(...(range[p] as unknown[][]));
  }
  return out;
}

/** Rows and columns from A1 to the bottom-right of the used range, or null for an empty sheet. */
export async function extentFromA1(sheet: Excel.Worksheet, sync: Sync): Promise<{ rows: number; cols: number } | null> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  await sync('reading the used range');
  if (used.isNullObject) return null;
  return { rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount };
}

export async function snapshotBox(sheet: Excel.Worksheet, sheetName: string, box: RangeBox, sync: Sync): Promise<RangeSnapshot> {
  const read = await readBox(sheet, box, ['formulas', 'numberFormat'], sync);
  const bold: boolean[][] = [];
  for (const chunk of chunkRowsByCells(box.rows, box.cols)) {
    const props = sheet
      .getRangeByIndexes(box.top + chunk.start, box.left, chunk.count, box.cols)
      .getCellProperties({ format: { font: { bold: true } } });
    await sync(`reading cell styles of rows ${box.top + chunk.start + 1}-${box.top + chunk.start + chunk.count}`);
    for (const row of props.value) bold.push(row.map((p) => p.format?.font?.bold === true));
  }
  return { sheet: sheetName, ...box, formulas: read.formulas, numberFormat: read.numberFormat, bold };
}

/** Puts the workbook back as recorded, newest changes undone first. Errors are collected, not thrown early. */
export async function rollback(context: Excel.RequestContext, undo: UndoRecord, sync: Sync): Promise<string[]> {
  const problems: string[] = [];
  const step = async (what: string, fn: () => void) => {
    try {
      fn();
      await sync(`rolling back: ${what}`);
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  const wb = context.workbook;
  for (const name of undo.addedNames) await step(`remove name ${name}`, () => wb.names.getItemOrNullObject(name).delete());
  for (const name of undo.addedTables) await step(`remove table ${name}`, () => wb.tables.getItemOrNullObject(name).delete());
  for (const sheet of undo.createdSheets) await step(`remove sheet ${sheet}`, () => wb.worksheets.getItem(sheet).delete());
  // Restore in reverse so an older snapshot of an overlapping range wins.
  for (const snap of [...undo.ranges].reverse()) {
    await step(`restore ${snap.sheet} cells`, () => {
      const range = wb.worksheets.getItem(snap.sheet).getRangeByIndexes(snap.top, snap.left, snap.rows, snap.cols);
      range.numberFormat = snap.numberFormat as string[][];
      // formulas holds constants for plain cells; "" clears a cell that was empty.
      range.formulas = snap.formulas as string[][];
      range.setCellProperties(snap.bold.map((row) => row.map((bold) => ({ format: { font: { bold } } }))));
    });
  }
  for (const t of undo.removedTables) {
    await step(`recreate table ${t.name}`, () => {
      const table = wb.worksheets.getItem(t.sheet).tables.add(t.address, true);
      table.name = t.name;
      if (t.style) table.style = t.style;
    });
  }
  for (const n of undo.removedNames) await step(`recreate name ${n.name}`, () => wb.names.add(n.name, n.formula, n.comment || undefined));
  return problems;
}
