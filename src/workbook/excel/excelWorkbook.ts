/**
 * ExcelWorkbook: the WorkbookPort over Office.js. The `Excel` namespace comes in through the
 * constructor (tests pass tests/workbook/fakeExcel.ts); only types are taken from @types/office-js,
 * so nothing here touches a global at run time.
 */
import { formatRange, parseRange, type RangeRef } from '../address';
import { headerRowCount, resolveCell } from '../cells';
import { chunkRowsByBytes, DEFAULT_MAX_REQUEST_BYTES, jsonStringBytes, jsonValueBytes } from '../chunk';
import { needsTextFormatInExcel } from '../escape';
import type { CellValue, WriteBlock, WritePlan } from '../plan';
import type { SheetSnapshot, WorkbookChange, WorkbookPort } from '../port';
import { assertValidPlan, blockRange, META_SHEET } from '../validate';
import { emptyUndo, extentFromA1, readBox, rollback, snapshotBox, type Sync, type UndoRecord } from './excelUndo';
import { realSleep, runExcel, syncWithTimeout, type ExcelHost, type RunExcelOptions } from './runExcel';
import { readMetadata, writeMetadata } from './excelMeta';

export interface ExcelWorkbookOptions {
  /** Upper bound for one context.sync(); default 15 s. */
  syncTimeoutMs?: number;
  /** Estimated request budget per sync; default 4 MB (Excel on the web rejects payloads over 5 MB). */
  maxRequestBytes?: number;
  editModeRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ExcelApplyStats {
  syncs: number;
  valueChunks: number;
  /** Largest estimated payload of one values+numberFormat chunk, in bytes. */
  largestChunkBytes: number;
}

export class ExcelWriteError extends Error {
  constructor(cause: unknown, rollbackProblems: string[]) {
    const tail = rollbackProblems.length === 0
      ? 'the workbook was restored to its previous state'
      : `restoring the workbook was incomplete: ${rollbackProblems.join('; ')}`;
    super(`Writing to Excel failed (${(cause as Error)?.message ?? String(cause)}); ${tail}.`, { cause });
    this.name = 'ExcelWriteError';
  }
}

/** Assumption: Excel's default Calibri 11 column is 8.43 characters wide at 64 px = 48 pt, so ~5.7 pt per character. */
const POINTS_PER_CHARACTER = 48 / 8.43;

const sheetKey = (name: string) => name.toLowerCase();
const stripSheet = (address: string) => address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;
  /** Figures of the last apply(), for diagnostics and benchmarks. */
  lastApplyStats: ExcelApplyStats = { syncs: 0, valueChunks: 0, largestChunkBytes: 0 };
  private writing = false;
  private readonly syncTimeoutMs: number;
  private readonly maxRequestBytes: number;
  private readonly runOptions: RunExcelOptions;

  constructor(private readonly excel: ExcelHost, options: ExcelWorkbookOptions = {}) {
    this.syncTimeoutMs = options.syncTimeoutMs ?? 15_000;
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.runOptions = {
      editModeRetries: options.editModeRetries ?? 5,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      sleep: options.sleep ?? realSleep,
    };
  }

  private run<T>(batch: (context: Excel.RequestContext, sync: Sync) => Promise<T>): Promise<T> {
    return runExcel(this.excel, async (context) => {
      const sync: Sync = async (what) => {
        this.lastApplyStats.syncs += this.writing ? 1 : 0;
        await syncWithTimeout(context, this.syncTimeoutMs, what);
      };
      return await batch(context, sync);
    }, this.runOptions);
  }

  async apply(plan: WritePlan): Promise<void> {
    assertValidPlan(plan);
    this.writing = true;
    this.lastApplyStats = { syncs: 0, valueChunks: 0, largestChunkBytes: 0 };
    try {
      await this.run(async (context, sync) => {
        const undo = emptyUndo(); // fresh per attempt: a cell-edit retry starts from a restored workbook
        try {
          return await this.write(context, plan, undo, sync);
        } catch (e) {
          const problems = await rollback(context, undo, sync);
          throw new ExcelWriteError(e, problems);
        }
      });
    } finally {
      this.writing = false;
    }
  }

  private async write(context: Excel.RequestContext, plan: WritePlan, undo: UndoRecord, sync: Sync): Promise<void> {
    const wb = context.workbook;
    wb.worksheets.load('items/name');
    wb.tables.load('items/name,items/style,items/worksheet/name');
    const planNames = plan.blocks.flatMap((b) => b.names ?? []);
    const existingNames = planNames.map((n) => {
      const item = wb.names.getItemOrNullObject(n.name);
      item.load('name,formula,comment');
      return item;
    });
    await sync('reading sheets, tables and names');
    const sheets = new Map(wb.worksheets.items.map((s) => [sheetKey(s.name), s.name]));
    const cleared = new Set(plan.sheets.filter((s) => s.clear && sheets.has(sheetKey(s.name))).map((s) => sheetKey(s.name)));
    const planTables = new Set(plan.blocks.flatMap((b) => (b.table ? [b.table.name.toLowerCase()] : [])));
    const doomed = wb.tables.items.filter((t) => planTables.has(t.name.toLowerCase()) || cleared.has(sheetKey(t.worksheet.name)));
    const doomedRanges = doomed.map((t) => {
      const r = t.getRange();
      r.load('address');
      return r;
    });
    await sync('reading table ranges');

    // 1. Read back everything that will change (the undo record).
    for (const key of cleared) {
      const ws = wb.worksheets.getItem(sheets.get(key)!);
      const extent = await extentFromA1(ws, sync);
      if (extent) undo.ranges.push(await snapshotBox(ws, sheets.get(key)!, { top: 0, left: 0, ...extent }, sync));
    }
    for (const [i, t] of doomed.entries()) {
      const address = stripSheet(doomedRanges[i].address);
      const box = toBox(parseRange(address)!);
      undo.ranges.push(await snapshotBox(wb.worksheets.getItem(t.worksheet.name), t.worksheet.name, box, sync));
    }
    for (const block of plan.blocks) {
      const name = sheets.get(sheetKey(block.sheet));
      if (name && !cleared.has(sheetKey(name))) {
        undo.ranges.push(await snapshotBox(wb.worksheets.getItem(name), name, toBox(blockRange(block)!), sync));
      }
    }

    // 2. Sheets, old tables, clearing, freeze panes.
    for (const name of [...plan.sheets.map((s) => s.name), ...plan.blocks.map((b) => b.sheet)]) {
      if (!sheets.has(sheetKey(name))) {
        wb.worksheets.add(name);
        sheets.set(sheetKey(name), name);
        undo.createdSheets.push(name);
      }
    }
    for (const [i, t] of doomed.entries()) {
      undo.removedTables.push({ name: t.name, sheet: t.worksheet.name, address: stripSheet(doomedRanges[i].address), style: t.style });
      t.delete();
    }
    await sync('adding sheets and removing replaced tables');
    for (const key of cleared) {
      const snap = undo.ranges.find((r) => sheetKey(r.sheet) === key && r.top === 0 && r.left === 0);
      if (snap) wb.worksheets.getItem(snap.sheet).getRangeByIndexes(0, 0, snap.rows, snap.cols).clear();
    }
    for (const spec of plan.sheets.filter((s) => s.freeze)) {
      const panes = wb.worksheets.getItem(sheets.get(sheetKey(spec.name))!).freezePanes;
      const { rows, columns } = spec.freeze!;
      panes.unfreeze();
      if (rows > 0 && columns > 0) panes.freezeAt(formatRange({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 }));
      else if (rows > 0) panes.freezeRows(rows);
      else if (columns > 0) panes.freezeColumns(columns);
    }
    await sync('clearing sheets');

    // 3. Blocks, then their tables and names.
    for (const block of plan.blocks) {
      const ws = wb.worksheets.getItem(sheets.get(sheetKey(block.sheet))!);
      await this.writeBlock(ws, block, blockRange(block)!, sync);
      if (block.table) {
        const table = ws.tables.add(formatRange(blockRange(block)!), true);
        undo.addedTables.push(block.table.name);
        table.name = block.table.name;
        if (block.table.style) table.style = block.table.style;
      }
      for (const n of block.names ?? []) {
        const old = existingNames[planNames.indexOf(n)];
        if (!old.isNullObject) {
          undo.removedNames.push({ name: old.name, formula: old.formula, comment: old.comment });
          old.delete();
        }
        undo.addedNames.push(n.name);
        wb.names.add(n.name, ws.getRange(n.address), n.comment);
      }
      await sync(`adding tables and names of ${block.sheet}!${block.address}`);
    }
    if (plan.metadata?.length) await writeMetadata(context, plan.metadata, undo, sync);
    if (plan.activate) wb.worksheets.getItem(sheets.get(sheetKey(plan.activate))!).activate();
    await sync('finishing');
  }

  /** One 2-D values array and one numberFormat array per chunk; strings Excel would parse get "@". */
  private async writeBlock(ws: Excel.Worksheet, block: WriteBlock, range: RangeRef, sync: Sync): Promise<void> {
    const headerRows = headerRowCount(block);
    const cols = range.right - range.left + 1;
    const values: (string | number | boolean)[][] = [];
    const formats: string[][] = [];
    const rowBytes: number[] = [];
    const links: { r: number; c: number; url: string }[] = [];
    for (let r = 0; r < block.values.length; r++) {
      const vRow: (string | number | boolean)[] = new Array(cols);
      const fRow: string[] = new Array(cols);
      let bytes = 8;
      for (let c = 0; c < cols; c++) {
        const cell = resolveCell(block, r, c, headerRows);
        // Office.js ignores null in a values array, so "" is what clears a cell.
        const v = cell.formula ?? cell.value ?? '';
        vRow[c] = v;
        fRow[c] = typeof v === 'string' && !cell.formula && needsTextFormatInExcel(v) ? '@' : cell.numberFormat;
        bytes += jsonValueBytes(v) + jsonStringBytes(fRow[c]) + 1;
        if (cell.hyperlink) links.push({ r, c, url: cell.hyperlink });
      }
      values.push(vRow);
      formats.push(fRow);
      rowBytes.push(bytes);
    }
    for (const chunk of chunkRowsByBytes(rowBytes, this.maxRequestBytes, `${block.sheet}!${block.address}`)) {
      const target = ws.getRangeByIndexes(range.top + chunk.start, range.left, chunk.count, cols);
      // numberFormat is queued before values so "@" cells receive their text as text.
      target.numberFormat = formats.slice(chunk.start, chunk.start + chunk.count);
      target.values = values.slice(chunk.start, chunk.start + chunk.count);
      const bytes = rowBytes.slice(chunk.start, chunk.start + chunk.count).reduce((a, b) => a + b, 0);
      this.lastApplyStats.valueChunks += 1;
      this.lastApplyStats.largestChunkBytes = Math.max(this.lastApplyStats.largestChunkBytes, bytes);
      await sync(`writing ${block.sheet} rows ${range.top + chunk.start + 1}-${range.top + chunk.start + chunk.count}`);
    }
    if (headerRows > 0) ws.getRangeByIndexes(range.top, range.left, headerRows, cols).format.font.bold = true;
    block.columns?.forEach((col, c) => {
      if (col.width) ws.getRangeByIndexes(range.top, range.left + c, 1, 1).format.columnWidth = col.width * POINTS_PER_CHARACTER;
    });
    let pending = 0;
    for (const link of links) {
      ws.getRangeByIndexes(range.top + link.r, range.left + link.c, 1, 1).hyperlink = { address: link.url, textToDisplay: link.url };
      pending += 2 * jsonStringBytes(link.url) + 200;
      if (pending > this.maxRequestBytes) {
        await sync(`adding hyperlinks on ${block.sheet}`);
        pending = 0;
      }
    }
  }

  async listSheets(): Promise<string[]> {
    return this.run(async (context, sync) => {
      context.workbook.worksheets.load('items/name');
      await sync('listing sheets');
      return context.workbook.worksheets.items.map((s) => s.name).filter((n) => n !== META_SHEET);
    });
  }

  async readSheet(name: string): Promise<SheetSnapshot | null> {
    if (name === META_SHEET) return null;
    return this.run(async (context, sync) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.load('name');
      await sync(`opening sheet ${name}`);
      if (ws.isNullObject) return null;
      ws.tables.load('items/name');
      await sync(`listing tables of ${name}`);
      const ranges = ws.tables.items.map((t) => {
        const r = t.getRange();
        r.load('address');
        return r;
      });
      await sync(`reading tables of ${name}`);
      const tables = ws.tables.items.map((t, i) => ({ name: t.name, address: stripSheet(ranges[i].address) }));
      const extent = await extentFromA1(ws, sync);
      if (!extent) return { name: ws.name, values: [], numberFormats: [], formulas: [], tables };
      const read = await readBox(ws, { top: 0, left: 0, ...extent }, ['values', 'formulas', 'numberFormat'], sync);
      const values = read.values.map((row) => row.map(fromExcel));
      const formulas = read.formulas.map((row, r) =>
        row.map((f, c) => (typeof f === 'string' && f.startsWith('=') && read.values[r][c] !== f ? f : '')),
      );
      return { name: ws.name, values, formulas, numberFormats: read.numberFormat as string[][], tables };
    });
  }

  async readTable(name: string): Promise<CellValue[][] | null> {
    return this.run(async (context, sync) => {
      const table = context.workbook.tables.getItemOrNullObject(name);
      table.load('name');
      table.worksheet.load('name');
      const range = table.getRange();
      range.load('rowIndex,columnIndex,rowCount,columnCount');
      await sync(`opening table ${name}`);
      if (table.isNullObject) return null;
      const box = { top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, cols: range.columnCount };
      const read = await readBox(table.worksheet, box, ['values'], sync);
      return read.values.map((row) => row.map(fromExcel));
    });
  }

  async getMetadata(key: string): Promise<string | null> {
    return this.run(async (context, sync) => (await readMetadata(context, sync)).get(key) ?? null);
  }

  /**
   * Cell changes on any sheet. 'app' when Excel says this add-in caused it (triggerSource
   * ThisLocalAddin, ExcelApi 1.14) or, on older hosts, while our own apply() is writing locally;
   * everything else (typing, co-authors' remote edits) is 'user'. The metadata sheet is ignored.
   */
  onChange(listener: (change: WorkbookChange) => void): () => void {
    let handle: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    let removed = false;
    const ready = this.run(async (context, sync) => {
      handle = context.workbook.worksheets.onChanged.add(async (event) => {
        if (removed) return;
        const own = event.triggerSource === 'ThisLocalAddin' || (this.writing && event.source === 'Local');
        const sheet = await this.run(async (ctx, s) => {
          const ws = ctx.workbook.worksheets.getItem(event.worksheetId);
          ws.load('name');
          await s('resolving the changed sheet');
          return ws.name;
        });
        if (sheet !== META_SHEET) listener({ sheet, address: stripSheet(event.address), source: own ? 'app' : 'user' });
      });
      await sync('registering the change handler');
    });
    return () => {
      removed = true;
      void ready.then(async () => {
        const h = handle as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
        if (!h) return;
        h.remove();
        await syncWithTimeout(h.context as Excel.RequestContext, this.syncTimeoutMs, 'removing the change handler');
      }).catch(() => undefined); // the pane may be closing; nothing to report
    };
  }
}

function toBox(r: RangeRef) {
  return { top: r.top, left: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 };
}

/** Excel reports empty cells as "". */
function fromExcel(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}
