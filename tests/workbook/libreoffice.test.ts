/**
 * The .xlsx files the project writes, opened by a real spreadsheet engine: LibreOffice headless recalculates
 * their formulas (one soffice start for all the files of this test; see tests/helpers/libreoffice.ts).
 * The CLI's workbook (formulas on RL_ names) is checked the same way in tests/cli/runXlsx.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isClose } from '../helpers/tolerance';
import { recalculatedCsv } from '../helpers/libreoffice';
import { memoryCalcFile, memoryCalcWorkbook, writeCalcFile } from './calcFiles';

let csv: Record<string, string[]>;

beforeAll(async () => {
  csv = await recalculatedCsv({ xlsxWriter: await writeCalcFile(), download: await memoryCalcFile() });
}, 120_000);

describe('files recalculated by LibreOffice', () => {
  it('XlsxWorkbook: LibreOffice computes the formulas and keeps data text as text', () => {
    const lines = csv.xlsxWriter;
    expect(lines[0]).toBe('Item,Units,Note');
    expect(lines.slice(1, 4).map((line) => line.split(','))).toEqual([
      ['a', '1200', '=1+1'],
      ['b', '3400.5', '+SUM(B2:B3)'],
      ['c', '5000', '-2-3'],
    ]);
    const [label, total, mean] = lines[4].split(',');
    expect(label).toBe('Total');
    expect(isClose(Number(total), 9600.5)).toBe(true);
    expect(isClose(Number(mean), 9600.5 / 3)).toBe(true);
  });

  it('Download .xlsx: formulas recalculate to the values the preview shows', async () => {
    expect((await (await memoryCalcWorkbook()).readSheet('Calc'))!.values[3][1]).toBe(4400.5);
    expect(csv.download).toEqual(['Item,Units', 'a,1000', 'b,3400.5', 'Total,4400.5']);
  });
});
