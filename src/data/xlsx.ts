/**
 * .xlsx input through exceljs (loaded lazily so the task-pane bundle only pays for it on use).
 * Formula cells contribute their cached result as a value, never the formula text.
 */
import { DataImportError } from './types';
import type { TableInput } from './validate';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
    if (v.richText) return v.richText.map((p) => p.text).join('');
    if ('result' in v) return cellText(v.result);
    // A hyperlink cell shows its text; the address is used only when there is no text.
    if (v.hyperlink !== undefined) return cellText(v.text) || v.hyperlink;
    if (typeof v.text === 'string') return v.text;
    if (v.error) return v.error;
    return '';
  }
  return String(value);
}

/** Reads the named sheet (or the first) of an .xlsx file; first row = header. */
export async function xlsxToTable(bytes: Uint8Array, fileName: string, sheetName?: string): Promise<TableInput> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new DataImportError(`"${fileName}" is not a readable .xlsx workbook: ${(error as Error).message}`, 'invalid-xlsx');
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((s) => s.name).join(', ');
    throw new DataImportError(`"${fileName}" has no sheet "${sheetName ?? ''}" (sheets: ${names || 'none'}).`, 'missing-sheet');
  }
  const all: string[][] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value).trim());
    all.push(cells);
  });
  if (all.length === 0) throw new DataImportError(`Sheet "${sheet.name}" of "${fileName}" is empty.`, 'empty-file');
  // Trailing empty header cells come from formatting beyond the data; drop them.
  let headerWidth = all[0].length;
  while (headerWidth > 0 && all[0][headerWidth - 1] === '') headerWidth--;
  const [header, ...rows] = all.map((r) => r.slice(0, Math.max(headerWidth, lastFilled(r))));
  return { header, rows };
}

function lastFilled(row: string[]): number {
  let n = row.length;
  while (n > 0 && row[n - 1] === '') n--;
  return n;
}
