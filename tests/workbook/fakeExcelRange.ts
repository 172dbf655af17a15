/**
 * Excel.Range of the fake: values/formulas/numberFormat as Office.js reads and writes them, clear,
 * copyFrom, cell properties (bold), hyperlinks. See fakeExcel.ts for the shared rules.
 */
import { formatRange, parseRange, sheetAddress, type RangeRef } from '../../src/workbook/address';
import { colOf, key, noteChange, OfficeError, rowOf, type FakeCell, type FakeContext, type FakeSheet, type Tx } from './fakeExcel';
import { FakeProxy, FakeResult, propList } from './fakeExcelProxy';
import { boxContains } from './fakeExcelRules';

export function checkShape(box: RangeRef, rows: unknown): void {
  const h = box.bottom - box.top + 1;
  const w = box.right - box.left + 1;
  if (!Array.isArray(rows) || rows.length !== h || rows.some((r) => !Array.isArray(r) || r.length !== w)) {
    throw new OfficeError('InvalidArgument', `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${h}x${w}).`);
  }
}

/** How Excel writes a sheet's address: quoted only when the name needs it. */
export function excelAddress(sheet: string, box: RangeRef): string {
  const a = sheetAddress(sheet, box, false);
  return /^'[A-Za-z_][A-Za-z0-9_.]*'!/.test(a) ? a.replace(/^'([^']+)'/, '$1') : a;
}

type Located = { sheet: FakeSheet; box: RangeRef };

export class FakeRange extends FakeProxy {
  format: { font: { bold: boolean }; columnWidth: number };
  constructor(ctx: FakeContext, private sheetOf: () => FakeSheet | null, private boxOf: (s: FakeSheet) => RangeRef | null) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors below run with the format object as `this`
    const self = this;
    this.format = {
      font: {
        set bold(b: boolean) { self.eachCell('set bold', (cell) => { if (b) cell.bold = true; else delete cell.bold; }); },
        get bold(): boolean { throw new OfficeError('NotImplemented', 'the fake does not read fonts'); },
      },
      set columnWidth(w: number) {
        ctx.enqueue('set columnWidth', (tx) => {
          const { sheet, box } = self.must();
          sheet.widths ??= new Map();
          for (let c = box.left; c <= box.right; c++) sheet.widths.set(c, w);
          tx.mutated = true;
        }, w);
      },
      get columnWidth(): number { throw new OfficeError('NotImplemented', 'the fake does not read widths'); },
    };
  }

  /** Sheet and box now, or null for a null object. */
  locate(): Located | null {
    const sheet = this.sheetOf();
    if (!sheet && this.ctx.excel.options.refuseNullChains) throw new OfficeError('InvalidObjectPath', 'The object path is not valid (its parent is a null object).');
    const box = sheet ? this.boxOf(sheet) : null;
    return sheet && box ? { sheet, box } : null;
  }
  must(): Located {
    const at = this.locate();
    if (!at) throw new OfficeError('ItemNotFound', 'The requested resource doesn\'t exist (null range).');
    return at;
  }

  private grid<T>(at: Located, f: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = at.box.top; r <= at.box.bottom; r++) {
      const row: T[] = [];
      for (let c = at.box.left; c <= at.box.right; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }

  load(props?: string | string[]): this {
    const list = propList(props, ['address', 'values', 'formulas', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    this.queueLoad(list, (ps) => {
      const at = this.locate();
      if (!at) return null;
      const excel = this.ctx.excel;
      const out: Record<string, unknown> = {};
      for (const p of ps) {
        switch (p) {
          case 'values': out[p] = this.grid(at, (r, c) => excel.valueAt(at.sheet, r, c)); break;
          case 'formulas': out[p] = this.grid(at, (r, c) => { const cell = at.sheet.cells.get(key(r, c)); return cell?.formula ?? cell?.error ?? cell?.value ?? ''; }); break;
          case 'numberFormat': out[p] = this.grid(at, (r, c) => at.sheet.cells.get(key(r, c))?.numberFormat ?? 'General'); break;
          case 'valueTypes': out[p] = this.grid(at, (r, c) => valueType(at.sheet.cells.get(key(r, c)), excel.valueAt(at.sheet, r, c))); break;
          case 'address': out[p] = excelAddress(at.sheet.name, at.box); break;
          case 'rowIndex': out[p] = at.box.top; break;
          case 'columnIndex': out[p] = at.box.left; break;
          case 'rowCount': out[p] = at.box.bottom - at.box.top + 1; break;
          case 'columnCount': out[p] = at.box.right - at.box.left + 1; break;
          default: throw new OfficeError('InvalidArgument', `fake range cannot load "${p}"`);
        }
      }
      return out;
    });
    return this;
  }
  get values(): unknown[][] { return this.get('values'); }
  get formulas(): unknown[][] { return this.get('formulas'); }
  get numberFormat(): unknown[][] { return this.get('numberFormat'); }
  get valueTypes(): string[][] { return this.get('valueTypes'); }
  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }

  set values(rows: unknown[][]) { this.setCells('values', rows, false); }
  set formulas(rows: unknown[][]) { this.setCells('formulas', rows, true); }
  private setCells(what: string, rows: unknown[][], asFormula: boolean): void {
    this.ctx.enqueue(`set ${what}`, (tx) => {
      const { sheet, box } = this.must();
      checkShape(box, rows);
      rows.forEach((row, r) => row.forEach((v, c) => this.ctx.excel.writeCell(sheet, box.top + r, box.left + c, v, asFormula)));
      this.ctx.excel.touchHeaders(sheet, box);
      noteChange(tx, sheet, box);
    }, rows);
  }
  set numberFormat(rows: unknown[][]) {
    this.ctx.enqueue('set numberFormat', (tx) => {
      const { sheet, box } = this.must();
      checkShape(box, rows);
      rows.forEach((row, r) => row.forEach((f, c) => {
        if (f === null || f === undefined) return;
        const k = key(box.top + r, box.left + c);
        this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), numberFormat: f === 'General' ? undefined : String(f) });
      }));
      tx.mutated = true;
    }, rows);
  }
  set hyperlink(link: { address: string; textToDisplay: string }) {
    this.ctx.enqueue('set hyperlink', (tx) => {
      const { sheet, box } = this.must();
      for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) {
        const k = key(r, c);
        this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), hyperlink: link.address, value: link.textToDisplay, formula: undefined, error: undefined });
      }
      noteChange(tx, sheet, box);
    }, link);
  }
  private eachCell(what: string, fn: (cell: FakeCell) => void): void {
    this.ctx.enqueue(what, (tx) => {
      const { sheet, box } = this.must();
      for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) {
        const cell = { ...sheet.cells.get(key(r, c)) };
        fn(cell);
        this.ctx.excel.putCell(sheet, key(r, c), cell);
      }
      tx.mutated = true;
    });
  }

  /** Range.clear(): contents and formats go (Excel: applyTo "All"). */
  clear(applyTo = 'All'): void {
    this.ctx.enqueue(`clear ${applyTo}`, (tx) => {
      const { sheet, box } = this.must();
      for (const k of [...sheet.cells.keys()]) {
        const r = rowOf(k);
        const c = colOf(k);
        if (r < box.top || r > box.bottom || c < box.left || c > box.right) continue;
        if (applyTo === 'All') sheet.cells.delete(k);
        else if (applyTo === 'Contents') this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), value: undefined, formula: undefined, error: undefined });
        // RemoveHyperlinks (ExcelApi 1.9) also drops the link's formatting; the fake keeps no fonts.
        else if (applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks') this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), hyperlink: undefined });
        else throw new OfficeError('InvalidArgument', `fake clear does not model "${applyTo}"`);
      }
      this.ctx.excel.touchHeaders(sheet, box);
      noteChange(tx, sheet, box);
    });
  }

  /**
   * Range.copyFrom (ExcelApi 1.9), like copy and paste: a destination smaller than the source grows to the
   * source's size. Copying a whole table pastes a new table (as the Excel UI does). Relative references are
   * not shifted by this fake, so a formula copied to another address is refused instead of faked.
   */
  copyFrom(source: FakeRange | string, copyType = 'All'): void {
    this.ctx.enqueue(`copyFrom ${copyType}`, (tx) => {
      const to = this.must();
      const from = typeof source === 'string' ? this.resolveAddress(source, to.sheet) : source.must();
      const rows = from.box.bottom - from.box.top + 1;
      const cols = from.box.right - from.box.left + 1;
      const box: RangeRef = { top: to.box.top, left: to.box.left, bottom: to.box.top + rows - 1, right: to.box.left + cols - 1 };
      const moved = box.top !== from.box.top || box.left !== from.box.left;
      const cells: (FakeCell | undefined)[][] = [];
      for (let r = 0; r < rows; r++) {
        const line: (FakeCell | undefined)[] = [];
        for (let c = 0; c < cols; c++) {
          const cell = from.sheet.cells.get(key(from.box.top + r, from.box.left + c));
          if (moved && cell?.formula && copyType !== 'Formats' && copyType !== 'Values') {
            throw new OfficeError('NotImplemented', 'the fake does not shift references of formulas copied to another address');
          }
          line.push(cell && { ...cell, value: copyType === 'Values' ? this.ctx.excel.valueAt(from.sheet, from.box.top + r, from.box.left + c) : cell.value });
        }
        cells.push(line);
      }
      cells.forEach((line, r) => line.forEach((cell, c) => {
        const k = key(box.top + r, box.left + c);
        const old = to.sheet.cells.get(k) ?? {};
        const content = { value: cell?.value, formula: copyType === 'Values' ? undefined : cell?.formula, error: cell?.error };
        const looks = { numberFormat: cell?.numberFormat, bold: cell?.bold, hyperlink: cell?.hyperlink };
        const next = copyType === 'All' ? { ...content, ...looks } : copyType === 'Formats' ? { ...old, ...looks } : { ...old, ...content };
        this.ctx.excel.putCell(to.sheet, k, next);
      }));
      const whole = this.ctx.excel.tableInside(from.sheet, from.box);
      if (whole && copyType === 'All') this.pasteTable(to.sheet, box, whole.range, from.box, whole.style);
      this.ctx.excel.touchHeaders(to.sheet, box);
      noteChange(tx, to.sheet, box);
    }, typeof source === 'string' ? source : 'range');
  }
  private pasteTable(sheet: FakeSheet, box: RangeRef, tableRange: RangeRef, fromBox: RangeRef, style: string): void {
    const excel = this.ctx.excel;
    const range = { top: box.top + tableRange.top - fromBox.top, left: box.left + tableRange.left - fromBox.left, bottom: box.top + tableRange.bottom - fromBox.top, right: box.left + tableRange.right - fromBox.left };
    if (excel.tables.some((t) => t.sheetId === sheet.id && boxContains(range, t.range))) return;
    let n = excel.tables.length + 1;
    while (excel.tableByName(`Table${n}`)) n++;
    excel.tables.push({ id: excel.newId('table'), name: `Table${n}`, sheetId: sheet.id, range, style, showHeaders: true });
  }
  private resolveAddress(address: string, fallback: FakeSheet): Located {
    const bang = address.lastIndexOf('!');
    const sheet = bang < 0 ? fallback : this.ctx.excel.sheetByName(address.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'"));
    const box = parseRange(address.slice(bang + 1));
    if (!sheet || !box) throw new OfficeError('InvalidArgument', `bad source address ${address}`);
    return { sheet, box };
  }

  getCellProperties(_options: unknown): FakeResult<{ format: { font: { bold: boolean } } }[][]> {
    const result = new FakeResult<{ format: { font: { bold: boolean } } }[][]>();
    this.ctx.enqueue('getCellProperties', (tx: Tx) => {
      const at = this.must();
      const value = this.grid(at, (r, c) => ({ format: { font: { bold: at.sheet.cells.get(key(r, c))?.bold === true } } }));
      tx.responseBytes += Buffer.byteLength(JSON.stringify(value));
      tx.commits.push(() => result.set(value));
    });
    return result;
  }
  setCellProperties(rows: { format?: { font?: { bold?: boolean } } }[][]): void {
    this.ctx.enqueue('setCellProperties', (tx) => {
      const { sheet, box } = this.must();
      checkShape(box, rows);
      rows.forEach((row, r) => row.forEach((p, c) => {
        const bold = p.format?.font?.bold;
        if (bold === undefined) return;
        const k = key(box.top + r, box.left + c);
        this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), bold: bold ? true : undefined });
      }));
      tx.mutated = true;
    }, rows);
  }

  override toString(): string {
    const at = this.locate();
    return at ? `${at.sheet.name}!${formatRange(at.box)}` : 'null range';
  }
}

function valueType(cell: FakeCell | undefined, shown: unknown): string {
  if (!cell) return 'Empty';
  if (cell.error || (cell.formula && typeof shown === 'string' && shown.startsWith('#'))) return 'Error';
  if (typeof shown === 'number') return 'Double';
  if (typeof shown === 'boolean') return 'Boolean';
  return shown === '' ? 'Empty' : 'String';
}
