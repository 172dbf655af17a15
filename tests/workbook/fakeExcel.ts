/**
 * A test double of the slice of the Office.js Excel object model that ExcelWorkbook uses, faithful where
 * the adapter's safety depends on it (each rule names its Office documentation in docs/workbook.md):
 * - proxies: writes and loads are queued until context.sync(); reading a property that was not loaded
 *   throws PropertyNotLoaded (with `code`); *OrNullObject proxies and everything reached through them are
 *   null objects; an action on a null object fails the sync (ItemNotFound);
 * - a batch runs in order and stops at the first failing operation, the operations before it stay applied
 *   and the loads of a failed batch deliver nothing;
 * - request and response payloads are measured in UTF-8 bytes and rejected over 5 MB (Excel on the web);
 * - a person typing in a cell: every sync fails with InvalidOperationInCellEditMode, unless the batch runs
 *   with delayForCellEdit (then it waits until the edit ends);
 * - undo: every sync that changes the workbook is one undo step, or one per Excel.run with mergeUndoGroup
 *   on an ExcelApi 1.20 host;
 * - strings written into a cell not formatted "@" go through Excel's input parser (fakeExcelInput.ts);
 * - sheet, table and name rules, table header normalisation, the extra row of a header-only table,
 *   structured references turned into #REF! when a table is deleted, tables.add with a bare address on the
 *   active sheet, VeryHidden sheets that cannot be deleted (fakeExcelRules.ts, fakeExcelObjects.ts);
 * - change events: delivered asynchronously after the sync, one merged event per sheet per sync, with
 *   triggerSource "ThisLocalAddin" for the add-in's own writes and "Unknown" for a person's edits.
 * Not modelled: calculation beyond memory/formula.ts, fonts other than bold, fills, styles' looks,
 * formula reference shifting on copy to another address (refused, so no test relies on it).
 */
import { formatRange, parseCell, sheetAddress, type RangeRef } from '../../src/workbook/address';
import { evaluateTrivialFormula } from '../../src/workbook/memory/formula';
import { parseTypedInput, type FakeLocale } from './fakeExcelInput';
import { boxContains, boxesOverlap, normaliseHeaders } from './fakeExcelRules';
import type { FakeChart } from './fakeExcelCharts';
import { FakeWorkbook } from './fakeExcelObjects';

export type Raw = string | number | boolean;
/** Data validation as Excel stores it (ExcelApi 1.8 `Range.dataValidation`): formulas as strings ("=0.05"). */
export interface FakeValidation {
  type: string;
  operator: string;
  formula1: string;
  formula2?: string;
  prompt?: { showPrompt: boolean; title: string; message: string };
  errorAlert?: { showAlert: boolean; style: string; title: string; message: string };
}
export interface FakeCell {
  value?: Raw;
  formula?: string;
  error?: string;
  numberFormat?: string;
  hyperlink?: string;
  bold?: boolean;
  validation?: FakeValidation;
}
export interface FakeSheet {
  id: string;
  name: string;
  visibility: string;
  cells: Map<number, FakeCell>;
  frozen?: string;
  widths?: Map<number, number>;
  charts?: FakeChart[];
}
export interface FakeTable {
  id: string;
  name: string;
  sheetId: string;
  range: RangeRef;
  style: string;
  showHeaders: boolean;
}
export interface FakeName {
  name: string;
  formula: string;
  comment: string;
}

export class OfficeError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

/** Cell key: row * 16384 + column (both 0-based). */
export const key = (r: number, c: number) => r * 16_384 + c;
export const rowOf = (k: number) => Math.floor(k / 16_384);
export const colOf = (k: number) => k % 16_384;

/**
 * Stores a cell made of the defined ones of these properties, or removes the cell when none is: what
 * putCell does with `{ value, formula, ... }`, without the intermediate object (a 20,000-row write stores
 * hundreds of thousands of cells).
 */
export function storeCell(
  sheet: FakeSheet,
  k: number,
  value: Raw | undefined,
  formula: string | undefined,
  error: string | undefined,
  numberFormat: string | undefined,
  hyperlink: string | undefined,
  bold: boolean | undefined,
  validation: FakeValidation | undefined,
): void {
  if (
    value === undefined &&
    formula === undefined &&
    error === undefined &&
    numberFormat === undefined &&
    hyperlink === undefined &&
    bold === undefined &&
    validation === undefined
  ) {
    sheet.cells.delete(k);
    return;
  }
  const cell: FakeCell = {};
  if (value !== undefined) cell.value = value;
  if (formula !== undefined) cell.formula = formula;
  if (error !== undefined) cell.error = error;
  if (numberFormat !== undefined) cell.numberFormat = numberFormat;
  if (hyperlink !== undefined) cell.hyperlink = hyperlink;
  if (bold !== undefined) cell.bold = bold;
  if (validation !== undefined) cell.validation = validation;
  sheet.cells.set(k, cell);
}

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const utf8Bytes = (x: unknown) => (x === undefined ? 0 : Buffer.byteLength(JSON.stringify(x), 'utf8'));

export interface SyncRecord {
  index: number;
  run: number;
  ops: number;
  requestBytes: number;
  responseBytes: number;
  mutated: boolean;
  failed?: string;
}
export interface RunRecord {
  index: number;
  options: Record<string, unknown>;
}
export interface FakeExcelOptions {
  /** Fail the Nth sync (1-based) after `afterOps` of its operations ran (default 0). */
  failOnSync?: { sync: number; afterOps?: number; code?: string };
  /** Fail when the Nth operation whose description starts with `match` runs (counted from arming). */
  failOnOp?: { match: string; occurrence: number; code?: string };
  /** This sync (1-based) never settles, to test timeouts. */
  hangOnSync?: number;
  /** This sync (1-based) waits until release() before it runs (a slow host). */
  holdSync?: number;
  /** ExcelApi version the host supports (default 1.14, what the manifest requires). */
  excelApi?: string;
  /** Whether the host honours delayForCellEdit (the DelayForCellEdit set); default true. */
  delayForCellEdit?: boolean;
  locale?: FakeLocale;
  /** A host that refuses to read through a null object (instead of answering with null objects). */
  refuseNullChains?: boolean;
}

export interface Tx {
  /** Applied to proxies only when the whole sync succeeds (loads of a failed batch deliver nothing). */
  commits: (() => void)[];
  responseBytes: number;
  changed: Map<string, RangeRef>;
  mutated: boolean;
}
export interface Op {
  what: string;
  bytes: number;
  run: (tx: Tx) => void;
}

const versionAtLeast = (have: string, want: string) => {
  const [a, b] = have.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
};

/**
 * Orders a cell's [property, value] entries as the default sort did (it compares "property,value" strings):
 * the property names differ and hold no character below ",", so their order decides.
 */
const byKey = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** An array element as JSON.stringify writes it (undefined, functions and symbols become null). */
const jsonItem = (x: unknown): string => JSON.stringify(x) ?? 'null';

/**
 * JSON.stringify of [[key, Object.entries(cell) sorted]...] in key order, made in slices of 4,096 cells so
 * the intermediate arrays die young instead of all living until one big stringify (the garbage collector's
 * cost, measured: about half the time of a fingerprint of a 20,000 x 12 sheet).
 */
function cellsJson(cells: Map<number, FakeCell>): string {
  const keys = Float64Array.from(cells.keys()).sort(); // a typed array sorts numerically
  const slices: string[] = [];
  for (let start = 0; start < keys.length; start += 4096) {
    const slice: unknown[] = [];
    for (let i = start; i < Math.min(keys.length, start + 4096); i++)
      slice.push([keys[i], Object.entries(cells.get(keys[i])!).sort(byKey)]);
    slices.push(JSON.stringify(slice).slice(1, -1));
  }
  return `[${slices.join(',')}]`;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: FakeTable[] = [];
  names = new Map<string, FakeName>();
  active?: string;
  syncLog: SyncRecord[] = [];
  runLog: RunRecord[] = [];
  undoSteps = 0;
  private nextId = 1;
  private handlers = new Set<(e: unknown) => Promise<void> | void>();
  private deliveries: Promise<void>[] = [];
  private editing: { ended: Promise<void>; end: () => void } | null = null;
  private held: { release: () => void } | null = null;
  /** Resolves when a held sync (options.holdSync) has started waiting. */
  heldReached: Promise<void>;
  private reachHold!: () => void;
  /** Resolves when a sync first waits for a cell edit to end (delayForCellEdit). */
  editWait: Promise<void>;
  private reachEditWait!: () => void;

  constructor(public options: FakeExcelOptions = {}) {
    this.heldReached = new Promise((resolve) => {
      this.reachHold = resolve;
    });
    this.editWait = new Promise((resolve) => {
      this.reachEditWait = resolve;
    });
  }

  /** Excel.run(batch), Excel.run(options, batch) and Excel.run(context, batch) (reuses that context). */
  async run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === 'function' ? a : b) as (ctx: FakeContext) => Promise<T>;
    if (a instanceof FakeContext) return await batch(a);
    const options = typeof a === 'function' ? {} : (a as Record<string, unknown>);
    const record: RunRecord = { index: this.runLog.length + 1, options };
    this.runLog.push(record);
    const ctx = new FakeContext(this, record);
    const result = await batch(ctx);
    if (ctx.mergedUndo && ctx.mutatedInRun) this.undoSteps += 1;
    return result;
  }

  supports(set: string, version = '1.1'): boolean {
    if (set === 'ExcelApi') return versionAtLeast(this.options.excelApi ?? '1.14', version);
    if (set === 'DelayForCellEdit') return this.options.delayForCellEdit !== false;
    return false;
  }

  // --- a person using Excel ---
  /** The person starts typing in a cell (edit mode) until endCellEdit(). */
  startCellEdit(): void {
    let end!: () => void;
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    this.editing = { ended, end };
  }
  endCellEdit(): void {
    const e = this.editing;
    this.editing = null;
    e?.end();
  }
  get inCellEdit(): boolean {
    return this.editing !== null;
  }
  waitForEditEnd(): Promise<void> {
    if (this.editing) this.reachEditWait();
    return this.editing?.ended ?? Promise.resolve();
  }

  /** Lets a held sync (options.holdSync) run. */
  release(): void {
    this.held?.release();
  }
  async holdIfAsked(index: number): Promise<void> {
    if (this.options.holdSync !== index) return;
    await new Promise<void>((resolve) => {
      this.held = { release: resolve };
      this.reachHold();
    });
  }

  /** A person adds a sheet. */
  userAddsSheet(name: string): FakeSheet {
    const sheet: FakeSheet = { id: this.newId('sheet'), name, visibility: 'Visible', cells: new Map() };
    this.sheets.push(sheet);
    return sheet;
  }

  /** A person types into a cell (or a co-author when remote): parsed like typing, tables auto-expand. */
  userEdit(sheetName: string, address: string, value: Raw, remote = false): void {
    const sheet = this.sheetByName(sheetName)!;
    const at = parseCell(address)!;
    this.writeCell(sheet, at.row, at.col, value);
    this.autoExpand(sheet, at.row, at.col);
    this.scheduleEvents(
      new Map([[sheet.id, { top: at.row, left: at.col, bottom: at.row, right: at.col }]]),
      remote ? 'Remote' : 'Local',
      'Unknown',
    );
  }

  /** Excel's AutoExpansion: typing right of or below a table makes the cell part of it. */
  private autoExpand(sheet: FakeSheet, r: number, c: number): void {
    for (const t of this.tables) {
      if (t.sheetId !== sheet.id) continue;
      const { top, left, bottom, right } = t.range;
      if (c === right + 1 && r >= top && r <= bottom) t.range = { ...t.range, right: c };
      else if (r === bottom + 1 && c >= left && c <= right) t.range = { ...t.range, bottom: r };
      else continue;
      this.normaliseTableHeaders(t);
      return;
    }
  }

  // --- events ---
  onChanged(handler: (e: unknown) => Promise<void> | void) {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  /** Change events of one sync: one per sheet, merged to the bounding range, delivered after the sync. */
  scheduleEvents(changed: Map<string, RangeRef>, source: string, triggerSource: string): void {
    for (const [sheetId, box] of changed) {
      const event = {
        type: 'WorksheetChanged',
        worksheetId: sheetId,
        address: formatRange(box),
        source,
        triggerSource,
        changeType: 'RangeEdited',
      };
      this.deliveries.push(
        new Promise<void>((resolve) => {
          setTimeout(() => {
            void Promise.all([...this.handlers].map((h) => h(event))).finally(resolve);
          }, 0);
        }),
      );
    }
  }
  /** Resolves once every event scheduled so far was delivered and its handlers finished. */
  async settle(): Promise<void> {
    while (this.deliveries.length > 0) await Promise.all(this.deliveries.splice(0));
  }

  // --- helpers for tests and the fake's objects ---
  sheetByName(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }
  sheetByNameOrId(nameOrId: string): FakeSheet | undefined {
    return this.sheetById(nameOrId) ?? this.sheetByName(nameOrId);
  }
  newId(kind: string): string {
    return `{${kind}-${this.nextId++}}`;
  }

  /** What Excel shows: computed values for formulas (trivial ones only), errors as text, "" for empty. */
  valueAt(sheet: FakeSheet, r: number, c: number, depth = 0): Raw {
    const cell = sheet.cells.get(key(r, c));
    if (!cell) return '';
    if (cell.error) return cell.error;
    if (cell.formula) {
      if (cell.formula.includes('#REF!')) return '#REF!';
      if (depth > 50) return '#VALUE!';
      const v = evaluateTrivialFormula(cell.formula, (rr, cc) => {
        const x = this.valueAt(sheet, rr, cc, depth + 1);
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
  /** The charts on a sheet (the fake's own records). */
  chartsOn(sheetName: string): FakeChart[] {
    return this.sheetByName(sheetName)?.charts ?? [];
  }
  tableByName(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }
  /**
   * Everything that defines the workbook's content, for "unchanged" assertions: the JSON of
   * { sheets: [name, visibility, [[key, sorted cell entries]...] in key order][], tables, names, charts },
   * written piece by piece (cellsJson) so that a 240,000-cell sheet is not one structure of a million arrays.
   */
  fingerprint(): string {
    const sheets = this.sheets.map((s) => `[${jsonItem(s.name)},${jsonItem(s.visibility)},${cellsJson(s.cells)}]`);
    const tables = this.tables.map((t) => [t.name, this.sheetById(t.sheetId)?.name, formatRange(t.range), t.style]);
    const names = [...this.names.values()].sort((a, b) => a.name.localeCompare(b.name));
    const charts = this.sheets.filter((s) => s.charts?.length).map((s) => [s.name, s.charts]);
    return `{"sheets":[${sheets.join(',')}],"tables":${JSON.stringify(tables)},"names":${JSON.stringify(names)},"charts":${JSON.stringify(charts)}}`;
  }
  refersTo(sheet: FakeSheet, box: RangeRef): string {
    return `=${sheetAddress(sheet.name, box)}`;
  }

  /** Writes one value as Range.values does: null leaves the cell, "" clears it, strings are parsed unless "@". */
  writeCell(sheet: FakeSheet, r: number, c: number, v: unknown, asFormula = false): void {
    if (v === null || v === undefined) return;
    const k = key(r, c);
    const old = sheet.cells.get(k);
    let value: Raw | undefined;
    let formula: string | undefined;
    let error: string | undefined;
    let numberFormat = old?.numberFormat;
    if (typeof v === 'string' && v !== '') {
      if (numberFormat === '@' && !(asFormula && v.startsWith('='))) value = v;
      else {
        const parsed = parseTypedInput(v, this.options.locale);
        value = parsed.value;
        formula = parsed.formula;
        error = parsed.error;
        if (parsed.numberFormat && (numberFormat ?? 'General') === 'General') numberFormat = parsed.numberFormat;
      }
    } else if (v !== '') value = v as Raw;
    // The old cell with its content replaced (and, for parsed input, maybe its number format).
    storeCell(sheet, k, value, formula, error, numberFormat, old?.hyperlink, old?.bold, old?.validation);
  }
  /** Stores a copy of `cell` without its undefined properties (the cell goes when none is left). */
  putCell(sheet: FakeSheet, k: number, cell: FakeCell): void {
    let kept: Record<string, unknown> | null = null;
    // A plain loop, not Object.entries/fromEntries: this runs for every cell of a 20,000-row write.
    for (const p in cell) {
      const x = cell[p as keyof FakeCell];
      if (x !== undefined) (kept ??= {})[p] = x;
    }
    if (kept) sheet.cells.set(k, kept as FakeCell);
    else sheet.cells.delete(k);
  }
  /** Excel keeps every header cell of a table as unique, non-blank text. */
  normaliseTableHeaders(t: FakeTable): void {
    if (!t.showHeaders) return;
    const sheet = this.sheetById(t.sheetId)!;
    const headers: unknown[] = [];
    for (let c = t.range.left; c <= t.range.right; c++) headers.push(this.valueAt(sheet, t.range.top, c));
    normaliseHeaders(headers).forEach((h, i) => {
      const k = key(t.range.top, t.range.left + i);
      const cell = sheet.cells.get(k) ?? {};
      if (cell.value !== h || cell.formula) this.putCell(sheet, k, { ...cell, value: h, formula: undefined, error: undefined });
    });
  }
  /** Tables whose header row a change on `box` touched. */
  touchHeaders(sheet: FakeSheet, box: RangeRef): void {
    for (const t of this.tables) {
      if (t.sheetId === sheet.id && boxesOverlap(box, { ...t.range, bottom: t.range.top })) this.normaliseTableHeaders(t);
    }
  }
  tableInside(sheet: FakeSheet, box: RangeRef): FakeTable | undefined {
    return this.tables.find((t) => t.sheetId === sheet.id && boxContains(box, t.range));
  }
}

export class FakeContext {
  queue: Op[] = [];
  workbook: FakeWorkbook;
  mutatedInRun = false;
  constructor(
    public excel: FakeExcel,
    public runRecord: RunRecord,
  ) {
    this.workbook = new FakeWorkbook(this);
  }
  get mergedUndo(): boolean {
    return this.runRecord.options.mergeUndoGroup === true && this.excel.supports('ExcelApi', '1.20');
  }
  enqueue(what: string, run: (tx: Tx) => void, payload?: unknown): void {
    this.queue.push({ what, run, bytes: 64 + utf8Bytes(payload) });
  }
  async sync(): Promise<void> {
    const excel = this.excel;
    const ops = this.queue.splice(0);
    const index = excel.syncLog.length + 1;
    const record: SyncRecord = {
      index,
      run: this.runRecord.index,
      ops: ops.length,
      requestBytes: ops.reduce((a, o) => a + o.bytes, 0),
      responseBytes: 0,
      mutated: false,
    };
    excel.syncLog.push(record);
    if (excel.inCellEdit) {
      if (this.runRecord.options.delayForCellEdit === true && excel.supports('DelayForCellEdit')) await excel.waitForEditEnd();
      else {
        record.failed = 'InvalidOperationInCellEditMode';
        throw new OfficeError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      }
    }
    if (excel.options.hangOnSync === index) return new Promise<void>(() => undefined);
    await excel.holdIfAsked(index);
    if (record.requestBytes > PAYLOAD_LIMIT) {
      record.failed = 'RequestPayloadSizeLimitExceeded';
      throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const tx: Tx = { commits: [], responseBytes: 0, changed: new Map(), mutated: false };
    try {
      for (const [i, op] of ops.entries()) {
        const fault = excel.options.failOnSync;
        if (fault && fault.sync === index && i === (fault.afterOps ?? 0))
          throw new OfficeError(fault.code ?? 'GeneralException', `injected failure at sync ${index} before "${op.what}"`);
        const byOp = excel.options.failOnOp;
        if (byOp && op.what.startsWith(byOp.match) && --byOp.occurrence === 0) {
          excel.options.failOnOp = undefined;
          throw new OfficeError(byOp.code ?? 'GeneralException', `injected failure at "${op.what}"`);
        }
        op.run(tx);
      }
    } catch (e) {
      record.failed = (e as { code?: string }).code ?? (e as Error).message;
      this.finish(record, tx);
      throw e;
    }
    record.responseBytes = tx.responseBytes;
    this.finish(record, tx);
    if (tx.responseBytes > PAYLOAD_LIMIT) {
      record.failed = 'ResponsePayloadSizeLimitExceeded';
      throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
    for (const commit of tx.commits) commit();
  }
  private finish(record: SyncRecord, tx: Tx): void {
    record.mutated = tx.mutated;
    if (tx.mutated) {
      this.mutatedInRun = true;
      if (!this.mergedUndo) this.excel.undoSteps += 1;
    }
    this.excel.scheduleEvents(tx.changed, 'Local', 'ThisLocalAddin');
  }
}

/** Grows `changed` (sheet id -> bounding range of this sync's cell changes). */
export function noteChange(tx: Tx, sheet: FakeSheet, box: RangeRef): void {
  tx.mutated = true;
  const old = tx.changed.get(sheet.id);
  tx.changed.set(
    sheet.id,
    old
      ? {
          top: Math.min(old.top, box.top),
          left: Math.min(old.left, box.left),
          bottom: Math.max(old.bottom, box.bottom),
          right: Math.max(old.right, box.right),
        }
      : box,
  );
}
