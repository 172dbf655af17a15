/**
 * The proxy objects of the fake Office.js model (workbook, sheets, ranges, tables, names).
 * See fakeExcel.ts for the rules they follow.
 */
import { formatRange, parseRange, rangesOverlap, sheetAddress, type RangeRef } from '../../src/workbook/address';
import type { FakeCell, FakeContext, FakeSheet, FakeTable } from './fakeExcel';

export const key = (r: number, c: number) => `${r},${c}`;
export class OfficeError extends Error {
  constructor(public code: string, message: string) { super(message); this.name = 'RichApi.Error'; }
}

export function checkShape(box: RangeRef, rows: unknown[][]) {
  const h = box.bottom - box.top + 1;
  const w = box.right - box.left + 1;
  if (rows.length !== h || rows.some((r) => r.length !== w)) {
    throw new OfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${h}x${w}).`);
  }
}

/** A property bag whose reads require a prior load + sync, like Office.js proxies. */
class Proxy_ {
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeContext) {}
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw new Error(`PropertyNotLoaded: "${prop}" was read before load() + sync()`);
    return this.loaded.get(prop) as T;
  }
  protected loadWith(props: string | string[] | undefined, read: (p: string) => unknown, all: string[]) {
    const list = props === undefined ? all : (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim());
    this.ctx.enqueue(`load ${list.join(',')}`, () => { for (const p of list) this.loaded.set(p, read(p)); });
  }
}

export class FakeWorkbook {
  worksheets: FakeWorksheets;
  tables: FakeTables;
  names: FakeNames;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx, () => ctx.excel.tables);
    this.names = new FakeNames(ctx);
  }
}

class FakeWorksheets extends Proxy_ {
  onChanged = {
    add: (handler: (e: unknown) => Promise<void>) => {
      const off = this.ctx.excel.onChanged(handler);
      return { context: this.ctx, remove: () => this.ctx.enqueue('remove handler', off) };
    },
  };
  get items(): FakeWorksheet[] { return this.get('items'); }
  load(props?: string) {
    this.loadWith(props, () => null, []);
    const op = this.ctx.queue[this.ctx.queue.length - 1];
    op.run = () => { this.loaded.set('items', this.ctx.excel.sheets.map((s) => new FakeWorksheet(this.ctx, () => s, true))); };
  }
  getItem(nameOrId: string) {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.excel.sheetByNameOrId(nameOrId);
      if (!s) throw new OfficeError('ItemNotFound', `The requested sheet "${nameOrId}" doesn't exist.`);
      return s;
    });
  }
  getItemOrNullObject(name: string) { return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheetByNameOrId(name) ?? null); }
  add(name: string) {
    let created: FakeSheet | null = null;
    this.ctx.enqueue(`add sheet ${name}`, () => { created = this.ctx.excel.addSheet(name); });
    return new FakeWorksheet(this.ctx, () => created ?? this.ctx.excel.sheetByName(name) ?? null);
  }
}

class FakeWorksheet extends Proxy_ {
  tables: FakeTables;
  freezePanes: Record<string, (arg?: unknown) => void>;
  constructor(ctx: FakeContext, private resolve: () => FakeSheet | null, preload = false) {
    super(ctx);
    this.tables = new FakeTables(ctx, () => ctx.excel.tables.filter((t) => t.sheetId === this.sheet().id), this);
    const freeze = (what: string) => (arg?: unknown) => ctx.enqueue(`freeze ${what}`, () => { this.sheet().frozen = `${what}:${String(arg ?? '')}`; });
    this.freezePanes = { unfreeze: freeze('none'), freezeAt: freeze('at'), freezeRows: freeze('rows'), freezeColumns: freeze('columns') };
    if (preload) { const s = resolve()!; this.loaded.set('name', s.name); this.loaded.set('isNullObject', false); }
  }
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new OfficeError('ItemNotFound', 'The requested sheet doesn\'t exist.');
    return s;
  }
  get name(): string { return this.get('name'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  load(props?: string) {
    this.ctx.enqueue('load sheet', () => {
      const s = this.resolve();
      this.loaded.set('isNullObject', !s);
      if (s) { this.loaded.set('name', s.name); this.loaded.set('id', s.id); }
    });
    void props;
  }
  set visibility(v: string) { this.ctx.enqueue('set visibility', () => { this.sheet().visibility = v; }); }
  activate() { this.ctx.enqueue('activate', () => { this.ctx.excel.active = this.sheet().name; }); }
  delete() {
    this.ctx.enqueue('delete sheet', () => {
      const s = this.sheet();
      this.ctx.excel.sheets = this.ctx.excel.sheets.filter((x) => x !== s);
      this.ctx.excel.tables = this.ctx.excel.tables.filter((t) => t.sheetId !== s.id);
    });
  }
  getRangeByIndexes(top: number, left: number, rows: number, cols: number) {
    return new FakeRange(this.ctx, () => this.sheet(), () => ({ top, left, bottom: top + rows - 1, right: left + cols - 1 }));
  }
  getRange(address: string) {
    const box = parseRange(address);
    if (!box) throw new OfficeError('InvalidArgument', `bad address ${address}`);
    return new FakeRange(this.ctx, () => this.sheet(), () => box);
  }
  getUsedRangeOrNullObject(valuesOnly = false) {
    return new FakeRange(this.ctx, () => this.sheet(), () => {
      let box: RangeRef | null = null;
      for (const [k, cell] of this.sheet().cells) {
        if (valuesOnly && cell.value === undefined && cell.formula === undefined) continue;
        const [r, c] = k.split(',').map(Number);
        box = box ? { top: Math.min(box.top, r), left: Math.min(box.left, c), bottom: Math.max(box.bottom, r), right: Math.max(box.right, c) } : { top: r, left: c, bottom: r, right: c };
      }
      return box;
    });
  }
}

export class FakeRange extends Proxy_ {
  format: { font: { bold: boolean }; columnWidth: number };
  constructor(ctx: FakeContext, private sheetOf: () => FakeSheet, private boxOf: () => RangeRef | null) {
    super(ctx);
    const self = this;
    this.format = {
      font: { set bold(b: boolean) { self.eachCell('bold', (cell) => { cell.bold = b; }); }, get bold() { return false; } },
      set columnWidth(w: number) { ctx.enqueue('columnWidth', () => void w); },
      get columnWidth() { return 0; },
    };
  }
  private box(): RangeRef {
    const b = this.boxOf();
    if (!b) throw new OfficeError('InvalidObjectPath', 'The range is a null object.');
    return b;
  }
  private eachCell(what: string, fn: (cell: FakeCell) => void) {
    this.ctx.enqueue(what, () => {
      const sheet = this.sheetOf();
      const b = this.box();
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) {
        const cell = { ...sheet.cells.get(key(r, c)) };
        fn(cell);
        sheet.cells.set(key(r, c), cell);
      }
    });
  }
  private grid(f: (sheet: FakeSheet, r: number, c: number) => unknown): unknown[][] {
    const sheet = this.sheetOf();
    const b = this.box();
    const out: unknown[][] = [];
    for (let r = b.top; r <= b.bottom; r++) {
      const row: unknown[] = [];
      for (let c = b.left; c <= b.right; c++) row.push(f(sheet, r, c));
      out.push(row);
    }
    return out;
  }
  load(props: string | string[]) {
    this.loadWith(props, (p) => {
      const b = this.boxOf();
      if (p === 'isNullObject') return !b;
      if (!b) return undefined;
      const sheet = this.sheetOf();
      switch (p) {
        case 'values': return this.grid((s, r, c) => this.ctx.excel.valueAt(s, r, c));
        case 'formulas': return this.grid((s, r, c) => { const cell = s.cells.get(key(r, c)); return cell?.formula ?? cell?.value ?? ''; });
        case 'numberFormat': return this.grid((s, r, c) => s.cells.get(key(r, c))?.numberFormat ?? 'General');
        case 'address': return `${sheetAddress(sheet.name, b, false).replace(/^'([A-Za-z0-9_]+)'/, '$1')}`;
        case 'rowIndex': return b.top;
        case 'columnIndex': return b.left;
        case 'rowCount': return b.bottom - b.top + 1;
        case 'columnCount': return b.right - b.left + 1;
        default: throw new Error(`fake range cannot load ${p}`);
      }
    }, []);
    const op = this.ctx.queue[this.ctx.queue.length - 1];
    const inner = op.run;
    op.run = () => { inner(); this.loaded.set('isNullObject', !this.boxOf()); };
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get values(): unknown[][] { return this.get('values'); }
  get formulas(): unknown[][] { return this.get('formulas'); }
  get numberFormat(): unknown[][] { return this.get('numberFormat'); }
  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }
  set values(rows: unknown[][]) { this.setCells('values', rows); }
  set formulas(rows: unknown[][]) { this.setCells('formulas', rows); }
  set numberFormat(rows: unknown[][]) {
    this.ctx.enqueue('set numberFormat', () => {
      const b = this.box();
      checkShape(b, rows);
      const sheet = this.sheetOf();
      rows.forEach((row, r) => row.forEach((f, c) => {
        if (f === null) return;
        const k = key(b.top + r, b.left + c);
        sheet.cells.set(k, { ...sheet.cells.get(k), numberFormat: f === 'General' ? undefined : String(f) });
      }));
    }, rows);
  }
  getCellProperties(_options: unknown) {
    const result: { value: unknown[][] } = { value: [] };
    this.ctx.enqueue('getCellProperties', () => {
      result.value = this.grid((s, r, c) => ({ format: { font: { bold: s.cells.get(key(r, c))?.bold === true } } }));
    });
    return result;
  }
  setCellProperties(rows: { format?: { font?: { bold?: boolean } } }[][]) {
    this.ctx.enqueue('setCellProperties', () => {
      const b = this.box();
      checkShape(b, rows);
      const sheet = this.sheetOf();
      rows.forEach((row, r) => row.forEach((p, c) => {
        const bold = p.format?.font?.bold;
        if (bold === undefined) return;
        const k = key(b.top + r, b.left + c);
        const next = { ...sheet.cells.get(k) };
        if (bold) next.bold = true; else delete next.bold;
        if (Object.values(next).every((v) => v === undefined)) sheet.cells.delete(k); else sheet.cells.set(k, next);
      }));
    }, rows);
  }
  set hyperlink(link: { address: string; textToDisplay: string }) {
    this.eachCell('set hyperlink', (cell) => { cell.hyperlink = link.address; cell.value = link.textToDisplay; });
  }
  private setCells(what: string, rows: unknown[][]) {
    this.ctx.enqueue(`set ${what}`, () => {
      const sheet = this.sheetOf();
      const b = this.box();
      this.ctx.excel.writeCells(sheet, b, rows);
      this.ctx.excel.queueEvent({ address: formatRange(b), worksheetId: sheet.id, source: 'Local', triggerSource: 'ThisLocalAddin', changeType: 'RangeEdited' });
    }, rows);
  }
  clear() {
    this.ctx.enqueue('clear', () => {
      const sheet = this.sheetOf();
      const b = this.box();
      for (let r = b.top; r <= b.bottom; r++) for (let c = b.left; c <= b.right; c++) sheet.cells.delete(key(r, c));
    });
  }
}

class FakeTables extends Proxy_ {
  constructor(ctx: FakeContext, private list: () => FakeTable[], private owner?: FakeWorksheet) { super(ctx); }
  get items(): FakeTableProxy[] { return this.get('items'); }
  load(props?: string) {
    this.loadWith(props, () => null, []);
    const op = this.ctx.queue[this.ctx.queue.length - 1];
    op.run = () => { this.loaded.set('items', this.list().map((t) => new FakeTableProxy(this.ctx, () => t, true))); };
  }
  getItemOrNullObject(name: string) {
    return new FakeTableProxy(this.ctx, () => this.ctx.excel.tables.find((t) => t.name.toLowerCase() === name.toLowerCase()) ?? null);
  }
  add(address: string, hasHeaders: boolean) {
    const excel = this.ctx.excel;
    let created: FakeTable | null = null;
    this.ctx.enqueue(`add table ${address}`, () => {
      const sheet = this.owner!.sheet();
      const range = parseRange(address);
      if (!range || !hasHeaders) throw new OfficeError('InvalidArgument', `bad table address ${address}`);
      const clash = excel.tables.find((t) => t.sheetId === sheet.id && rangesOverlap(t.range, range));
      if (clash) throw new OfficeError('InvalidOperation', `A table can't overlap another table (${clash.name}).`);
      let n = excel.tables.length + 1;
      while (excel.tables.some((t) => t.name === `Table${n}`)) n++;
      created = { name: `Table${n}`, sheetId: sheet.id, range, style: 'TableStyleMedium2' };
      excel.tables.push(created);
    });
    return new FakeTableProxy(this.ctx, () => created);
  }
}

class FakeTableProxy extends Proxy_ {
  constructor(ctx: FakeContext, private resolve: () => FakeTable | null, preload = false) {
    super(ctx);
    if (preload) {
      const t = resolve()!;
      this.loaded.set('name', t.name);
      this.loaded.set('style', t.style);
    }
  }
  private table(): FakeTable {
    const t = this.resolve();
    if (!t) throw new OfficeError('ItemNotFound', 'The requested table doesn\'t exist.');
    return t;
  }
  get worksheet(): FakeWorksheet {
    const ws = new FakeWorksheet(this.ctx, () => { const t = this.resolve(); return t ? this.ctx.excel.sheetByNameOrId(t.sheetId) ?? null : null; });
    const t = this.resolve();
    const s = t && this.ctx.excel.sheetByNameOrId(t.sheetId);
    if (s) (ws as unknown as { loaded: Map<string, unknown> }).loaded.set('name', s.name);
    return ws;
  }
  get name(): string { return this.get('name'); }
  set name(v: string) {
    this.ctx.enqueue('rename table', () => {
      const excel = this.ctx.excel;
      const lower = v.toLowerCase();
      if (excel.tables.some((t) => t !== this.table() && t.name.toLowerCase() === lower) || excel.names.has(lower)) {
        throw new OfficeError('InvalidArgument', `The name "${v}" is already used.`);
      }
      this.table().name = v;
    });
  }
  get style(): string { return this.get('style'); }
  set style(v: string) { this.ctx.enqueue('table style', () => { this.table().style = v; }); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  load(props?: string) {
    this.ctx.enqueue('load table', () => {
      const t = this.resolve();
      this.loaded.set('isNullObject', !t);
      if (t) { this.loaded.set('name', t.name); this.loaded.set('style', t.style); }
    });
    void props;
  }
  getRange() {
    return new FakeRange(this.ctx, () => this.ctx.excel.sheetByNameOrId(this.table().sheetId)!, () => this.resolve()?.range ?? null);
  }
  delete() {
    this.ctx.enqueue('delete table', () => {
      const t = this.resolve();
      if (!t) return; // deleting a null object is a no-op
      const sheet = this.ctx.excel.sheetByNameOrId(t.sheetId)!;
      // Table.delete removes the table together with its cells.
      for (let r = t.range.top; r <= t.range.bottom; r++) for (let c = t.range.left; c <= t.range.right; c++) sheet.cells.delete(key(r, c));
      this.ctx.excel.tables = this.ctx.excel.tables.filter((x) => x !== t);
    });
  }
}

class FakeNames extends Proxy_ {
  getItemOrNullObject(name: string) {
    const ctx = this.ctx;
    const item = new (class extends Proxy_ {
      get isNullObject(): boolean { return this.get('isNullObject'); }
      get name(): string { return this.get('name'); }
      get formula(): string { return this.get('formula'); }
      get comment(): string { return this.get('comment'); }
      load() {
        ctx.enqueue('load name', () => {
          const n = ctx.excel.names.get(name.toLowerCase());
          this.loaded.set('isNullObject', !n);
          if (n) { this.loaded.set('name', n.name); this.loaded.set('formula', n.formula); this.loaded.set('comment', n.comment); }
        });
      }
      delete() { ctx.enqueue('delete name', () => { ctx.excel.names.delete(name.toLowerCase()); }); }
    })(ctx);
    return item;
  }
  add(name: string, reference: FakeRange | string, comment?: string) {
    this.ctx.enqueue(`add name ${name}`, () => {
      const lower = name.toLowerCase();
      if (this.ctx.excel.names.has(lower) || this.ctx.excel.tables.some((t) => t.name.toLowerCase() === lower)) {
        throw new OfficeError('ItemAlreadyExists', `The name "${name}" already exists.`);
      }
      let formula: string;
      if (typeof reference === 'string') formula = reference;
      else {
        const r = reference as unknown as { sheetOf: () => FakeSheet; boxOf: () => RangeRef };
        formula = `=${sheetAddress(r.sheetOf().name, r.boxOf())}`;
      }
      this.ctx.excel.names.set(lower, { name, formula, comment: comment ?? '' });
    });
  }
}
