/**
 * Excel.Range of the fake: values/formulas/numberFormat as Office.js reads and writes them, clear,
 * copyFrom, cell properties (bold), hyperlinks. See fakeExcel.ts for the shared rules.
 */
import { formatRange, parseRange, sheetAddress, type RangeRef } from '../../src/workbook/address';
import {
  colOf,
  key,
  noteChange,
  OfficeError,
  rowOf,
  storeCell,
  type FakeCell,
  type FakeContext,
  type FakeSheet,
  type FakeValidation,
  type Tx,
} from './fakeExcel';
import { FakeProxy, FakeResult, propList } from './fakeExcelProxy';
import { boxContains } from './fakeExcelRules';

export function checkShape(box: RangeRef, rows: unknown): void {
  const h = box.bottom - box.top + 1;
  const w = box.right - box.left + 1;
  if (!Array.isArray(rows) || rows.length !== h || rows.some((r) => !Array.isArray(r) || r.length !== w)) {
    throw new OfficeError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${h}x${w}).`,
    );
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
  /** Range.dataValidation (ExcelApi 1.8). */
  readonly dataValidation: FakeDataValidation;
  constructor(
    ctx: FakeContext,
    private sheetOf: () => FakeSheet | null,
    private boxOf: (s: FakeSheet) => RangeRef | null,
  ) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors below run with the format object as `this`
    const self = this;
    this.dataValidation = new FakeDataValidation(ctx, this);
    this.format = {
      font: {
        set bold(b: boolean) {
          self.eachCell('set bold', (cell) => {
            if (b) cell.bold = true;
            else delete cell.bold;
          });
        },
        get bold(): boolean {
          throw new OfficeError('NotImplemented', 'the fake does not read fonts');
        },
      },
      set columnWidth(w: number) {
        ctx.enqueue(
          'set columnWidth',
          (tx) => {
            const { sheet, box } = self.must();
            sheet.widths ??= new Map();
            for (let c = box.left; c <= box.right; c++) sheet.widths.set(c, w);
            tx.mutated = true;
          },
          w,
        );
      },
      get columnWidth(): number {
        throw new OfficeError('NotImplemented', 'the fake does not read widths');
      },
    };
  }

  /** Sheet and box now, or null for a null object. */
  locate(): Located | null {
    const sheet = this.sheetOf();
    if (!sheet && this.ctx.excel.options.refuseNullChains)
      throw new OfficeError('InvalidObjectPath', 'The object path is not valid (its parent is a null object).');
    const box = sheet ? this.boxOf(sheet) : null;
    return sheet && box ? { sheet, box } : null;
  }
  must(): Located {
    const at = this.locate();
    if (!at) throw new OfficeError('ItemNotFound', "The requested resource doesn't exist (null range).");
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
          case 'values':
            out[p] = this.grid(at, (r, c) => excel.valueAt(at.sheet, r, c));
            break;
          case 'formulas':
            out[p] = this.grid(at, (r, c) => {
              const cell = at.sheet.cells.get(key(r, c));
              return cell?.formula ?? cell?.error ?? cell?.value ?? '';
            });
            break;
          case 'numberFormat':
            out[p] = this.grid(at, (r, c) => at.sheet.cells.get(key(r, c))?.numberFormat ?? 'General');
            break;
          case 'valueTypes':
            out[p] = this.grid(at, (r, c) => valueType(at.sheet.cells.get(key(r, c)), excel.valueAt(at.sheet, r, c)));
            break;
          case 'address':
            out[p] = excelAddress(at.sheet.name, at.box);
            break;
          case 'rowIndex':
            out[p] = at.box.top;
            break;
          case 'columnIndex':
            out[p] = at.box.left;
            break;
          case 'rowCount':
            out[p] = at.box.bottom - at.box.top + 1;
            break;
          case 'columnCount':
            out[p] = at.box.right - at.box.left + 1;
            break;
          default:
            throw new OfficeError('InvalidArgument', `fake range cannot load "${p}"`);
        }
      }
      return out;
    });
    return this;
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }

  set values(rows: unknown[][]) {
    this.setCells('values', rows, false);
  }
  set formulas(rows: unknown[][]) {
    this.setCells('formulas', rows, true);
  }
  private setCells(what: string, rows: unknown[][], asFormula: boolean): void {
    this.ctx.enqueue(
      `set ${what}`,
      (tx) => {
        const { sheet, box } = this.must();
        checkShape(box, rows);
        const excel = this.ctx.excel;
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          for (let c = 0; c < row.length; c++) excel.writeCell(sheet, box.top + r, box.left + c, row[c], asFormula);
        }
        this.ctx.excel.touchHeaders(sheet, box);
        noteChange(tx, sheet, box);
      },
      rows,
    );
  }
  set numberFormat(rows: unknown[][]) {
    this.ctx.enqueue(
      'set numberFormat',
      (tx) => {
        const { sheet, box } = this.must();
        checkShape(box, rows);
        for (let r = 0; r < rows.length; r++) {
          const row = rows[r];
          for (let c = 0; c < row.length; c++) {
            const f = row[c];
            if (f === null || f === undefined) continue;
            const k = key(box.top + r, box.left + c);
            const old = sheet.cells.get(k);
            const numberFormat = f === 'General' ? undefined : String(f);
            storeCell(sheet, k, old?.value, old?.formula, old?.error, numberFormat, old?.hyperlink, old?.bold, old?.validation);
          }
        }
        tx.mutated = true;
      },
      rows,
    );
  }
  set hyperlink(link: { address: string; textToDisplay: string }) {
    this.ctx.enqueue(
      'set hyperlink',
      (tx) => {
        const { sheet, box } = this.must();
        for (let r = box.top; r <= box.bottom; r++)
          for (let c = box.left; c <= box.right; c++) {
            const k = key(r, c);
            this.ctx.excel.putCell(sheet, k, {
              ...sheet.cells.get(k),
              hyperlink: link.address,
              value: link.textToDisplay,
              formula: undefined,
              error: undefined,
            });
          }
        noteChange(tx, sheet, box);
      },
      link,
    );
  }
  private eachCell(what: string, fn: (cell: FakeCell) => void): void {
    this.ctx.enqueue(what, (tx) => {
      const { sheet, box } = this.must();
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) {
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
      for (const k of cellKeysIn(sheet, box)) {
        // Assumption: Clear All (Home > Clear) leaves data validation; only DataValidation.clear removes it.
        if (applyTo === 'All') {
          const v = sheet.cells.get(k)?.validation;
          if (v) this.ctx.excel.putCell(sheet, k, { validation: v });
          else sheet.cells.delete(k);
        } else if (applyTo === 'Contents')
          this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), value: undefined, formula: undefined, error: undefined });
        // RemoveHyperlinks (ExcelApi 1.9) also drops the link's formatting; the fake keeps no fonts.
        else if (applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks')
          this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), hyperlink: undefined });
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
    this.ctx.enqueue(
      `copyFrom ${copyType}`,
      (tx) => {
        const to = this.must();
        const from = typeof source === 'string' ? this.resolveAddress(source, to.sheet) : source.must();
        const rows = from.box.bottom - from.box.top + 1;
        const cols = from.box.right - from.box.left + 1;
        const box: RangeRef = { top: to.box.top, left: to.box.left, bottom: to.box.top + rows - 1, right: to.box.left + cols - 1 };
        const moved = box.top !== from.box.top || box.left !== from.box.left;
        const asValues = copyType === 'Values';
        // The whole source is read before anything is written (source and destination may overlap). Holding
        // the source cells themselves is a snapshot: the writes below replace cells, never change one in place.
        const cells: (FakeCell | undefined)[] = new Array(rows * cols);
        const shown: unknown[] | null = asValues ? new Array(rows * cols) : null;
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) {
            const cell = from.sheet.cells.get(key(from.box.top + r, from.box.left + c));
            if (moved && cell?.formula && copyType !== 'Formats' && !asValues) {
              throw new OfficeError('NotImplemented', 'the fake does not shift references of formulas copied to another address');
            }
            cells[i] = cell;
            if (shown && cell) shown[i] = this.ctx.excel.valueAt(from.sheet, from.box.top + r, from.box.left + c);
          }
        }
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) {
            const k = key(box.top + r, box.left + c);
            const cell = cells[i];
            // Paste All carries data validation; Paste Formats and Values do not (Excel's Paste Special: "Validation").
            if (copyType === 'All') {
              if (cell)
                storeCell(to.sheet, k, cell.value, cell.formula, cell.error, cell.numberFormat, cell.hyperlink, cell.bold, cell.validation);
              else to.sheet.cells.delete(k);
            } else if (copyType === 'Formats') {
              const looks = { numberFormat: cell?.numberFormat, bold: cell?.bold, hyperlink: cell?.hyperlink };
              this.ctx.excel.putCell(to.sheet, k, { ...to.sheet.cells.get(k), ...looks });
            } else {
              const value = (shown ? shown[i] : cell?.value) as FakeCell['value'];
              const content = { value, formula: asValues ? undefined : cell?.formula, error: cell?.error };
              this.ctx.excel.putCell(to.sheet, k, { ...to.sheet.cells.get(k), ...content });
            }
          }
        }
        const whole = this.ctx.excel.tableInside(from.sheet, from.box);
        if (whole && copyType === 'All') this.pasteTable(to.sheet, box, whole.range, from.box, whole.style);
        this.ctx.excel.touchHeaders(to.sheet, box);
        noteChange(tx, to.sheet, box);
      },
      typeof source === 'string' ? source : 'range',
    );
  }
  private pasteTable(sheet: FakeSheet, box: RangeRef, tableRange: RangeRef, fromBox: RangeRef, style: string): void {
    const excel = this.ctx.excel;
    const range = {
      top: box.top + tableRange.top - fromBox.top,
      left: box.left + tableRange.left - fromBox.left,
      bottom: box.top + tableRange.bottom - fromBox.top,
      right: box.left + tableRange.right - fromBox.left,
    };
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
    this.ctx.enqueue(
      'setCellProperties',
      (tx) => {
        const { sheet, box } = this.must();
        checkShape(box, rows);
        rows.forEach((row, r) =>
          row.forEach((p, c) => {
            const bold = p.format?.font?.bold;
            if (bold === undefined) return;
            const k = key(box.top + r, box.left + c);
            this.ctx.excel.putCell(sheet, k, { ...sheet.cells.get(k), bold: bold ? true : undefined });
          }),
        );
        tx.mutated = true;
      },
      rows,
    );
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

const OPERATORS = [
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqualTo',
  'LessThanOrEqualTo',
];
const RULE_TYPES: Record<string, string> = { decimal: 'Decimal', wholeNumber: 'WholeNumber' };

/** A rule operand as Excel returns it: always a string formula ("=10"). */
function operand(v: unknown, what: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `=${v}`;
  if (typeof v === 'string' && v.trim() !== '') return v.startsWith('=') ? v : `=${v}`;
  throw new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (${what}).`);
}
const numeric = (f: string | undefined) => (f === undefined ? NaN : Number(f.slice(1)));

/**
 * Excel.DataValidation of the fake (ExcelApi 1.8): `rule` (decimal / wholeNumber with an operator; formula1,
 * and formula2 for Between / NotBetween), `prompt` and `errorAlert` set per cell, `clear()`, and loads of
 * `type`, `rule`, `prompt`, `errorAlert`, `valid`. Limits follow MS-OI29500 2.1.613 / MS-XLSB DValStrings:
 * prompt title and error title at most 32 characters, prompt message 255, error message 225. A rule whose
 * minimum is above its maximum is refused (Excel: "The Maximum must be greater than or equal to the Minimum").
 * Other rule kinds (list, date, custom...) are not modelled and refused rather than faked.
 */
export class FakeDataValidation extends FakeProxy {
  constructor(
    ctx: FakeContext,
    private range: FakeRange,
  ) {
    super(ctx);
  }
  /** Errors surface at sync, like every Office.js argument error; `check` runs then. */
  private update(
    what: string,
    fn: (v: FakeValidation | undefined) => FakeValidation | undefined,
    payload: unknown,
    check: () => void = () => undefined,
  ): void {
    this.ctx.enqueue(
      what,
      (tx) => {
        check();
        const { sheet, box } = this.range.must();
        for (let r = box.top; r <= box.bottom; r++)
          for (let c = box.left; c <= box.right; c++) {
            const k = key(r, c);
            const cell = sheet.cells.get(k) ?? {};
            const validation = fn(cell.validation);
            this.ctx.excel.putCell(sheet, k, { ...cell, validation });
          }
        tx.mutated = true;
      },
      payload,
    );
  }
  set rule(rule: Record<string, { formula1?: unknown; formula2?: unknown; operator?: string }>) {
    let next: Omit<FakeValidation, 'prompt' | 'errorAlert'> | null = null;
    const check = () => {
      const kinds = Object.keys(rule ?? {});
      if (kinds.length !== 1 || !RULE_TYPES[kinds[0]])
        throw new OfficeError('NotImplemented', `the fake models decimal and wholeNumber rules only (got ${kinds.join(', ') || 'none'})`);
      const basic = rule[kinds[0]];
      const operator = String(basic.operator);
      if (!OPERATORS.includes(operator))
        throw new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format (operator ${operator}).`);
      const formula1 = operand(basic.formula1, 'formula1');
      const two = operator === 'Between' || operator === 'NotBetween';
      const formula2 = two ? operand(basic.formula2, 'formula2') : undefined;
      if (two && numeric(formula1) > numeric(formula2))
        throw new OfficeError('InvalidArgument', 'The Maximum must be greater than or equal to the Minimum.');
      next = { type: RULE_TYPES[kinds[0]], operator, formula1, formula2 };
    };
    this.update('set dataValidation.rule', (v) => ({ ...v, ...next! }), rule, check);
  }
  set prompt(p: { showPrompt?: boolean; title?: string; message?: string }) {
    const title = p.title ?? '';
    const message = p.message ?? '';
    const check = () => {
      if (title.length > 32 || message.length > 255)
        throw new OfficeError(
          'InvalidArgument',
          `The argument is invalid or missing or has an incorrect format (prompt title ${title.length} > 32 or message ${message.length} > 255 characters).`,
        );
    };
    this.update(
      'set dataValidation.prompt',
      (v) => ({ type: 'None', operator: 'Between', formula1: '', ...v, prompt: { showPrompt: p.showPrompt ?? true, title, message } }),
      p,
      check,
    );
  }
  set errorAlert(a: { showAlert?: boolean; style?: string; title?: string; message?: string }) {
    const title = a.title ?? '';
    const message = a.message ?? '';
    const style = a.style ?? 'Stop';
    const check = () => {
      if (title.length > 32 || message.length > 225 || !['Stop', 'Warning', 'Information'].includes(style)) {
        throw new OfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format (errorAlert).');
      }
    };
    this.update(
      'set dataValidation.errorAlert',
      (v) => ({
        type: 'None',
        operator: 'Between',
        formula1: '',
        ...v,
        errorAlert: { showAlert: a.showAlert ?? true, style, title, message },
      }),
      a,
      check,
    );
  }
  clear(): void {
    this.update('dataValidation.clear', () => undefined, null);
  }
  load(props?: string | string[]): this {
    const list = propList(props, ['type', 'rule', 'prompt', 'errorAlert', 'valid']);
    this.queueLoad(list, (ps) => {
      const at = this.range.locate();
      if (!at) return null;
      const cells: (FakeCell | undefined)[] = [];
      for (let r = at.box.top; r <= at.box.bottom; r++)
        for (let c = at.box.left; c <= at.box.right; c++) cells.push(at.sheet.cells.get(key(r, c)));
      const first = JSON.stringify(cells[0]?.validation ?? null);
      const same = cells.every((c) => JSON.stringify(c?.validation ?? null) === first);
      const v = cells[0]?.validation;
      const out: Record<string, unknown> = {};
      for (const p of ps) {
        switch (p) {
          case 'type':
            out[p] = !same ? 'Inconsistent' : v ? v.type : 'None';
            break;
          case 'rule':
            out[p] =
              same && v && v.type !== 'None'
                ? {
                    [Object.keys(RULE_TYPES).find((k) => RULE_TYPES[k] === v.type)!]: {
                      formula1: v.formula1,
                      ...(v.formula2 ? { formula2: v.formula2 } : {}),
                      operator: v.operator,
                    },
                  }
                : {};
            break;
          case 'prompt':
            out[p] = v?.prompt ?? { showPrompt: false, title: '', message: '' };
            break;
          case 'errorAlert':
            out[p] = v?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' };
            break;
          case 'valid': {
            const oks = cells.map((c, i) => {
              const val = c?.validation;
              if (!val || val.type === 'None') return true;
              const row = at.box.top + Math.floor(i / (at.box.right - at.box.left + 1));
              const col = at.box.left + (i % (at.box.right - at.box.left + 1));
              const x = this.ctx.excel.valueAt(at.sheet, row, col);
              if (x === '' || x === null || x === undefined) return true; // ignoreBlanks (default true)
              if (typeof x !== 'number') return false;
              const lo = numeric(val.formula1);
              const hi = numeric(val.formula2);
              const inRange = x >= lo && x <= hi;
              return (val.type !== 'WholeNumber' || Number.isInteger(x)) && (val.operator === 'NotBetween' ? !inRange : inRange);
            });
            out[p] = oks.every(Boolean) ? true : oks.some(Boolean) ? null : false;
            break;
          }
          default:
            throw new OfficeError('InvalidArgument', `fake dataValidation cannot load "${p}"`);
        }
      }
      return out;
    });
    return this;
  }
  get type(): string {
    return this.get('type');
  }
  get rule(): unknown {
    return this.get('rule');
  }
  get prompt(): unknown {
    return this.get('prompt');
  }
  get errorAlert(): unknown {
    return this.get('errorAlert');
  }
  get valid(): boolean | null {
    return this.get('valid');
  }
}

/**
 * Keys of the stored cells inside `box`: walks the box when it is smaller than the sheet's store (a chunk of a
 * big table), the store otherwise (a whole column). Same cells either way; a snapshot, safe to delete from.
 */
function cellKeysIn(sheet: FakeSheet, box: RangeRef): number[] {
  const area = (box.bottom - box.top + 1) * (box.right - box.left + 1);
  const keys: number[] = [];
  if (area < sheet.cells.size) {
    for (let r = box.top; r <= box.bottom; r++)
      for (let c = box.left; c <= box.right; c++) if (sheet.cells.has(key(r, c))) keys.push(key(r, c));
  } else
    for (const k of sheet.cells.keys()) {
      const r = rowOf(k);
      const c = colOf(k);
      if (r >= box.top && r <= box.bottom && c >= box.left && c <= box.right) keys.push(k);
    }
  return keys;
}
