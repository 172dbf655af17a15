/**
 * Small workbooks with formulas and formula-like data text, written by the project's writers; shared by the
 * writer tests and the LibreOffice recalculation test (libreoffice.test.ts).
 */
import { workbookToXlsx } from '../../src/app/datasets/exportXlsx';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { XlsxWorkbook } from '../../src/workbook/xlsx/xlsxWorkbook';

/** XlsxWorkbook: a Calc sheet with SUM and mean formulas, and data text that looks like formulas (=, +, -). */
export async function writeCalcFile(): Promise<Uint8Array> {
  const wb = XlsxWorkbook.create();
  await wb.apply({
    sheets: [{ name: 'Calc', clear: true, freeze: { rows: 1, columns: 0 } }],
    blocks: [
      {
        sheet: 'Calc',
        address: 'A1',
        values: [
          ['Item', 'Units', 'Note'],
          ['a', 1200, '=1+1'],
          ['b', 3400.5, '+SUM(B2:B3)'],
          ['c', 5000, '-2-3'],
          ['Total', { formula: '=SUM(B2:B4)' }, { formula: '=B5/COUNT(B2:B4)' }],
        ],
        columns: [{}, { numberFormat: '0.0' }, {}],
      },
    ],
    metadata: [{ key: 'dataset', value: 'v1' }],
  });
  return wb.toBytes();
}

/** The standalone workbook after a person's edit (B2 = 1000), as Download .xlsx writes it; the preview shows Total 4,400.5. */
export async function memoryCalcWorkbook(): Promise<MemoryWorkbook> {
  const memory = new MemoryWorkbook();
  await memory.apply({
    sheets: [{ name: 'Calc', clear: true, freeze: { rows: 1, columns: 0 } }],
    blocks: [
      {
        sheet: 'Calc',
        address: 'A1',
        values: [
          ['Item', 'Units'],
          ['a', 1200],
          ['b', 3400.5],
          ['Total', { formula: '=SUM(B2:B3)' }],
        ],
        columns: [{}, { numberFormat: '#,##0.0' }],
      },
    ],
  });
  memory.setCellByUser('Calc', 'B2', 1000); // the user's edit, recomputed in the preview
  return memory;
}

export async function memoryCalcFile(): Promise<Uint8Array> {
  return workbookToXlsx((await memoryCalcWorkbook()).serialize());
}
