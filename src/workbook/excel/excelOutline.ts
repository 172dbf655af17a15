/**
 * What the Excel adapter knows about the workbook (sheets, tables and their ranges, names, metadata,
 * used ranges, table contents) and `ensureOutline`, which fetches what is missing in as few syncs as
 * possible: one sync for everything an action needs, a second one only when a sheet holds tables whose
 * names were not known before the first. Inside a session (ExcelWorkbook.session) the outline is kept for
 * the whole action, so the action's reads and its write share round trips.
 *
 * The first sync loads children of objects that may not exist (getItemOrNullObject(...).getRange()); a
 * null object's children are null objects too. If a host refuses that, the read is redone in two steps.
 */
import { parseRange, type RangeRef } from '../address';
import type { CellValue } from '../plan';
import { META_SHEET } from '../validate';
import { isCellEditModeError, officeErrorCode } from './runExcel';
import { readBoxAdaptive, stripSheet, tableRows } from './excelRead';

export type Sync = (what: string) => Promise<void>;

export interface SheetInfo {
  name: string;
  id: string;
  visibility: string;
}
export interface TableInfo {
  name: string;
  sheet: string;
  style: string;
  showHeaders: boolean;
  range?: RangeRef;
}
export interface NameInfo {
  name: string;
  formula: string;
  comment: string;
}
/** A chart found by name on its sheet: its exact name and how many series it has (-1: not read yet). */
export interface ChartInfo {
  name: string;
  series: number;
}

export const chartKey = (sheet: string, name: string) => `${sheet.toLowerCase()}|${name.toLowerCase()}`;

export interface Needs {
  /** Tables whose range (and, with `values`, content) is needed. */
  tables?: string[];
  values?: boolean;
  /** Sheets on which every table's range is needed (snapshot regions must not hold a whole table). */
  tablesOn?: string[];
  /** Sheets whose used range is needed (sheets to clear). */
  used?: string[];
  /** Charts looked up by name on their sheet (plan.charts): found or not, and their series count. */
  charts?: { sheet: string; name: string }[];
}

const low = (s: string) => s.toLowerCase();

export class Outline {
  sheets: Map<string, SheetInfo> | null = null;
  tables: Map<string, TableInfo> | null = null;
  names: Map<string, NameInfo> | null = null;
  /** Metadata rows (without the header); null while unknown. */
  meta: Map<string, string> | null = null;
  /** Rows the metadata sheet uses (header included); 0 when it does not exist. */
  metaRows = 0;
  used = new Map<string, RangeRef | null>();
  tableValues = new Map<string, CellValue[][] | null>();
  /** Charts looked up, by chartKey(sheet, name): null when the sheet has no chart of that name. */
  charts = new Map<string, ChartInfo | null>();

  sheet(name: string): SheetInfo | undefined {
    return this.sheets?.get(low(name));
  }
  table(name: string): TableInfo | undefined {
    return this.tables?.get(low(name));
  }
  tablesOnSheet(sheet: string): TableInfo[] {
    return [...(this.tables?.values() ?? [])].filter((t) => low(t.sheet) === low(sheet));
  }
  sheetNameById(id: string): string | undefined {
    return [...(this.sheets?.values() ?? [])].find((s) => s.id === id)?.name;
  }
  /** Forget everything (after a write, or when a read may have been stale). */
  reset(): void {
    this.sheets = this.tables = this.names = this.meta = null;
    this.metaRows = 0;
    this.used.clear();
    this.tableValues.clear();
    this.charts.clear();
  }
}

type Ranged = { rangeAddress: Excel.Range; values?: Excel.Range };

/** True when the outline already answers `needs` (no round trip needed). */
export function outlineHas(o: Outline, needs: Needs): boolean {
  if (o.sheets === null || o.tables === null || o.names === null || o.meta === null) return false;
  for (const name of needs.tables ?? []) {
    const t = o.table(name);
    if (t && !t.range) return false;
    if (needs.values && !o.tableValues.has(low(name))) return false;
  }
  for (const sheet of needs.used ?? []) if (o.sheet(sheet) && !o.used.has(low(sheet))) return false;
  for (const sheet of needs.tablesOn ?? []) if (o.tablesOnSheet(sheet).some((t) => !t.range)) return false;
  for (const c of needs.charts ?? []) {
    const info = o.charts.get(chartKey(c.sheet, c.name));
    if (o.sheet(c.sheet) && (info === undefined || (info !== null && info.series < 0))) return false;
  }
  return true;
}

/** Loads what `needs` asks for and the outline does not know yet. */
export async function ensureOutline(context: Excel.RequestContext, sync: Sync, o: Outline, needs: Needs): Promise<void> {
  if (outlineHas(o, needs)) return;
  try {
    await firstPass(context, sync, o, needs, { chained: true, values: needs.values === true });
  } catch (e) {
    if (isCellEditModeError(e) || officeErrorCode(e) === 'RlabTimeout') throw e;
    if (officeErrorCode(e) === 'ResponsePayloadSizeLimitExceeded') {
      // Table contents too big for one response: ranges first, then contents in byte-sized chunks.
      await firstPass(context, sync, o, needs, { chained: true, values: false });
    } else {
      // What the outline knew may be stale, or the host refuses to read through null objects:
      // start again from the collections, then read existing items by name.
      o.reset();
      await firstPass(context, sync, o, {}, { chained: false, values: false });
      await firstPass(context, sync, o, needs, { chained: false, values: false });
    }
  }
  await readMissingValues(context, sync, o, needs);
  await secondPass(context, sync, o, needs);
  await chartSeriesPass(context, sync, o, needs);
}

async function firstPass(
  context: Excel.RequestContext,
  sync: Sync,
  o: Outline,
  needs: Needs,
  mode: { chained: boolean; values: boolean },
): Promise<void> {
  const wb = context.workbook;
  const known = o.sheets !== null && o.tables !== null;
  if (!mode.chained && !known) {
    // Safe mode, step 1: only the collections.
    const store = loadCollections(wb, o);
    await sync('reading sheets, tables and names');
    store();
    return;
  }
  const collections = loadCollections(wb, o);
  let meta: Excel.Range | null = null;
  if (o.meta === null && (known ? o.sheet(META_SHEET) : true)) {
    meta = wb.worksheets.getItemOrNullObject(META_SHEET).getUsedRangeOrNullObject(true);
    meta.load('values,rowIndex,rowCount');
  }
  const tables = new Map<string, Ranged>();
  for (const name of new Set((needs.tables ?? []).map(low))) {
    const info = o.table(name);
    if (info?.range && (!mode.values || o.tableValues.has(name))) continue;
    if (known && !info) continue; // it does not exist
    const range = (known ? wb.tables.getItem(info!.name) : wb.tables.getItemOrNullObject(name)).getRange();
    range.load(mode.values ? 'address,values' : 'address');
    tables.set(name, { rangeAddress: range });
  }
  const used = new Map<string, Excel.Range>();
  for (const sheet of new Set((needs.used ?? []).map(low))) {
    if (o.used.has(sheet) || (known && !o.sheet(sheet))) continue;
    const ws = known ? wb.worksheets.getItem(o.sheet(sheet)!.name) : wb.worksheets.getItemOrNullObject(sheet);
    const range = ws.getUsedRangeOrNullObject(false);
    range.load('address');
    used.set(sheet, range);
  }
  // Charts by name, with their series (chained: the series of a chart that does not exist are a null object).
  const charts = new Map<string, { chart: Excel.Chart; series: Excel.ChartSeriesCollection | null; sheet: string }>();
  for (const c of needs.charts ?? []) {
    const key = chartKey(c.sheet, c.name);
    if (charts.has(key) || (o.charts.has(key) && o.charts.get(key)?.series !== -1)) continue;
    if (known && !o.sheet(c.sheet)) continue; // no sheet, no chart
    const ws = known ? wb.worksheets.getItem(o.sheet(c.sheet)!.name) : wb.worksheets.getItemOrNullObject(c.sheet);
    const chart = ws.charts.getItemOrNullObject(c.name);
    chart.load('name');
    const series = mode.chained ? chart.series.load('items/name') : null;
    charts.set(key, { chart, series, sheet: c.sheet });
  }
  if (!collections.queued && !meta && tables.size === 0 && used.size === 0 && charts.size === 0) return;
  await sync('reading the workbook outline');
  collections();
  if (meta) readMeta(o, meta);
  else if (o.meta === null) {
    o.meta = new Map();
    o.metaRows = 0;
  }
  for (const [name, r] of tables) {
    if (r.rangeAddress.isNullObject) {
      o.tableValues.set(name, null);
      continue;
    }
    const info = o.table(name);
    if (info) info.range = parseRange(stripSheet(r.rangeAddress.address)) ?? undefined;
    if (mode.values) o.tableValues.set(name, tableRows(r.rangeAddress.values));
  }
  for (const [sheet, r] of used) o.used.set(sheet, r.isNullObject ? null : parseRange(stripSheet(r.address)));
  for (const [key, c] of charts)
    o.charts.set(key, c.chart.isNullObject ? null : { name: c.chart.name, series: c.series ? c.series.items.length : -1 });
}

/** Series counts of charts found without them (the two-step read of a host that refuses null chains). */
async function chartSeriesPass(context: Excel.RequestContext, sync: Sync, o: Outline, needs: Needs): Promise<void> {
  const missing = (needs.charts ?? []).flatMap((c) => {
    const info = o.charts.get(chartKey(c.sheet, c.name));
    return info && info.series < 0 && o.sheet(c.sheet)
      ? [{ info, series: context.workbook.worksheets.getItem(o.sheet(c.sheet)!.name).charts.getItem(info.name).series.load('items/name') }]
      : [];
  });
  if (missing.length === 0) return;
  await sync('reading chart series');
  for (const m of missing) m.info.series = m.series.items.length;
}

/** Queues the collection loads the outline lacks; the returned function stores their results. */
function loadCollections(wb: Excel.Workbook, o: Outline): (() => void) & { queued: boolean } {
  const sheets = o.sheets === null ? wb.worksheets.load('items/name,items/id,items/visibility') : null;
  const tables = o.tables === null ? wb.tables.load('items/name,items/style,items/showHeaders,items/worksheet/name') : null;
  const names = o.names === null ? wb.names.load('items/name,items/formula,items/comment') : null;
  return Object.assign(
    () => {
      if (sheets) o.sheets = new Map(sheets.items.map((s) => [low(s.name), { name: s.name, id: s.id, visibility: s.visibility }]));
      if (tables)
        o.tables = new Map(
          tables.items.map((t) => [low(t.name), { name: t.name, sheet: t.worksheet.name, style: t.style, showHeaders: t.showHeaders }]),
        );
      if (names)
        o.names = new Map(names.items.map((n) => [low(n.name), { name: n.name, formula: String(n.formula), comment: n.comment ?? '' }]));
    },
    { queued: sheets !== null || tables !== null || names !== null },
  );
}

function readMeta(o: Outline, used: Excel.Range): void {
  o.meta = new Map();
  o.metaRows = 0;
  if (used.isNullObject) return;
  o.metaRows = used.rowIndex + used.rowCount;
  const rows = used.values;
  // Row 1 is the header; the used range of a valid metadata sheet starts at A1.
  for (const [k, v] of rows.slice(used.rowIndex === 0 ? 1 : 0)) if (typeof k === 'string' && k !== '') o.meta.set(k, String(v ?? ''));
}

/** Contents of wanted tables that the first pass did not bring (too big for one response). */
async function readMissingValues(context: Excel.RequestContext, sync: Sync, o: Outline, needs: Needs): Promise<void> {
  if (!needs.values) return;
  for (const name of new Set((needs.tables ?? []).map(low))) {
    const info = o.table(name);
    if (o.tableValues.has(name)) continue;
    if (!info?.range) {
      o.tableValues.set(name, null);
      continue;
    }
    const r = info.range;
    // Known to be big: the whole table did not fit in one response.
    const read = await readBoxAdaptive(
      () => context.workbook.worksheets.getItem(info.sheet),
      { top: r.top, left: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 },
      ['values'],
      sync,
      false,
    );
    o.tableValues.set(name, tableRows(read.values));
  }
}

/** Ranges of every table on the sheets in `needs.tablesOn` that are still unknown. */
async function secondPass(context: Excel.RequestContext, sync: Sync, o: Outline, needs: Needs): Promise<void> {
  const missing = (needs.tablesOn ?? []).flatMap((s) => o.tablesOnSheet(s)).filter((t) => !t.range);
  if (missing.length === 0) return;
  const ranges = missing.map((t) => {
    const range = context.workbook.tables.getItem(t.name).getRange();
    range.load('address');
    return range;
  });
  await sync('reading table ranges');
  missing.forEach((t, i) => {
    t.range = parseRange(stripSheet(ranges[i].address)) ?? undefined;
  });
}
