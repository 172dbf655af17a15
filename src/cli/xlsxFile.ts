/** Opens the .xlsx a CLI command writes into: the existing workbook (its other sheets are kept) or a new one. */
import type { XlsxWorkbook } from '../workbook/xlsx/xlsxWorkbook';
import type { CliIo } from './types';

export async function openOrCreateXlsx(path: string, io: CliIo): Promise<{ workbook: XlsxWorkbook } | { error: string }> {
  let existing: Uint8Array | null = null;
  try {
    existing = await io.readFile(path);
  } catch {
    existing = null; // no workbook yet: create one
  }
  // Loaded on use: exceljs is 2.4 MB of JavaScript that every other CLI call would parse at start-up.
  const { XlsxWorkbook } = await import('../workbook/xlsx/xlsxWorkbook');
  try {
    return { workbook: existing ? await XlsxWorkbook.fromBytes(existing) : XlsxWorkbook.create() };
  } catch (error) {
    return { error: `nothing written to ${path}: it exists but is not a readable .xlsx (${(error as Error).message})` };
  }
}
