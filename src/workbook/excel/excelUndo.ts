/**
 * The undo record of one apply() and the rollback that plays it back.
 *
 * Cell contents are snapshotted inside Excel: before the first write of a plan, every region the plan can
 * change is copied (Range.copyFrom, "All": values, formulas, number formats, fonts, fills, borders,
 * hyperlinks) to a very hidden scratch sheet at the same address, one scratch sheet per user sheet. Nothing
 * travels to the add-in and back, so a snapshot costs no bytes and no extra round trip whatever the size of
 * the data, and restoring is a copy back: a constant-size request (no 5 MB limit to hit).
 * Structure is recorded as data: sheets, tables and names the plan added, changed or removed.
 *
 * The last scratch sheet is made VeryHidden only after all copies: a rollback that finds it so knows the
 * snapshot is complete; otherwise the failure came before any write (they are queued after the copies)
 * and there is nothing to copy back.
 */
import { formatRange, sheetAddress, type RangeRef } from '../address';
import type { Sync } from './excelOutline';

/** Prefix of the adapter's own sheets besides the metadata sheet; hidden from listSheets and events. */
export const SCRATCH_PREFIX = '_rlab_undo_';

export interface UndoRecord {
  scratch: { name: string; sheet: string; boxes: RangeRef[] }[];
  createdSheets: string[];
  addedTables: string[];
  resizedTables: { name: string; range: RangeRef }[];
  restyledTables: { name: string; style: string }[];
  removedTables: { name: string; sheet: string; range: RangeRef; style: string }[];
  addedNames: string[];
  changedNames: { name: string; formula: string; comment: string }[];
  /** Charts the write added (on sheets it did not create): removed on rollback. */
  addedCharts: { sheet: string; name: string }[];
}

export function emptyUndo(): UndoRecord {
  return {
    scratch: [],
    createdSheets: [],
    addedTables: [],
    resizedTables: [],
    restyledTables: [],
    removedTables: [],
    addedNames: [],
    changedNames: [],
    addedCharts: [],
  };
}

type Step = { what: string; run: () => void };

interface Now {
  sheets: Map<string, { name: string; visibility: string }>;
  tables: Set<string>;
  names: Set<string>;
  /** Lower-case "sheet|chart" of the charts the write may have added. */
  charts: Set<string>;
}

async function readNow(context: Excel.RequestContext, sync: Sync, undo: UndoRecord): Promise<Now> {
  const wb = context.workbook;
  const sheets = wb.worksheets.load('items/name,items/visibility');
  const tables = wb.tables.load('items/name');
  const names = wb.names.load('items/name');
  const created = new Set(undo.createdSheets.map((s) => s.toLowerCase()));
  const onSheets = [...new Set(undo.addedCharts.map((c) => c.sheet))]
    .filter((s) => !created.has(s.toLowerCase()))
    .map((sheet) => ({ sheet, charts: wb.worksheets.getItem(sheet).charts.load('items/name') }));
  await sync('rolling back: reading what the failed write left');
  return {
    charts: new Set(onSheets.flatMap((s) => s.charts.items.map((c) => `${s.sheet.toLowerCase()}|${c.name.toLowerCase()}`))),
    sheets: new Map(sheets.items.map((s) => [s.name.toLowerCase(), { name: s.name, visibility: s.visibility }])),
    tables: new Set(tables.items.map((t) => t.name.toLowerCase())),
    names: new Set(names.items.map((n) => n.name.toLowerCase())),
  };
}

/** Deleting a VeryHidden sheet fails (Worksheet.delete docs): make it Hidden first. */
function deleteSheet(wb: Excel.Workbook, name: string, visibility: string): void {
  const ws = wb.worksheets.getItem(name);
  if (visibility === 'VeryHidden') ws.visibility = 'Hidden';
  ws.delete();
}

function steps(wb: Excel.Workbook, undo: UndoRecord, now: Now): Step[] {
  const has = (set: Set<string>, name: string) => set.has(name.toLowerCase());
  const out: Step[] = [];
  for (const name of undo.addedNames)
    if (has(now.names, name)) out.push({ what: `remove name ${name}`, run: () => wb.names.getItem(name).delete() });
  for (const n of undo.changedNames) {
    if (!has(now.names, n.name)) continue;
    out.push({
      what: `restore name ${n.name}`,
      run: () => {
        const item = wb.names.getItem(n.name);
        item.formula = n.formula;
        item.comment = n.comment;
      },
    });
  }
  for (const c of undo.addedCharts) {
    if (now.charts.has(`${c.sheet.toLowerCase()}|${c.name.toLowerCase()}`))
      out.push({ what: `remove chart ${c.name}`, run: () => wb.worksheets.getItem(c.sheet).charts.getItem(c.name).delete() });
  }
  for (const name of undo.addedTables)
    if (has(now.tables, name)) out.push({ what: `remove table ${name}`, run: () => wb.tables.getItem(name).delete() });
  for (const t of undo.resizedTables) {
    if (!has(now.tables, t.name)) continue;
    out.push({
      what: `resize table ${t.name} back`,
      run: () => {
        const table = wb.tables.getItem(t.name);
        table.resize(table.worksheet.getRange(formatRange(t.range)));
      },
    });
  }
  for (const t of undo.restyledTables)
    if (has(now.tables, t.name))
      out.push({
        what: `restyle table ${t.name}`,
        run: () => {
          wb.tables.getItem(t.name).style = t.style;
        },
      });
  const last = undo.scratch[undo.scratch.length - 1];
  const complete = last !== undefined && now.sheets.get(last.name.toLowerCase())?.visibility === 'VeryHidden';
  if (complete) {
    for (const s of undo.scratch) {
      for (const box of s.boxes) {
        const a = formatRange(box);
        out.push({
          what: `restore ${s.sheet}!${a}`,
          run: () => wb.worksheets.getItem(s.sheet).getRange(a).copyFrom(wb.worksheets.getItem(s.name).getRange(a), 'All'),
        });
      }
    }
  }
  for (const t of undo.removedTables) {
    if (has(now.tables, t.name)) continue;
    out.push({
      what: `recreate table ${t.name}`,
      run: () => {
        const ws = wb.worksheets.getItem(t.sheet);
        const table = ws.tables.add(ws.getRange(formatRange(t.range)), true);
        table.name = t.name;
        if (t.style) table.style = t.style;
      },
    });
  }
  for (const name of undo.createdSheets) {
    const s = now.sheets.get(name.toLowerCase());
    if (s) out.push({ what: `remove sheet ${name}`, run: () => deleteSheet(wb, s.name, s.visibility) });
  }
  for (const s of now.sheets.values()) {
    if (s.name.startsWith(SCRATCH_PREFIX)) out.push({ what: `remove ${s.name}`, run: () => deleteSheet(wb, s.name, s.visibility) });
  }
  return out;
}

/**
 * Puts the workbook back as recorded: one read of what exists now, then every step in one request. If that
 * request fails, the steps are recomputed and run one per request so as much as possible is restored.
 * Returns what could not be restored (empty when the workbook is back as it was).
 */
export async function rollback(context: Excel.RequestContext, sync: Sync, undo: UndoRecord): Promise<string[]> {
  const wb = context.workbook;
  let now: Now;
  try {
    now = await readNow(context, sync, undo);
  } catch (e) {
    return [`reading the workbook to restore it failed: ${(e as Error).message}`];
  }
  const all = steps(wb, undo, now);
  try {
    for (const s of all) s.run();
    await sync('rolling back');
    return [];
  } catch {
    // Part of the request may have run: look again and do the rest one step at a time.
  }
  const problems: string[] = [];
  try {
    now = await readNow(context, sync, undo);
  } catch (e) {
    return [`reading the workbook to restore it failed: ${(e as Error).message}`];
  }
  for (const s of steps(wb, undo, now)) {
    try {
      s.run();
      await sync(`rolling back: ${s.what}`);
    } catch (e) {
      problems.push(`${s.what}: ${(e as Error).message}`);
    }
  }
  return problems;
}

/** `=Sheet!$A$1:$B$2`, the formula of a defined name pointing at a range. */
export function nameFormula(sheet: string, address: RangeRef): string {
  return `=${sheetAddress(sheet, address)}`;
}
