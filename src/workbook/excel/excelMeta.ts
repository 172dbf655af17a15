/**
 * Metadata in Excel: key/value rows in a very hidden sheet "_rlab_meta" (row 1 is a header).
 * Chosen over custom XML parts because the same layout works in the xlsx adapter, survives
 * "Save as CSV/xlsx" round trips of other tools and can be rolled back like any other range;
 * "VeryHidden" keeps it out of the Unhide dialog (only VBA/Office.js can show it).
 */
import type { MetadataWrite } from '../plan';
import { META_SHEET } from '../validate';
import { extentFromA1, readBox, snapshotBox, type Sync, type UndoRecord } from './excelUndo';

export async function readMetadata(context: Excel.RequestContext, sync: Sync): Promise<Map<string, string>> {
  const ws = context.workbook.worksheets.getItemOrNullObject(META_SHEET);
  ws.load('name');
  await sync('opening the metadata sheet');
  const out = new Map<string, string>();
  if (ws.isNullObject) return out;
  const extent = await extentFromA1(ws, sync);
  if (!extent) return out;
  const read = await readBox(ws, { top: 0, left: 0, rows: extent.rows, cols: 2 }, ['values'], sync);
  for (const [k, v] of read.values.slice(1)) if (typeof k === 'string' && k !== '') out.set(k, String(v ?? ''));
  return out;
}

export async function writeMetadata(context: Excel.RequestContext, entries: MetadataWrite[], undo: UndoRecord, sync: Sync): Promise<void> {
  const current = await readMetadata(context, sync);
  const sheets = context.workbook.worksheets;
  let ws = sheets.getItemOrNullObject(META_SHEET);
  ws.load('name');
  await sync('opening the metadata sheet');
  if (ws.isNullObject) {
    ws = sheets.add(META_SHEET);
    undo.createdSheets.push(META_SHEET);
    ws.visibility = 'VeryHidden';
  } else {
    undo.ranges.push(await snapshotBox(ws, META_SHEET, { top: 0, left: 0, rows: current.size + 1, cols: 2 }, sync));
  }
  for (const e of entries) current.set(e.key, e.value);
  const rows: string[][] = [['key', 'value'], ...[...current.entries()].map(([k, v]) => [k, v])];
  const range = ws.getRangeByIndexes(0, 0, rows.length, 2);
  range.numberFormat = rows.map(() => ['@', '@']); // always text: values may start with "="
  range.values = rows;
  await sync('writing metadata');
}
