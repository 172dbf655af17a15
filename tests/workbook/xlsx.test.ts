import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRange, formatRange } from '../../src/workbook/address';
import { XlsxWorkbook, type XlsxWorkbookOptions } from '../../src/workbook/xlsx/xlsxWorkbook';
import { faultAfterBlocks } from '../helpers/faults';
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

const SOFFICE = '/usr/bin/soffice';
const dir = mkdtempSync(join(tmpdir(), 'rlab-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('XlsxWorkbook specifics', () => {
  async function writeCalcFile(): Promise<Uint8Array> {
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

  it('LibreOffice computes the formulas and keeps data text as text', async () => {
    expect(existsSync(SOFFICE)).toBe(true);
    const file = join(dir, 'calc.xlsx');
    writeFileSync(file, await writeCalcFile());
    await promisify(execFile)(
      SOFFICE,
      ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'csv', '--outdir', dir, file],
      { timeout: 90_000 },
    );
    const csv = readFileSync(join(dir, 'calc.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('Item,Units,Note');
    expect(csv.slice(1, 4).map((line) => line.split(','))).toEqual([
      ['a', '1200', '=1+1'],
      ['b', '3400.5', '+SUM(B2:B3)'],
      ['c', '5000', '-2-3'],
    ]);
    const [label, total, mean] = csv[4].split(',');
    expect(label).toBe('Total');
    expect(rel(Number(total), 9600.5)).toBe(true);
    expect(rel(Number(mean), 9600.5 / 3)).toBe(true);
  }, 120_000);

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
