/**
 * "Download .xlsx" in standalone mode: the in-memory workbook (reference tables, results, the user's own
 * edits, defined names, linked-source metadata) rebuilt in an .xlsx file that Excel or LibreOffice opens
 * and recalculates. exceljs loads on first use only, so the pane's first paint does not pay for it.
 */
import type { SerializedWorkbook } from '../../workbook/memory/memoryState';
import { workbookToPlan } from '../../workbook/memory/toPlan';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The .xlsx bytes of a saved in-memory workbook; an empty workbook is refused with a clear message. */
export async function workbookToXlsx(saved: SerializedWorkbook): Promise<Uint8Array> {
  if (saved.sheets.length === 0) throw new Error('The workbook has no sheets yet: load the reference data or write results first.');
  const plan = workbookToPlan(saved);
  const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ '../../workbook/xlsx/xlsxWorkbook');
  const file = XlsxWorkbook.create();
  await file.apply(plan);
  return file.toBytes();
}

/** A file name like "reversal-lab-2026-11-28.xlsx" for the given day. */
export function exportFileName(now: Date = new Date()): string {
  return `reversal-lab-${now.toISOString().slice(0, 10)}.xlsx`;
}
