/**
 * A test double of the slice of the Office.js Excel object model that ExcelWorkbook uses.
 * It keeps Office.js's proxy rules honest: property writes and loads are queued until
 * context.sync(); reading a property that was not loaded throws; null in a values array leaves the
 * cell unchanged; a string starting with "=", "+" or "-" becomes a formula and a numeric or TRUE/
 * FALSE string becomes a number/boolean unless the cell is formatted "@"; a failing operation
 * leaves the earlier operations of the same batch applied (as Excel does); requests over 5 MB
 * are rejected. It records every sync with its operation count and JSON payload size.
 * Not emulated: calculation beyond the trivial formulas of memory/formula.ts, fonts, styles' looks.
 */
import { formatRange, parseCell, type RangeRef } from '../../src/workbook/address';
import { evaluateTrivialFormula } from '../../src/workbook/memory/formula';
import { checkShape, FakeWorkbook, key, OfficeError } from './fakeExcelObjects';

export type Raw = string | number | boolean;
export interface FakeCell { value?: Raw; formula?: string; numberFormat?: string; hyperlink?: string; bold?: boolean }
export interface FakeSheet { id: string; name: string; visibility: string; cells: Map<string, FakeCell>; frozen?: string }
export interface FakeTable { name: string; sheetId: string; range: RangeRef; style: string }
interface FakeName { name: string; formula: string; comment: string }
interface Op { what: string; bytes: number; run: () => void }

export interface SyncRecord { index: number; ops: number; bytes: number; failed?: string }
export interface FakeExcelOptions {
  /** Fail the Nth sync (1-based) after `afterOps` of its operations ran (default 0). */
  failOnSync?: { sync: number; afterOps?: number; code?: string };
  /** The first N Excel.run calls reject with InvalidOperationInCellEditMode. */
  cellEditModeRuns?: number;
  /** Fail when the Nth operation whose description starts with `match` runs (counted from arming). */
  failOnOp?: { match: string; occurrence: number };
  /** This sync (1-based) never settles, to test the timeout. */
  hangOnSync?: number;
}

const PAYLOAD_LIMIT = 5 * 1024 * 1024; // Excel on the web request limit

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  names = new Map<string, FakeName>();
  active?: string;
  syncLog: SyncRecord[] = [];
  runs = 0;
  private nextId = 1;
  private handlers = new Set<(e: unknown) => Promise<void> | void>();
  private pendingEvents: unknown[] = [];

  constructor(public options: FakeExcelOptions = {}) {}

  /** Excel.run(batch) and Excel.run(context, batch). */
  async run<T>(a: unknown, b?: unknown): Promise<T> {
    this.runs += 1;
    if (this.runs <= (this.options.cellEditModeRuns ?? 0)) throw new OfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
    const batch = (b ?? a) as (ctx: unknown) => Promise<T>;
    const ctx = b ? (a as FakeContext) : new FakeContext(this);
    return await batch(ctx);
  }

  // --- helpers for tests and the fake's own objects ---
  sheetByName(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheetByNameOrId(nameOrId: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === nameOrId) ?? this.sheetByName(nameOrId);
  }
  addSheet(name: string): FakeSheet {
    if (this.sheetByName(name)) throw new OfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
    const sheet: FakeSheet = { id: `{sheet-${this.nextId++}}`, name, visibility: 'Visible', cells: new Map() };
    this.sheets.push(sheet);
    return sheet;
  }
  /** What Excel shows: computed values for formulas (trivial ones only), "" for empty. */
  valueAt(sheet: FakeSheet, r: number, c: number): Raw {
    const cell = sheet.cells.get(key(r, c));
    if (!cell) return '';
    if (cell.formula) {
      const v = evaluateTrivialFormula(cell.formula, (rr, cc) => {
        const x = this.valueAt(sheet, rr, cc);
        return x === '' ? null : x;
      });
      return v ?? '#VALUE!';
    }
    return cell.value ?? '';
  }
  cell(sheetName: string, address: string): FakeCell | undefined {
    const at = parseCell(address)!;
    return this.sheetByName(sheetName)?.cells.get(key(at.row, at.col));
  }
  /** Everything that defines the workbook's content, for "unchanged" assertions. */
  fingerprint(): string {
    return JSON.stringify({
      sheets: this.sheets.map((s) => [s.name, s.visibility, [...s.cells.entries()].sort()]),
      tables: this.tables.map((t) => [t.name, t.sheetId, formatRange(t.range), t.style]),
      names: [...this.names.values()],
    });
  }
  /** Simulates a person typing into a cell (or a co-author when remote). */
  async userEdit(sheetName: string, address: string, value: Raw, remote = false): Promise<void> {
    const sheet = this.sheetByName(sheetName)!;
    const at = parseCell(address)!;
    sheet.cells.set(key(at.row, at.col), { ...sheet.cells.get(key(at.row, at.col)), value, formula: undefined });
    await this.fire({ address, worksheetId: sheet.id, source: remote ? 'Remote' : 'Local', triggerSource: 'Unknown', changeType: 'RangeEdited' });
  }
  onChanged(handler: (e: unknown) => Promise<void> | void) {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  queueEvent(e: unknown) { this.pendingEvents.push(e); }
  async flushEvents() {
    const events = this.pendingEvents.splice(0);
    for (const e of events) await this.fire(e);
  }
  private async fire(e: unknown) {
    for (const h of [...this.handlers]) await h({ type: 'WorksheetChanged', ...(e as object) });
  }

  /** Writes a values/formulas array as Excel does: parse strings unless the cell is "@". */
  writeCells(sheet: FakeSheet, box: RangeRef, rows: unknown[][]) {
    checkShape(box, rows);
    rows.forEach((row, r) => row.forEach((v, c) => {
      if (v === null || v === undefined) return; // Office.js: null leaves the cell unchanged
      const k = key(box.top + r, box.left + c);
      const old = sheet.cells.get(k) ?? {};
      const next: FakeCell = { ...old, value: undefined, formula: undefined };
      if (typeof v === 'string' && v !== '' && old.numberFormat !== '@') {
        if (/^[=+-]/.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v)) next.formula = v.startsWith('=') ? v : `=${v}`;
        else if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.trim())) next.value = Number(v);
        else if (/^(true|false)$/i.test(v)) next.value = v.toLowerCase() === 'true';
        else next.value = v;
      } else if (v !== '') next.value = v as Raw;
      if (next.value === undefined && next.formula === undefined && !next.numberFormat && !next.hyperlink && !next.bold) sheet.cells.delete(k);
      else sheet.cells.set(k, next);
    }));
  }
}

export class FakeContext {
  queue: Op[] = [];
  workbook: FakeWorkbook;
  constructor(public excel: FakeExcel) { this.workbook = new FakeWorkbook(this); }
  enqueue(what: string, run: () => void, payload?: unknown) {
    this.queue.push({ what, run, bytes: 64 + (payload === undefined ? 0 : JSON.stringify(payload).length) });
  }
  async sync(): Promise<void> {
    const ops = this.queue.splice(0);
    const index = this.excel.syncLog.length + 1;
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    const record: SyncRecord = { index, ops: ops.length, bytes };
    this.excel.syncLog.push(record);
    if (this.excel.options.hangOnSync === index) return new Promise<void>(() => undefined);
    if (bytes > PAYLOAD_LIMIT) {
      record.failed = 'RequestPayloadSizeLimitExceeded';
      throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const fault = this.excel.options.failOnSync;
    for (const [i, op] of ops.entries()) {
      if (fault && fault.sync === index && i === (fault.afterOps ?? 0)) {
        record.failed = 'injected';
        throw new OfficeError(fault.code ?? 'GeneralException', `injected failure at sync ${index} before "${op.what}"`);
      }
      const byOp = this.excel.options.failOnOp;
      if (byOp && op.what.startsWith(byOp.match) && --byOp.occurrence === 0) {
        this.excel.options.failOnOp = undefined;
        record.failed = 'injected';
        throw new OfficeError('GeneralException', `injected failure at "${op.what}"`);
      }
      try {
        op.run();
      } catch (e) {
        record.failed = (e as Error).message;
        throw e;
      }
    }
    await this.excel.flushEvents();
  }
}

