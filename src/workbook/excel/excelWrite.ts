/**
 * Writes a validated plan into Excel in as few requests as the 5 MB limit allows: the snapshot copies
 * (excelUndo.ts), new sheets, clears, cell values and formats, tables, names, metadata and the clean-up of
 * the scratch sheets are queued in order and sent when the next operation would take the request over the
 * byte budget (4 MB by default), so a plan whose data fits in one request is one sync.
 *
 * Tables are kept, not re-created: a table the plan writes again at the same top-left cell gets its header
 * and body written in place and is resized (Table.resize, ExcelApi 1.13) to the new row count; columns a
 * person added on its right stay, and so do formulas elsewhere that use its structured references. Names
 * that exist are pointed at their new range through NamedItem.formula (ExcelApi 1.7) instead of being
 * deleted and added. Every string cell is formatted "@" (Text) in the same request, queued before the
 * values, because Excel parses a string written to a General cell like typed input (dates, numbers,
 * percentages, fractions, error literals, formulas), and what it parses depends on the locale.
 */
import { formatRange, parseRange, type RangeRef } from '../address';
import { headerRowCount, resolveCell } from '../cells';
import { jsonStringBytes, jsonValueBytes } from '../chunk';
import type { ChartWrite, WriteBlock, WritePlan } from '../plan';
import { blockRange, META_SHEET, planSheetNames } from '../validate';
import { chartKey, type Outline, type Sync } from './excelOutline';
import { metadataRows } from './excelMeta';
import { subtract } from './excelRegions';
import { keepsTable, snapshotRegions, tableTarget } from './excelTargets';
import { nameFormula, SCRATCH_PREFIX, type UndoRecord } from './excelUndo';

/** Assumption: Excel's default Calibri 11 column is 8.43 characters wide at 64 px = 48 pt, so ~5.7 pt per character. */
const POINTS_PER_CHARACTER = 48 / 8.43;
/** Estimated JSON of one queued operation besides its payload (action, object path, ids). */
export const OP_BYTES = 300;

export interface WriteStats {
  syncs: number;
  valueChunks: number;
  /** Largest estimated payload of one values+numberFormat chunk, in bytes. */
  largestChunkBytes: number;
}

const low = (s: string) => s.toLowerCase();
const sameBox = (a: RangeRef, b: RangeRef) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;

/** Queued operations and their estimated size; sends them before the budget would be exceeded. */
class Requests {
  private bytes = 0;
  private pending = false;
  constructor(
    private readonly sync: Sync,
    readonly max: number,
  ) {}
  get free(): number {
    return this.max - this.bytes;
  }
  async room(n: number, what: string): Promise<void> {
    if (this.pending && this.bytes + n > this.max) await this.flush(what);
    this.bytes += n;
    this.pending = true;
  }
  async flush(what: string): Promise<void> {
    if (!this.pending) return;
    this.bytes = 0;
    this.pending = false;
    await this.sync(what);
  }
}

interface Cells {
  values: (string | number | boolean)[][];
  formats: string[][];
  rowBytes: number[];
  links: { r: number; c: number; url: string }[];
}

/** Built once per block (assertRowsFit and the write use the same cells). */
const built = new WeakMap<WriteBlock, Cells>();

function blockCells(block: WriteBlock, cols: number): Cells {
  const cached = built.get(block);
  if (cached) return cached;
  const cells = buildCells(block, cols);
  built.set(block, cells);
  return cells;
}

function buildCells(block: WriteBlock, cols: number): Cells {
  const headerRows = headerRowCount(block);
  const out: Cells = { values: [], formats: [], rowBytes: [], links: [] };
  for (let r = 0; r < block.values.length; r++) {
    const vRow: (string | number | boolean)[] = new Array(cols);
    const fRow: string[] = new Array(cols);
    let bytes = 8;
    for (let c = 0; c < cols; c++) {
      const cell = resolveCell(block, r, c, headerRows);
      // Office.js ignores null in a values array, so "" is what clears a cell.
      const v = cell.formula ?? cell.value ?? '';
      vRow[c] = v;
      fRow[c] = typeof v === 'string' && v !== '' && !cell.formula ? '@' : cell.numberFormat;
      bytes += jsonValueBytes(v) + jsonStringBytes(fRow[c]) + 1;
      if (cell.hyperlink) out.links.push({ r, c, url: cell.hyperlink });
    }
    out.values.push(vRow);
    out.formats.push(fRow);
    out.rowBytes.push(bytes);
  }
  return out;
}

/**
 * Throws before anything is queued when a plan row alone exceeds the request budget (it could never be
 * sent). Checked up front because an operation queued in Office.js stays queued until the next sync.
 */
export function assertRowsFit(plan: WritePlan, maxRequestBytes: number): void {
  for (const block of plan.blocks) {
    const range = blockRange(block)!;
    const cells = blockCells(block, range.right - range.left + 1);
    const row = cells.rowBytes.findIndex((b) => b + OP_BYTES * 2 > maxRequestBytes);
    if (row >= 0) {
      throw new Error(
        `${block.sheet}!${block.address}: row ${row + 1} needs about ${cells.rowBytes[row]} bytes, more than the ${maxRequestBytes}-byte request limit; nothing was written`,
      );
    }
  }
}

export interface WriteResult {
  /** The sheets the write created (its own ones too), with their ids loaded, for change events. */
  created: { name: string; sheet: Excel.Worksheet }[];
}

export async function writePlan(
  context: Excel.RequestContext,
  sync: Sync,
  plan: WritePlan,
  o: Outline,
  maxRequestBytes: number,
  undo: UndoRecord,
  stats: WriteStats,
  progress: { lastRequestSent: boolean } = { lastRequestSent: false },
): Promise<WriteResult> {
  const wb = context.workbook;
  const req = new Requests(sync, maxRequestBytes);
  const nameOf = (sheet: string) => o.sheet(sheet)?.name ?? sheet;

  const created: WriteResult['created'] = [];
  // 1. Snapshot, before anything changes.
  const taken = new Set(o.sheets!.keys());
  let n = 0;
  for (const [sheet, boxes] of snapshotRegions(plan, o)) {
    let name = '';
    do name = `${SCRATCH_PREFIX}${++n}`;
    while (taken.has(low(name)));
    taken.add(low(name));
    const scratch = wb.worksheets.add(name);
    scratch.visibility = 'Hidden';
    scratch.load('id'); // so its change events are known as ours without asking Excel again
    created.push({ name, sheet: scratch });
    undo.scratch.push({ name, sheet, boxes });
    const source = wb.worksheets.getItem(sheet);
    for (const box of boxes) scratch.getRange(formatRange(box)).copyFrom(source.getRange(formatRange(box)), 'All');
    await req.room(OP_BYTES * (2 + boxes.length), 'snapshotting');
  }
  // The marker that the snapshot is complete (see excelUndo.ts).
  for (const s of undo.scratch) wb.worksheets.getItem(s.name).visibility = 'VeryHidden';

  // 2. New sheets.
  for (const name of planSheetNames(plan)) {
    if (o.sheet(name)) continue;
    const ws = wb.worksheets.add(name);
    ws.load('id,name');
    created.push({ name, sheet: ws });
    undo.createdSheets.push(name);
    await req.room(OP_BYTES * 2 + jsonStringBytes(name), 'adding sheets');
  }

  // 3. Tables that go: stale ones on sheets being cleared, and ones the plan moves elsewhere.
  const planTables = new Map(plan.blocks.flatMap((b) => (b.table ? [[low(b.table.name), b] as const] : [])));
  const cleared = new Set(plan.sheets.filter((s) => s.clear && o.sheet(s.name)).map((s) => low(s.name)));
  const kept = new Map<string, RangeRef>();
  for (const t of o.tables!.values()) {
    const block = planTables.get(low(t.name));
    const keep = block ? keepsTable(o, block) : null;
    if (keep) kept.set(low(t.name), keep);
    else if ((block || cleared.has(low(t.sheet))) && t.range) {
      undo.removedTables.push({ name: t.name, sheet: t.sheet, range: t.range, style: t.style });
      wb.tables.getItem(t.name).delete();
      await req.room(OP_BYTES, 'removing tables');
    }
  }

  // 4. Clear sheets marked clear, except the tables written again in place.
  for (const key of cleared) {
    const used = o.used.get(key);
    if (!used) continue;
    const keptHere = [...kept.entries()].filter(([t]) => low(o.table(t)!.sheet) === key).map(([, r]) => r);
    const ws = wb.worksheets.getItem(nameOf(key));
    for (const band of subtract(used, keptHere)) {
      ws.getRange(formatRange(band)).clear();
      await req.room(OP_BYTES, 'clearing sheets');
    }
  }
  for (const spec of plan.sheets.filter((s) => s.freeze)) {
    const panes = wb.worksheets.getItem(nameOf(spec.name)).freezePanes;
    const { rows, columns } = spec.freeze!;
    panes.unfreeze();
    if (rows > 0 && columns > 0) panes.freezeAt(formatRange({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 }));
    else if (rows > 0) panes.freezeRows(rows);
    else if (columns > 0) panes.freezeColumns(columns);
    await req.room(OP_BYTES * 2, 'freezing panes');
  }

  // 5. Blocks, their tables and names.
  for (const block of plan.blocks) await writeBlock(context, req, block, o, kept, undo, stats);

  // 6. Charts over the cells just written: found by name and updated in place, or added once.
  for (const chart of plan.charts ?? []) await writeChart(wb, req, chart, o, nameOf(chart.sheet), undo);

  // 7. Metadata, merged with what is there.
  if (plan.metadata?.length) {
    const rows = metadataRows(o.meta ?? new Map(), plan.metadata);
    let ws: Excel.Worksheet;
    if (o.sheet(META_SHEET)) ws = wb.worksheets.getItem(META_SHEET);
    else {
      ws = wb.worksheets.add(META_SHEET);
      ws.visibility = 'VeryHidden';
      ws.load('id');
      created.push({ name: META_SHEET, sheet: ws });
      undo.createdSheets.push(META_SHEET);
    }
    const range = ws.getRangeByIndexes(0, 0, rows.length, 2);
    range.numberFormat = rows.map(() => ['@', '@']); // always text: values may start with "="
    range.values = rows;
    await req.room(OP_BYTES * 3 + rows.reduce((a, [k, v]) => a + jsonStringBytes(k) + jsonStringBytes(v) + 12, 0), 'writing metadata');
  }
  if (plan.activate) wb.worksheets.getItem(nameOf(plan.activate)).activate();

  // 8. Scratch sheets go (ours, and any a crashed run left). A VeryHidden sheet must be made Hidden first.
  const scratch = new Set([
    ...undo.scratch.map((s) => s.name),
    ...[...o.sheets!.values()].filter((s) => s.name.startsWith(SCRATCH_PREFIX)).map((s) => s.name),
  ]);
  for (const name of scratch) {
    const ws = wb.worksheets.getItem(name);
    ws.visibility = 'Hidden';
    ws.delete();
    await req.room(OP_BYTES * 2, 'removing scratch sheets');
  }
  await req.room(OP_BYTES, 'finishing');
  progress.lastRequestSent = true;
  await req.flush('finishing');
  return { created };
}

async function writeBlock(
  context: Excel.RequestContext,
  req: Requests,
  block: WriteBlock,
  o: Outline,
  kept: Map<string, RangeRef>,
  undo: UndoRecord,
  stats: WriteStats,
): Promise<void> {
  const wb = context.workbook;
  const ws = wb.worksheets.getItem(o.sheet(block.sheet)?.name ?? block.sheet);
  const range = blockRange(block)!;
  const cols = range.right - range.left + 1;
  const where = `${block.sheet}!${block.address}`;
  const cells = blockCells(block, cols);
  const oldTable = block.table ? kept.get(low(block.table.name)) : undefined;

  // Links from an earlier write (and their blue underline) must not stay on cells whose new value is
  // not a link; the number formats are written again below.
  for (const [c, col] of (block.columns ?? []).entries()) {
    if (!col.hyperlink) continue;
    ws.getRangeByIndexes(range.top, range.left + c, block.values.length, 1).clear('RemoveHyperlinks');
    await req.room(OP_BYTES, `clearing links on ${where}`);
  }
  for (let start = 0; start < cells.values.length; ) {
    if (cells.rowBytes[start] + OP_BYTES * 2 > req.free) await req.flush(`writing ${where}`);
    if (cells.rowBytes[start] + OP_BYTES * 2 > req.max) {
      throw new Error(`${where}: row ${start + 1} needs about ${cells.rowBytes[start]} bytes, more than the ${req.max}-byte request limit`);
    }
    let end = start;
    let bytes = OP_BYTES * 2;
    while (end < cells.values.length && bytes + cells.rowBytes[end] <= req.free) bytes += cells.rowBytes[end++];
    const target = ws.getRangeByIndexes(range.top + start, range.left, end - start, cols);
    // numberFormat is queued before values so "@" cells receive their text as text.
    target.numberFormat = cells.formats.slice(start, end);
    target.values = cells.values.slice(start, end);
    stats.valueChunks += 1;
    stats.largestChunkBytes = Math.max(stats.largestChunkBytes, bytes - OP_BYTES * 2);
    await req.room(bytes, `writing ${where}`);
    start = end;
  }
  const headerRows = headerRowCount(block);
  if (headerRows > 0) ws.getRangeByIndexes(range.top, range.left, headerRows, cols).format.font.bold = true;
  for (const [c, col] of (block.columns ?? []).entries()) {
    if (col.width) ws.getRangeByIndexes(range.top, range.left + c, 1, 1).format.columnWidth = col.width * POINTS_PER_CHARACTER;
  }
  await req.room(OP_BYTES * (1 + (block.columns?.length ?? 0)), `formatting ${where}`);
  for (const link of cells.links) {
    ws.getRangeByIndexes(range.top + link.r, range.left + link.c, 1, 1).hyperlink = { address: link.url, textToDisplay: link.url };
    await req.room(OP_BYTES + 2 * jsonStringBytes(link.url), `adding links on ${where}`);
  }
  // Data validation (ExcelApi 1.8): cleared first (the Office samples' advice), then rule, input message and a
  // Warning alert, so a person may keep other input and the app reports it (app/scenario/parameterCells.ts).
  for (const v of block.validations ?? []) {
    const dv = ws.getRange(v.address).dataValidation;
    dv.clear();
    dv.rule = { decimal: { formula1: v.decimal.min, formula2: v.decimal.max, operator: 'Between' as Excel.DataValidationOperator } };
    dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
    dv.errorAlert = {
      showAlert: true,
      style: 'Warning' as Excel.DataValidationAlertStyle,
      title: 'Outside the range',
      message: `Enter a number from ${v.decimal.min} to ${v.decimal.max}.`,
    };
    await req.room(
      OP_BYTES * 4 + jsonStringBytes(v.prompt.title) + jsonStringBytes(v.prompt.message) + 80,
      `validating ${v.address} on ${where}`,
    );
  }
  if (block.table) await writeTable(context, req, block, ws, o, oldTable, undo);
  for (const n of block.names ?? []) {
    const formula = nameFormula(o.sheet(block.sheet)?.name ?? block.sheet, parseRange(n.address)!);
    const old = o.names?.get(low(n.name));
    if (old) {
      const item = wb.names.getItem(old.name);
      if (old.formula !== formula) item.formula = formula;
      if (old.comment !== (n.comment ?? '')) item.comment = n.comment ?? '';
      undo.changedNames.push({ ...old });
    } else {
      wb.names.add(n.name, ws.getRange(n.address), n.comment);
      undo.addedNames.push(n.name);
    }
    await req.room(OP_BYTES * 2 + jsonStringBytes(formula) + jsonStringBytes(n.comment ?? ''), `naming ${where}`);
  }
}

async function writeTable(
  context: Excel.RequestContext,
  req: Requests,
  block: WriteBlock,
  ws: Excel.Worksheet,
  o: Outline,
  old: RangeRef | undefined,
  undo: UndoRecord,
): Promise<void> {
  const spec = block.table!;
  const target = tableTarget(block);
  // A header-only table: Excel gives it one data row; that row is emptied, not left to old content.
  if (block.values.length === 1) ws.getRange(formatRange({ ...target, top: target.bottom })).clear();
  if (old) {
    const info = o.table(spec.name)!;
    const table = context.workbook.tables.getItem(info.name);
    const next = { ...target, right: Math.max(target.right, old.right) }; // keep columns a person added
    if (!sameBox(next, old)) {
      table.resize(ws.getRange(formatRange(next)));
      undo.resizedTables.push({ name: info.name, range: old });
    }
    if (old.bottom > next.bottom)
      ws.getRange(formatRange({ top: next.bottom + 1, left: old.left, bottom: old.bottom, right: old.right })).clear();
    if (spec.style && spec.style !== info.style) {
      table.style = spec.style;
      undo.restyledTables.push({ name: info.name, style: info.style });
    }
  } else {
    // A Range, not an address: TableCollection.add reads a bare address on the active sheet.
    const table = ws.tables.add(ws.getRange(formatRange(blockRange(block)!)), true);
    table.name = spec.name;
    if (spec.style) table.style = spec.style;
    undo.addedTables.push(spec.name);
  }
  await req.room(OP_BYTES * 4, `table ${spec.name}`);
}

/** Palette slots 0..7 of the pane's charts as Excel colours (Office theme accents order). */
export const CHART_COLORS = ['#0F6CBD', '#D83B01', '#107C10', '#8764B8', '#C19C00', '#038387', '#E3008C', '#8A8886'];
const LINE_STYLES = { solid: 'Continuous', dashed: 'Dash', dotted: 'Dot' } as const;

/**
 * One chart of the plan, in the write's own request (no extra round trip): the outline read already
 * found it by name (ChartCollection.getItemOrNullObject, ExcelApi 1.4) with its series count. A chart that
 * exists keeps its object (and whatever a person set that the plan does not: size, style) and gets its
 * title, axes, position and series ranges set again; series beyond the plan's are deleted. A new one is
 * added from the first series' cells (charts.add, ExcelApi 1.1) and named, so the next write finds it.
 * Series: name, setValues / setXAxisValues, line style, markers, delete (ExcelApi 1.7).
 */
async function writeChart(wb: Excel.Workbook, req: Requests, c: ChartWrite, o: Outline, sheet: string, undo: UndoRecord): Promise<void> {
  const ws = wb.worksheets.getItem(sheet);
  const info = o.charts.get(chartKey(c.sheet, c.name));
  let chart: Excel.Chart;
  let existing: number;
  if (info) {
    chart = ws.charts.getItem(info.name);
    existing = info.series;
  } else {
    chart = ws.charts.add(c.type === 'line' ? 'Line' : 'BarStacked', ws.getRange(c.series[0].values), 'Columns');
    chart.name = c.name;
    existing = 1;
    if (!undo.createdSheets.some((s) => low(s) === low(sheet))) undo.addedCharts.push({ sheet, name: c.name });
  }
  chart.title.text = c.title;
  chart.legend.visible = true;
  chart.legend.position = 'Bottom';
  chart.axes.categoryAxis.title.text = c.categoryAxis.title;
  chart.axes.valueAxis.title.text = c.valueAxis.title;
  if (c.valueAxis.min !== undefined) chart.axes.valueAxis.minimum = c.valueAxis.min;
  if (c.valueAxis.max !== undefined) chart.axes.valueAxis.maximum = c.valueAxis.max;
  if (c.reverseCategories !== undefined) chart.axes.categoryAxis.reversePlotOrder = c.reverseCategories;
  const [start, end] = c.position.split(':');
  chart.setPosition(start, end);
  let ops = 10;
  c.series.forEach((s, i) => {
    const series = i < existing ? chart.series.getItemAt(i) : chart.series.add(s.name);
    series.name = s.name;
    series.setValues(ws.getRange(s.values));
    if (s.xValues) series.setXAxisValues(ws.getRange(s.xValues));
    const color = CHART_COLORS[s.color] ?? CHART_COLORS[0];
    if (c.type === 'line') {
      series.format.line.color = color;
      series.format.line.lineStyle = s.hidden ? 'None' : LINE_STYLES[s.line ?? 'solid'];
      series.markerStyle = s.markers && !s.hidden ? 'Circle' : 'None';
    } else if (s.hidden) {
      series.format.fill.clear();
      series.format.line.lineStyle = 'None';
    } else {
      series.format.fill.setSolidColor(color);
    }
    ops += 8;
  });
  for (let i = existing - 1; i >= c.series.length; i--) {
    chart.series.getItemAt(i).delete();
    ops += 1;
  }
  await req.room(
    OP_BYTES * ops + jsonStringBytes(c.title) + jsonStringBytes(c.categoryAxis.title) + jsonStringBytes(c.valueAxis.title),
    `chart ${c.name}`,
  );
}
