/**
 * XlsxWorkbook: the WorkbookPort over an exceljs Workbook (files: load from bytes, toBytes()).
 * Plan strings are string cells (exceljs stores them as shared strings); the only formulas are
 * FormulaCell values, written as { formula } so spreadsheet apps calculate them on load.
 */
import ExcelJS from 'exceljs';
import { formatRange, parseRange, rangesOverlap, sheetAddress, type RangeRef } from '../address';
import { resolveCell } from '../cells';
import type { CellValue, WriteBlock, WritePlan } from '../plan';
import type { SheetSnapshot, WorkbookPort } from '../port';
import { assertValidPlan, blockRange, META_SHEET } from '../validate';

export interface XlsxWorkbookOptions {
  /** Called before each block of a plan is written; a throw aborts the write (the rollback tests inject faults here). */
  beforeBlock?: (block: WriteBlock, index: number) => void;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
/** Excel serial day 0 for dates read from files (1899-12-30, see workbook/format.ts). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export class XlsxWorkbook implements WorkbookPort {
  readonly kind = 'xlsx' as const;

  private constructor(
    private wb: ExcelJS.Workbook,
    private readonly options: XlsxWorkbookOptions,
  ) {}

  static create(options: XlsxWorkbookOptions = {}): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook(), options);
  }

  /** Opens .xlsx bytes; a file exceljs cannot read gives a clear error. */
  static async fromBytes(bytes: Uint8Array | ArrayBuffer, options: XlsxWorkbookOptions = {}): Promise<XlsxWorkbook> {
    return new XlsxWorkbook(await loadWorkbook(bytes), options);
  }

  async toBytes(): Promise<Uint8Array> {
    return new Uint8Array(await this.wb.xlsx.writeBuffer());
  }

  /** The exceljs workbook, for callers that add what the port does not cover (charts, images). */
  get workbook(): ExcelJS.Workbook {
    return this.wb;
  }

  async apply(plan: WritePlan): Promise<void> {
    assertValidPlan(plan);
    // Exact rollback: keep the saved bytes and reopen them on failure.
    const backup = await this.toBytes();
    try {
      this.write(plan);
    } catch (e) {
      this.wb = await loadWorkbook(backup);
      throw new Error(`Write failed, workbook left unchanged: ${(e as Error).message}`, { cause: e });
    }
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    return this.wb.worksheets.find((ws) => same(ws.name, name));
  }

  private write(plan: WritePlan): void {
    for (const spec of plan.sheets) {
      let ws = this.findSheet(spec.name);
      if (ws && spec.clear) {
        // Removing and re-adding at the same position drops cells, styles and tables at once.
        // orderNo is exceljs's (untyped) sheet position.
        const orderNo = (ws as unknown as { orderNo: number }).orderNo;
        this.wb.removeWorksheet(ws.id);
        ws = this.wb.addWorksheet(spec.name);
        (ws as unknown as { orderNo: number }).orderNo = orderNo;
      }
      ws ??= this.wb.addWorksheet(spec.name);
      if (spec.freeze) ws.views = [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }];
    }
    let hasFormulas = false;
    plan.blocks.forEach((block, index) => {
      this.options.beforeBlock?.(block, index);
      const ws = this.findSheet(block.sheet) ?? this.wb.addWorksheet(block.sheet);
      const range = blockRange(block)!;
      if (block.table) this.dropTable(block.table.name);
      if (block.table) {
        for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
          const tr = tableRange(t);
          if (tr && rangesOverlap(tr, range))
            throw new Error(`table "${block.table.name}" at ${block.sheet}!${formatRange(range)} would overlap table "${tableName(t)}"`);
        }
      }
      hasFormulas = writeCells(ws, block, range) || hasFormulas;
      if (block.table) addTable(ws, block, range);
      for (const v of block.validations ?? []) {
        const box = parseRange(v.address)!;
        for (let r = box.top; r <= box.bottom; r++)
          for (let c = box.left; c <= box.right; c++) {
            ws.getCell(r + 1, c + 1).dataValidation = {
              type: 'decimal',
              operator: 'between',
              allowBlank: true,
              formulae: [v.decimal.min, v.decimal.max],
              showInputMessage: true,
              promptTitle: v.prompt.title,
              prompt: v.prompt.message,
              showErrorMessage: true,
              errorStyle: 'warning',
              errorTitle: 'Outside the range',
              error: `Enter a number from ${v.decimal.min} to ${v.decimal.max}.`,
            };
          }
      }
      for (const n of block.names ?? []) {
        this.dropName(n.name);
        this.wb.definedNames.add(sheetAddress(ws.name, parseRange(n.address)!), n.name);
      }
    });
    if (plan.metadata?.length) this.writeMetadata(plan.metadata);
    if (plan.activate) {
      const idx = this.wb.worksheets.findIndex((ws) => same(ws.name, plan.activate!));
      this.wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: idx, visibility: 'visible' }];
    }
    // Our formulas have no cached results; a formula elsewhere in the workbook (a person's, on an RL_ name or on
    // a cell just written) has one from before this write, which may now be wrong: it is dropped, and Excel and
    // LibreOffice are asked to calculate on open. (LibreOffice does not honour fullCalcOnLoad with its default
    // "never recalculate" setting for .xlsx, but it does calculate a formula that has no cached result.)
    if (this.dropCachedResults() || hasFormulas) this.wb.calcProperties = { ...this.wb.calcProperties, fullCalcOnLoad: true };
  }

  /** Removes the cached result of every formula cell; true when the workbook has a formula. */
  private dropCachedResults(): boolean {
    let any = false;
    for (const ws of this.wb.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.type !== ExcelJS.ValueType.Formula) return;
          any = true;
          const value = cell.value as unknown as Record<string, unknown>;
          if (!('result' in value)) return;
          const { result: _stale, ...rest } = value;
          cell.value = rest as unknown as ExcelJS.CellValue;
        });
      });
    }
    return any;
  }

  /** Like Excel's table.delete(): the table goes with its cells. */
  private dropTable(name: string): void {
    for (const ws of this.wb.worksheets) {
      for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
        if (!same(tableName(t), name)) continue;
        const r = tableRange(t);
        ws.removeTable(tableName(t));
        if (r)
          for (let row = r.top; row <= r.bottom; row++)
            for (let col = r.left; col <= r.right; col++) {
              const cell = ws.getCell(row + 1, col + 1);
              cell.value = null;
              cell.style = {};
            }
      }
    }
  }

  private dropName(name: string): void {
    const map = (this.wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap;
    for (const k of Object.keys(map)) if (same(k, name)) delete map[k];
  }

  private writeMetadata(entries: { key: string; value: string }[]): void {
    let ws = this.findSheet(META_SHEET);
    const current = ws ? readMetaRows(ws) : new Map<string, string>();
    ws ??= this.wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
    for (const e of entries) current.set(e.key, e.value);
    ws.getCell(1, 1).value = 'key';
    ws.getCell(1, 2).value = 'value';
    [...current.entries()].forEach(([k, v], i) => {
      ws!.getCell(i + 2, 1).value = k;
      ws!.getCell(i + 2, 2).value = v;
    });
  }

  async listSheets(): Promise<string[]> {
    return this.wb.worksheets.map((ws) => ws.name).filter((n) => n !== META_SHEET);
  }

  async readSheet(name: string): Promise<SheetSnapshot | null> {
    const ws = name === META_SHEET ? undefined : this.findSheet(name);
    if (!ws) return null;
    let rows = 0;
    let cols = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.value !== null && cell.value !== undefined) {
          rows = Math.max(rows, r);
          cols = Math.max(cols, c);
        }
      });
    });
    const values: CellValue[][] = [];
    const numberFormats: string[][] = [];
    const formulas: string[][] = [];
    for (let r = 1; r <= rows; r++) {
      const vRow: CellValue[] = [];
      const nRow: string[] = [];
      const fRow: string[] = [];
      const row = ws.getRow(r);
      for (let c = 1; c <= cols; c++) {
        const cell = row.getCell(c);
        vRow.push(cellValue(cell.value));
        nRow.push(cell.numFmt || 'General');
        fRow.push(cell.formula ? `=${cell.formula}` : '');
      }
      values.push(vRow);
      numberFormats.push(nRow);
      formulas.push(fRow);
    }
    const tables = (ws.getTables() as unknown as ExcelJS.Table[]).map((t) => ({
      name: tableName(t),
      address: formatRange(tableRange(t)!),
    }));
    return { name: ws.name, values, numberFormats, formulas, tables };
  }

  async readTable(name: string): Promise<CellValue[][] | null> {
    for (const ws of this.wb.worksheets) {
      for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
        if (!same(tableName(t), name)) continue;
        const r = tableRange(t)!;
        const out: CellValue[][] = [];
        for (let row = r.top; row <= r.bottom; row++) {
          const line: CellValue[] = [];
          for (let col = r.left; col <= r.right; col++) line.push(cellValue(ws.getCell(row + 1, col + 1).value));
          out.push(line);
        }
        // A table needs a data row (addTable writes an empty one for a header-only table): read as the header.
        if (out.length === 2 && out[1].every((v) => v === null)) out.pop();
        return out;
      }
    }
    return null;
  }

  async getMetadata(key: string): Promise<string | null> {
    const ws = this.findSheet(META_SHEET);
    return ws ? (readMetaRows(ws).get(key) ?? null) : null;
  }

  /** Defined names and what they refer to, e.g. { name: "RL_x", ranges: ["'NEV'!$B$5:$D$5"] }. */
  listNames(): { name: string; ranges: string[] }[] {
    const map = (this.wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap;
    return Object.keys(map).map((name) => ({ name, ranges: this.wb.definedNames.getRanges(name).ranges }));
  }
}

async function loadWorkbook(bytes: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as ArrayBuffer);
  } catch (e) {
    throw new Error(`Not a readable .xlsx file: ${(e as Error).message}`, { cause: e });
  }
  return wb;
}

function toExcelJs(block: WriteBlock, r: number, c: number): { value: ExcelJS.CellValue; numFmt: string; bold: boolean } {
  const cell = resolveCell(block, r, c);
  let value: ExcelJS.CellValue;
  if (cell.formula) value = { formula: cell.formula.slice(1) } as ExcelJS.CellFormulaValue;
  else if (cell.hyperlink) value = { text: String(cell.value), hyperlink: cell.hyperlink };
  else value = cell.value === '' ? null : cell.value; // a string stays a string cell, never a formula
  return { value, numFmt: cell.numberFormat, bold: cell.bold };
}

/** Returns true when the block holds a formula. */
function writeCells(ws: ExcelJS.Worksheet, block: WriteBlock, range: RangeRef): boolean {
  let formulas = false;
  for (let r = 0; r < block.values.length; r++) {
    const row = ws.getRow(range.top + r + 1);
    for (let c = 0; c < block.values[r].length; c++) {
      const { value, numFmt, bold } = toExcelJs(block, r, c);
      const cell = row.getCell(range.left + c + 1);
      cell.style = {};
      cell.value = value;
      if (numFmt !== 'General') cell.numFmt = numFmt;
      if (bold) cell.font = { bold: true };
      if (value !== null && typeof value === 'object' && 'formula' in value) formulas = true;
    }
  }
  block.columns?.forEach((col, c) => {
    if (col.width) ws.getColumn(range.left + c + 1).width = col.width;
  });
  return formulas;
}

function addTable(ws: ExcelJS.Worksheet, block: WriteBlock, range: RangeRef): void {
  const header = block.values[0].map((h) => String(h));
  const rows = block.values.slice(1).map((_, i) => block.values[0].map((__, c) => toExcelJs(block, i + 1, c).value));
  ws.addTable({
    name: block.table!.name,
    ref: formatRange({ top: range.top, left: range.left, bottom: range.top, right: range.left }),
    headerRow: true,
    style: { theme: (block.table!.style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
    columns: header.map((name) => ({ name, filterButton: true })),
    rows: rows.length > 0 ? rows : [header.map(() => null)],
  });
}

function tableName(t: ExcelJS.Table): string {
  return (t as unknown as { name?: string; table?: { name: string } }).table?.name ?? (t as unknown as { name: string }).name;
}

function tableRange(t: ExcelJS.Table): RangeRef | null {
  const model = (t as unknown as { table?: { tableRef?: string; ref?: string } }).table;
  return parseRange(model?.tableRef ?? model?.ref ?? '');
}

function readMetaRows(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const k = cellValue(row.getCell(1).value);
    if (typeof k === 'string' && k !== '') out.set(k, String(cellValue(row.getCell(2).value) ?? ''));
  });
  return out;
}

/** exceljs value -> port value: formula results, rich text and hyperlinks become plain values. */
function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  const o = v as unknown as Record<string, unknown>;
  if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? null : cellValue(o.result as ExcelJS.CellValue);
  if ('richText' in o) return (o.richText as { text: string }[]).map((p) => p.text).join('');
  if ('hyperlink' in o) return String(o.text ?? o.hyperlink);
  if ('error' in o) return String(o.error);
  return String(v);
}
