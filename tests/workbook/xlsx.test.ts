import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseRange, formatRange } from '../../src/workbook/address';
import { XlsxWorkbook, type XlsxWorkbookOptions } from '../../src/workbook/xlsx/xlsxWorkbook';
import { faultAfterBlocks } from '../helpers/faults';
import { writeCalcFile } from './calcFiles';
import { runWorkbookContract } from './contract';

runWorkbookContract('xlsx (exceljs)', {
  make: async () => XlsxWorkbook.create(),
  makeFailing: async () => {
    const options: XlsxWorkbookOptions = {};
    const port = XlsxWorkbook.create(options);
    return {
      port,
      arm: () => {
        options.beforeBlock = faultAfterBlocks(1);
      },
    };
  },
  nameRef: async (port, name) => {
    const n = (port as XlsxWorkbook).listNames().find((x) => x.name.toLowerCase() === name.toLowerCase());
    const m = n && /^'?(.+?)'?!(.+)$/.exec(n.ranges[0]);
    return m ? { sheet: m[1], address: formatRange(parseRange(m[2])!) } : null;
  },
  // A file has no person typing; what Excel or LibreOffice would save for a typed cell is a plain value.
  userEdit: async (port, sheet, address, value) => {
    (port as XlsxWorkbook).workbook.getWorksheet(sheet)!.getCell(address).value = value;
  },
  validation: async (port, sheet, address) => {
    // Through the saved file, so the validation is what Excel would open.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (port as XlsxWorkbook).toBytes()) as unknown as ArrayBuffer);
    const v = wb.getWorksheet(sheet)!.getCell(address).dataValidation;
    if (!v || v.type !== 'decimal') return null;
    return { min: Number(v.formulae![0]), max: Number(v.formulae![1]), title: v.promptTitle ?? '', message: v.prompt ?? '' };
  },
});

describe('XlsxWorkbook specifics', () => {
  it('stores data strings as string cells, formulas only from FormulaCell, metadata very hidden', async () => {
    const bytes = await writeCalcFile();
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = raw.getWorksheet('Calc')!;
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C2').value).toBe('=1+1');
    expect(ws.getCell('B5').formula).toBe('SUM(B2:B4)');
    expect(raw.getWorksheet('_rlab_meta')!.state).toBe('veryHidden');

    const back = await XlsxWorkbook.fromBytes(bytes);
    const snap = (await back.readSheet('Calc'))!;
    expect(snap.values[1]).toEqual(['a', 1200, '=1+1']);
    expect(snap.formulas![4]).toEqual(['', '=SUM(B2:B4)', '=B5/COUNT(B2:B4)']);
    expect(snap.numberFormats![2][1]).toBe('0.0');
    expect(await back.getMetadata('dataset')).toBe('v1');
    expect(await back.listSheets()).toEqual(['Calc']);
  });

  it('keeps tables, names and hyperlinks through a file round trip', async () => {
    const wb = XlsxWorkbook.create();
    await wb.apply({
      sheets: [],
      blocks: [
        {
          sheet: 'Src',
          address: 'B2',
          values: [
            ['Name', 'Url'],
            ['IEA', 'https://www.iea.org'],
            ['Bad', 'javascript:alert(1)'],
          ],
          columns: [{}, { hyperlink: true }],
          table: { name: 'tblSources', style: 'TableStyleLight9' },
          names: [{ name: 'RL_src.urls', address: 'C3:C4' }],
        },
      ],
    });
    const back = await XlsxWorkbook.fromBytes(await wb.toBytes());
    expect(await back.readTable('tblSources')).toEqual([
      ['Name', 'Url'],
      ['IEA', 'https://www.iea.org'],
      ['Bad', 'javascript:alert(1)'],
    ]);
    expect(back.listNames().map((n) => n.name)).toEqual(['RL_src.urls']);
    expect(back.listNames()[0].ranges).toEqual([expect.stringMatching(/^'?Src'?!\$C\$3:\$C\$4$/)]);
    const ws = back.workbook.getWorksheet('Src')!;
    expect(ws.getCell('C3').hyperlink).toBe('https://www.iea.org');
    expect(ws.getCell('C4').hyperlink).toBeUndefined();
  });

  it('rejects bytes that are not an xlsx file with a clear error', async () => {
    await expect(XlsxWorkbook.fromBytes(new TextEncoder().encode('Region,Share\nChina,0.5'))).rejects.toThrow(/Not a readable \.xlsx file/);
  });
});
