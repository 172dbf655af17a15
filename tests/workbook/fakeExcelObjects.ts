/**
 * The proxy objects of the fake Office.js model besides ranges: workbook, worksheets, tables, names.
 * See fakeExcel.ts for the rules they follow.
 */
import { parseRange, type RangeRef } from '../../src/workbook/address';
import { colOf, key, noteChange, OfficeError, rowOf, type FakeContext, type FakeName, type FakeSheet, type FakeTable } from './fakeExcel';
import { FakeCharts } from './fakeExcelCharts';
import { FakeProxy, propList } from './fakeExcelProxy';
import { FakeRange } from './fakeExcelRange';
import { boxesOverlap, breakStructuredRefs, fakeNameError, fakeSheetNameError } from './fakeExcelRules';

const VISIBILITY = ['Visible', 'Hidden', 'VeryHidden'];

/** "items/name,items/worksheet/name" or "name" -> item property paths ("name", "worksheet/name"). */
function itemProps(props: string | string[] | undefined, defaults: string[]): string[] {
  return propList(props, defaults)
    .map((p) => p.replace(/^items\//, ''))
    .filter((p) => p !== 'items');
}

export class FakeWorkbook {
  worksheets: FakeWorksheets;
  tables: FakeTables;
  names: FakeNames;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.tables = new FakeTables(ctx, null);
    this.names = new FakeNames(ctx);
  }
}

export class FakeWorksheets extends FakeProxy {
  onChanged = {
    add: (handler: (e: unknown) => Promise<void>) => {
      let off: (() => void) | null = null;
      this.ctx.enqueue('add handler', () => {
        off = this.ctx.excel.onChanged(handler);
      });
      return { context: this.ctx, remove: () => this.ctx.enqueue('remove handler', () => off?.()) };
    },
  };
  get items(): FakeWorksheet[] {
    return this.get('items');
  }
  load(props?: string | string[]): this {
    const paths = itemProps(props, ['name', 'id', 'visibility', 'position']);
    this.ctx.enqueue(`load worksheets ${paths.join(',')}`, (tx) => {
      const sheets = this.ctx.excel.sheets;
      const rows = sheets.map((s, i) => Object.fromEntries(paths.map((p) => [p, sheetProp(s, p, i)])));
      tx.responseBytes += Buffer.byteLength(JSON.stringify(rows));
      tx.commits.push(() =>
        this.loaded.set(
          'items',
          sheets.map((s, i) => new FakeWorksheet(this.ctx, () => s).preset(rows[i])),
        ),
      );
    });
    return this;
  }
  getItem(nameOrId: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.excel.sheetByNameOrId(nameOrId);
      if (!s) throw new OfficeError('ItemNotFound', `The requested worksheet "${nameOrId}" doesn't exist.`);
      return s;
    });
  }
  getItemOrNullObject(nameOrId: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheetByNameOrId(nameOrId) ?? null);
  }
  add(name: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.ctx.enqueue(
      `add sheet ${name}`,
      (tx) => {
        const excel = this.ctx.excel;
        const problem = fakeSheetNameError(name);
        if (problem) throw new OfficeError('InvalidArgument', `The sheet name is invalid: ${problem}.`);
        if (excel.sheetByName(name)) throw new OfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
        created = { id: excel.newId('sheet'), name, visibility: 'Visible', cells: new Map() };
        excel.sheets.push(created);
        tx.mutated = true;
      },
      name,
    );
    return new FakeWorksheet(this.ctx, () => created);
  }
}

function sheetProp(s: FakeSheet, p: string, position: number): unknown {
  if (p === 'name') return s.name;
  if (p === 'id') return s.id;
  if (p === 'visibility') return s.visibility;
  if (p === 'position') return position;
  throw new OfficeError('InvalidArgument', `fake worksheet cannot load "${p}"`);
}

export class FakeWorksheet extends FakeProxy {
  tables: FakeTables;
  charts: FakeCharts;
  freezePanes: Record<string, (arg?: unknown) => void>;
  constructor(
    ctx: FakeContext,
    private resolve: () => FakeSheet | null,
  ) {
    super(ctx);
    this.tables = new FakeTables(ctx, this);
    this.charts = new FakeCharts(ctx, () => this.resolve());
    const freeze = (what: string) => (arg?: unknown) =>
      ctx.enqueue(`freeze ${what}`, (tx) => {
        this.sheet().frozen = `${what}:${String(arg ?? '')}`;
        tx.mutated = true;
      });
    this.freezePanes = { unfreeze: freeze('none'), freezeAt: freeze('at'), freezeRows: freeze('rows'), freezeColumns: freeze('columns') };
  }
  /** The sheet now, or null (null object). */
  find(): FakeSheet | null {
    return this.resolve();
  }
  sheet(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new OfficeError('ItemNotFound', "The requested worksheet doesn't exist.");
    return s;
  }
  get name(): string {
    return this.get('name');
  }
  get id(): string {
    return this.get('id');
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: string) {
    this.ctx.enqueue(
      `set visibility ${v}`,
      (tx) => {
        if (!VISIBILITY.includes(v)) throw new OfficeError('InvalidArgument', `"${v}" is not a sheet visibility`);
        this.sheet().visibility = v;
        tx.mutated = true;
      },
      v,
    );
  }
  load(props?: string | string[]): this {
    this.queueLoad(propList(props, ['name', 'id', 'visibility']), (ps) => {
      const s = this.resolve();
      if (!s) return null;
      return Object.fromEntries(ps.map((p) => [p, sheetProp(s, p, this.ctx.excel.sheets.indexOf(s))]));
    });
    return this;
  }
  activate(): void {
    this.ctx.enqueue('activate', () => {
      this.ctx.excel.active = this.sheet().name;
    });
  }
  /** Worksheet.delete: a VeryHidden sheet cannot be deleted (InvalidOperation). */
  delete(): void {
    this.ctx.enqueue('delete sheet', (tx) => {
      const excel = this.ctx.excel;
      const s = this.sheet();
      if (s.visibility === 'VeryHidden') {
        throw new OfficeError(
          'InvalidOperation',
          'This operation is not allowed on a very hidden worksheet. Change its visibility to hidden or visible first.',
        );
      }
      for (const t of excel.tables.filter((x) => x.sheetId === s.id)) dropTable(this.ctx, t);
      excel.sheets = excel.sheets.filter((x) => x !== s);
      if (excel.active?.toLowerCase() === s.name.toLowerCase()) excel.active = undefined;
      tx.mutated = true;
    });
  }
  getRangeByIndexes(top: number, left: number, rows: number, cols: number): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.resolve(),
      () => ({ top, left, bottom: top + rows - 1, right: left + cols - 1 }),
    );
  }
  getRange(address: string): FakeRange {
    const box = parseRange(address);
    if (!box) throw new OfficeError('InvalidArgument', `bad address ${address}`);
    return new FakeRange(
      this.ctx,
      () => this.resolve(),
      () => box,
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.resolve(),
      (s) => usedBox(s, valuesOnly),
    );
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.resolve(),
      (s) => usedBox(s, valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 },
    );
  }
}

function usedBox(sheet: FakeSheet, valuesOnly: boolean): RangeRef | null {
  // Bounds kept in numbers, not a new box per cell (a sheet may hold 240,000 cells).
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  for (const [k, cell] of sheet.cells) {
    if (valuesOnly && cell.value === undefined && cell.formula === undefined && cell.error === undefined) continue;
    const r = rowOf(k);
    const c = colOf(k);
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  }
  return top === Infinity ? null : { top, left, bottom, right };
}

/** Table.delete: the table goes with its cells, and every structured reference to it becomes #REF!. */
function dropTable(ctx: FakeContext, t: FakeTable): void {
  const excel = ctx.excel;
  const sheet = excel.sheetById(t.sheetId);
  if (sheet)
    for (let r = t.range.top; r <= t.range.bottom; r++) for (let c = t.range.left; c <= t.range.right; c++) sheet.cells.delete(key(r, c));
  excel.tables = excel.tables.filter((x) => x !== t);
  for (const s of excel.sheets) {
    for (const [k, cell] of s.cells) if (cell.formula) s.cells.set(k, { ...cell, formula: breakStructuredRefs(cell.formula, t.name) });
  }
  for (const n of excel.names.values()) n.formula = breakStructuredRefs(n.formula, t.name);
}

export class FakeTables extends FakeProxy {
  /** `owner` null: workbook.tables; else worksheet.tables (add still uses the active sheet for a bare address). */
  constructor(
    ctx: FakeContext,
    private owner: FakeWorksheet | null,
  ) {
    super(ctx);
  }
  private list(): FakeTable[] {
    const all = this.ctx.excel.tables;
    return this.owner ? all.filter((t) => t.sheetId === this.owner!.sheet().id) : all;
  }
  get items(): FakeTableProxy[] {
    return this.get('items');
  }
  load(props?: string | string[]): this {
    const paths = itemProps(props, ['name', 'style', 'showHeaders', 'id']);
    this.ctx.enqueue(`load tables ${paths.join(',')}`, (tx) => {
      const tables = this.list();
      const rows = tables.map((t) => Object.fromEntries(paths.map((p) => [p, tableProp(this.ctx, t, p)])));
      tx.responseBytes += Buffer.byteLength(JSON.stringify(rows));
      tx.commits.push(() =>
        this.loaded.set(
          'items',
          tables.map((t, i) => new FakeTableProxy(this.ctx, () => t).presetPaths(rows[i])),
        ),
      );
    });
    return this;
  }
  getItem(name: string): FakeTableProxy {
    return new FakeTableProxy(this.ctx, () => {
      const t = this.ctx.excel.tableByName(name);
      if (!t) throw new OfficeError('ItemNotFound', `The requested table "${name}" doesn't exist.`);
      return t;
    });
  }
  getItemOrNullObject(name: string): FakeTableProxy {
    return new FakeTableProxy(this.ctx, () => this.ctx.excel.tableByName(name) ?? null);
  }
  /**
   * TableCollection.add: "If the address does not contain a sheet name, the currently-active sheet is
   * used" (for worksheet.tables too). A header-only range gets one empty data row, as in Excel.
   */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTableProxy {
    let created: FakeTable | null = null;
    this.ctx.enqueue(
      `add table ${typeof address === 'string' ? address : 'range'}`,
      (tx) => {
        const excel = this.ctx.excel;
        if (!hasHeaders) throw new OfficeError('NotImplemented', 'the fake only models tables with headers');
        let sheet: FakeSheet | undefined;
        let range: RangeRef | null;
        if (typeof address === 'string') {
          const bang = address.lastIndexOf('!');
          sheet =
            bang < 0
              ? excel.active
                ? excel.sheetByName(excel.active)
                : excel.sheets.find((s) => s.visibility === 'Visible')
              : excel.sheetByName(address.slice(0, bang).replace(/^'|'$/g, ''));
          range = parseRange(address.slice(bang + 1));
        } else {
          const at = address.must();
          sheet = at.sheet;
          range = at.box;
        }
        if (!sheet || !range)
          throw new OfficeError('InvalidArgument', `bad table address ${typeof address === 'string' ? address : 'range'}`);
        if (range.bottom === range.top) range = { ...range, bottom: range.top + 1 }; // header-only: Excel adds a row
        const clash = excel.tables.find((t) => t.sheetId === sheet!.id && boxesOverlap(t.range, range!));
        if (clash) throw new OfficeError('InvalidOperation', `A table can't overlap another table (${clash.name}).`);
        let n = excel.tables.length + 1;
        while (excel.tableByName(`Table${n}`)) n++;
        created = { id: excel.newId('table'), name: `Table${n}`, sheetId: sheet.id, range, style: 'TableStyleMedium2', showHeaders: true };
        excel.tables.push(created);
        excel.normaliseTableHeaders(created);
        noteChange(tx, sheet, range);
      },
      typeof address === 'string' ? address : 'range',
    );
    return new FakeTableProxy(this.ctx, () => created);
  }
}

function tableProp(ctx: FakeContext, t: FakeTable, p: string): unknown {
  if (p === 'name') return t.name;
  if (p === 'style') return t.style;
  if (p === 'showHeaders') return t.showHeaders;
  if (p === 'id') return t.id;
  if (p === 'worksheet/name') return ctx.excel.sheetById(t.sheetId)?.name;
  if (p === 'worksheet/id') return t.sheetId;
  throw new OfficeError('InvalidArgument', `fake table cannot load "${p}"`);
}

export class FakeTableProxy extends FakeProxy {
  private ws: FakeWorksheet | null = null;
  constructor(
    ctx: FakeContext,
    private resolve: () => FakeTable | null,
  ) {
    super(ctx);
  }
  presetPaths(row: Record<string, unknown>): this {
    const own: Record<string, unknown> = {};
    for (const [p, v] of Object.entries(row)) {
      if (p.startsWith('worksheet/')) this.worksheet.preset({ [p.slice('worksheet/'.length)]: v });
      else own[p] = v;
    }
    return this.preset(own);
  }
  find(): FakeTable | null {
    return this.resolve();
  }
  private table(): FakeTable {
    const t = this.resolve();
    if (!t) throw new OfficeError('ItemNotFound', "The requested table doesn't exist.");
    return t;
  }
  get worksheet(): FakeWorksheet {
    this.ws ??= new FakeWorksheet(this.ctx, () => {
      const t = this.resolve();
      return t ? (this.ctx.excel.sheetById(t.sheetId) ?? null) : null;
    });
    return this.ws;
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.ctx.enqueue(
      `rename table ${v}`,
      (tx) => {
        const excel = this.ctx.excel;
        const problem = fakeNameError(v);
        if (problem) throw new OfficeError('InvalidArgument', `The table name is invalid: ${problem}.`);
        const me = this.table();
        if (excel.tables.some((t) => t !== me && t.name.toLowerCase() === v.toLowerCase()) || excel.names.has(v.toLowerCase())) {
          throw new OfficeError('InvalidArgument', `The name "${v}" is already used.`);
        }
        me.name = v;
        tx.mutated = true;
      },
      v,
    );
  }
  get style(): string {
    return this.get('style');
  }
  set style(v: string) {
    this.ctx.enqueue(
      'table style',
      (tx) => {
        this.table().style = v;
        tx.mutated = true;
      },
      v,
    );
  }
  get showHeaders(): boolean {
    return this.get('showHeaders');
  }
  load(props?: string | string[]): this {
    const paths = propList(props, ['name', 'style', 'showHeaders', 'id']);
    this.queueLoad(paths, (ps) => {
      const t = this.resolve();
      return t ? Object.fromEntries(ps.map((p) => [p, tableProp(this.ctx, t, p)])) : null;
    });
    return this;
  }
  getRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.sheetOfTable(),
      () => this.resolve()?.range ?? null,
    );
  }
  getHeaderRowRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.sheetOfTable(),
      () => {
        const r = this.resolve()?.range;
        return r ? { ...r, bottom: r.top } : null;
      },
    );
  }
  getDataBodyRange(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => this.sheetOfTable(),
      () => {
        const r = this.resolve()?.range;
        return r ? { ...r, top: r.top + 1 } : null;
      },
    );
  }
  private sheetOfTable(): FakeSheet | null {
    const t = this.resolve();
    return t ? (this.ctx.excel.sheetById(t.sheetId) ?? null) : null;
  }
  /** Table.resize (ExcelApi 1.13): same header row, overlapping the old range, no other table, >= 1 data row. */
  resize(newRange: FakeRange | string): void {
    this.ctx.enqueue(
      'resize table',
      (tx) => {
        const excel = this.ctx.excel;
        if (!excel.supports('ExcelApi', '1.13')) throw new OfficeError('ApiNotFound', 'Table.resize needs ExcelApi 1.13.');
        const t = this.table();
        const sheet = excel.sheetById(t.sheetId)!;
        const box = typeof newRange === 'string' ? parseRange(newRange.slice(newRange.lastIndexOf('!') + 1)) : newRange.must().box;
        if (!box) throw new OfficeError('InvalidArgument', 'bad range');
        if (box.top !== t.range.top || !boxesOverlap(box, t.range) || box.bottom <= box.top) {
          throw new OfficeError(
            'InvalidArgument',
            'The new range must overlap the table, keep its header row and hold at least one data row.',
          );
        }
        const clash = excel.tables.find((x) => x !== t && x.sheetId === t.sheetId && boxesOverlap(x.range, box));
        if (clash) throw new OfficeError('InvalidOperation', `A table can't overlap another table (${clash.name}).`);
        t.range = box;
        excel.normaliseTableHeaders(t);
        noteChange(tx, sheet, box);
      },
      typeof newRange === 'string' ? newRange : 'range',
    );
  }
  delete(): void {
    this.ctx.enqueue('delete table', (tx) => {
      const t = this.table();
      const sheet = this.ctx.excel.sheetById(t.sheetId)!;
      dropTable(this.ctx, t);
      noteChange(tx, sheet, t.range);
    });
  }
}

export class FakeNames extends FakeProxy {
  get items(): FakeNamedItem[] {
    return this.get('items');
  }
  load(props?: string | string[]): this {
    const paths = itemProps(props, ['name', 'formula', 'comment']);
    this.ctx.enqueue('load names', (tx) => {
      const names = [...this.ctx.excel.names.values()];
      const rows = names.map((n) => Object.fromEntries(paths.map((p) => [p, nameProp(n, p)])));
      tx.responseBytes += Buffer.byteLength(JSON.stringify(rows));
      tx.commits.push(() =>
        this.loaded.set(
          'items',
          names.map((n, i) => new FakeNamedItem(this.ctx, () => n).preset(rows[i])),
        ),
      );
    });
    return this;
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => {
      const n = this.ctx.excel.names.get(name.toLowerCase());
      if (!n) throw new OfficeError('ItemNotFound', `The requested name "${name}" doesn't exist.`);
      return n;
    });
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => this.ctx.excel.names.get(name.toLowerCase()) ?? null);
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    this.ctx.enqueue(
      `add name ${name}`,
      (tx) => {
        const excel = this.ctx.excel;
        const problem = fakeNameError(name);
        if (problem) throw new OfficeError('InvalidArgument', `The name is invalid: ${problem}.`);
        const lower = name.toLowerCase();
        if (excel.names.has(lower) || excel.tableByName(name))
          throw new OfficeError('ItemAlreadyExists', `The name "${name}" already exists.`);
        let formula: string;
        if (typeof reference === 'string') formula = reference.startsWith('=') ? reference : `=${reference}`;
        else {
          const at = reference.must();
          formula = excel.refersTo(at.sheet, at.box);
        }
        excel.names.set(lower, { name, formula, comment: comment ?? '' });
        tx.mutated = true;
      },
      { name, comment },
    );
    return this.getItemOrNullObject(name);
  }
}

function nameProp(n: FakeName, p: string): unknown {
  if (p === 'name') return n.name;
  if (p === 'formula') return n.formula;
  if (p === 'comment') return n.comment;
  if (p === 'type') return n.formula.includes('!') ? 'Range' : 'String';
  if (p === 'visible') return true;
  throw new OfficeError('InvalidArgument', `fake name cannot load "${p}"`);
}

export class FakeNamedItem extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private resolve: () => FakeName | null,
  ) {
    super(ctx);
  }
  private item(): FakeName {
    const n = this.resolve();
    if (!n) throw new OfficeError('ItemNotFound', "The requested name doesn't exist.");
    return n;
  }
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  /** NamedItem.formula (ExcelApi 1.7): points the name elsewhere; formulas using it keep working. */
  set formula(v: string) {
    this.ctx.enqueue(
      'set name formula',
      (tx) => {
        this.item().formula = v.startsWith('=') ? v : `=${v}`;
        tx.mutated = true;
      },
      v,
    );
  }
  get comment(): string {
    return this.get('comment');
  }
  set comment(v: string) {
    this.ctx.enqueue(
      'set name comment',
      (tx) => {
        this.item().comment = v;
        tx.mutated = true;
      },
      v,
    );
  }
  load(props?: string | string[]): this {
    this.queueLoad(propList(props, ['name', 'formula', 'comment']), (ps) => {
      const n = this.resolve();
      return n ? Object.fromEntries(ps.map((p) => [p, nameProp(n, p)])) : null;
    });
    return this;
  }
  delete(): void {
    this.ctx.enqueue('delete name', (tx) => {
      const n = this.item();
      this.ctx.excel.names.delete(n.name.toLowerCase());
      tx.mutated = true;
    });
  }
}
