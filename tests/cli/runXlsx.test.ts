/**
 * `reversal-lab run --xlsx`: the pane's scenario layout (Inputs and Results sheets, tables, RL_ names, the
 * reference data the first time) written into a new or an existing workbook, whose other sheets and formulas stay;
 * LibreOffice headless recalculates a user formula on an RL_ name to the new scenario's value.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { INPUTS_SHEET, INPUTS_TABLE, paramCellName } from '../../src/app/scenario/parameterCells';
import { runCli } from '../../src/cli/main';
import { PARAMS } from '../../src/model/params';
import { outputIdToName } from '../../src/workbook/address';
import { XlsxWorkbook } from '../../src/workbook/xlsx/xlsxWorkbook';
import { fakeIo } from '../helpers/fakeIo';
import { recalculatedCsv } from '../helpers/libreoffice';

type RunJson = { series: { id: string; years: number[]; values: (number | null)[] }[] };
const at = (json: RunJson, id: string, year: number) => {
  const s = json.series.find((x) => x.id === id)!;
  return s.values[s.years.indexOf(year)]!;
};

/** A person's workbook: their sheet first, with formulas on RL_ names (stale cached results) and on their own cells. */
async function userWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mine');
  ws.getCell('A1').value = 'China NEV share 2030';
  ws.getCell('B1').value = { formula: `INDEX(${outputIdToName('nev.share.China')},1,16)`, result: 0.123 } as ExcelJS.CellFormulaValue;
  ws.getCell('A2').value = 'China ceiling';
  ws.getCell('B2').value = { formula: paramCellName('nev.ceiling.China'), result: 0.123 } as ExcelJS.CellFormulaValue;
  ws.getCell('A3').value = 'Extra EU tariff';
  ws.getCell('B3').value = { formula: paramCellName('exports.tariff.Europe'), result: 0.123 } as ExcelJS.CellFormulaValue;
  ws.getCell('A4').value = 'My number';
  ws.getCell('B4').value = 21;
  ws.getCell('C4').value = { formula: 'B4*2', result: 42 } as ExcelJS.CellFormulaValue;
  wb.addWorksheet('Notes').getCell('A1').value = 'keep me';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A CSV cell as LibreOffice shows it: a formula on a share takes the share's format ("76.687023463484%"). */
const num = (text: string) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));

/** Each file's first sheet after LibreOffice recalculated it, as CSV cells (one soffice start for all files). */
async function recalculated(files: Record<string, Uint8Array>): Promise<Record<string, string[][]>> {
  const csv = await recalculatedCsv(files);
  return Object.fromEntries(Object.entries(csv).map(([name, lines]) => [name, lines.map((l) => l.split(','))]));
}

describe('reversal-lab run --xlsx', () => {
  it('writes Inputs and Results (tables, RL_ names, the same numbers as --json) and the reference data into a new workbook', async () => {
    const f = fakeIo();
    expect(
      await runCli(['run', '--scenario', 'fortress', '--set', 'nev.ceiling.China=0.9', '--json', 'r.json', '--xlsx', 'new.xlsx'], f.io),
    ).toBe(0);
    expect(f.text()).toContain('Wrote the Inputs and Results sheets, reference data to new.xlsx');
    const json = JSON.parse(f.written['r.json']) as RunJson;
    const wb = await XlsxWorkbook.fromBytes(f.writtenBytes['new.xlsx']);
    const sheets = await wb.listSheets();
    for (const s of [INPUTS_SHEET, 'Results', 'NEV sales', 'Parameters']) expect(sheets).toContain(s);
    const names = new Map(wb.listNames().map((n) => [n.name, n.ranges[0]]));
    expect(names.get(outputIdToName('nev.share.China'))).toMatch(/^'?Results'?!\$D\$\d+:\$AC\$\d+$/);
    expect(names.get(paramCellName('nev.ceiling.China'))).toMatch(/^'?Inputs'?!\$B\$\d+$/);
    // Inputs: one row per parameter with this run's value (preset fortress + --set).
    const inputs = (await wb.readTable(INPUTS_TABLE))!;
    expect(inputs[0].slice(0, 2)).toEqual(['Parameter id', 'Value']);
    expect(inputs.length - 1).toBe(PARAMS.length);
    const valueOf = (id: string) => inputs.find((r) => r[0] === id)![1];
    expect(valueOf('nev.ceiling.China')).toBe(0.9);
    expect(valueOf('exports.tariff.Europe')).toBe(0.25); // the fortress preset
    // Results: the row of a name holds the --json series.
    const results = (await wb.readSheet('Results'))!;
    const row = results.values.find((r) => r[0] === 'nev.share.China')!;
    const series = json.series.find((s) => s.id === 'nev.share.China')!;
    expect(row.slice(3)).toEqual(series.values);
    expect(results.values[1][0]).toContain('Changed from the preset: ');
    expect(results.values[1][0]).toContain('= 90.0 %');
  });

  it('keeps the other sheets of an existing workbook, and LibreOffice recalculates formulas on RL_ names to the new scenario', async () => {
    const f = fakeIo({ 'book.xlsx': await userWorkbook() });
    expect(await runCli(['run', '--json', 'base.json', '--xlsx', 'book.xlsx'], f.io)).toBe(0);
    const base = JSON.parse(f.written['base.json']) as RunJson;

    // A second run into the file the first wrote: another scenario; the user's sheets are untouched, their formulas follow.
    const g = fakeIo({ 'book.xlsx': f.writtenBytes['book.xlsx'] });
    expect(
      await runCli(['run', '--scenario', 'fortress', '--set', 'nev.ceiling.China=0.7', '--json', 'next.json', '--xlsx', 'book.xlsx'], g.io),
    ).toBe(0);
    expect(g.text()).toMatch(/Wrote the Inputs and Results sheets to book\.xlsx/); // reference data already there: kept
    const next = JSON.parse(g.written['next.json']) as RunJson;
    expect(at(next, 'nev.share.China', 2030)).not.toBeCloseTo(at(base, 'nev.share.China', 2030), 3);
    // Both files recalculated by one LibreOffice start; the first run's file as it was before the second run.
    const { first, second } = await recalculated({ first: f.writtenBytes['book.xlsx'], second: g.writtenBytes['book.xlsx'] });
    expect(first[0][0]).toBe('China NEV share 2030');
    expect(num(first[0][1])).toBeCloseTo(at(base, 'nev.share.China', 2030), 12);
    expect(Number(first[1][1])).toBe(0.85);
    expect(Number(first[2][1])).toBe(0);
    expect(first[3]).toEqual(['My number', '21', '42']);
    expect(first[0][1]).toMatch(/%$/); // the share's number format came along with the name

    expect(num(second[0][1])).toBeCloseTo(at(next, 'nev.share.China', 2030), 12);
    expect(Number(second[1][1])).toBe(0.7);
    expect(Number(second[2][1])).toBe(0.25);
    expect(second[3]).toEqual(['My number', '21', '42']);
    const wb = await XlsxWorkbook.fromBytes(g.writtenBytes['book.xlsx']);
    expect((await wb.listSheets()).slice(0, 2)).toEqual(['Mine', 'Notes']);
    expect((await wb.readSheet('Notes'))!.values).toEqual([['keep me']]);
    expect((await wb.readSheet('Mine'))!.formulas![2][1]).toBe(`=${paramCellName('exports.tariff.Europe')}`);
  }, 240_000);

  it('refuses a bad --set naming the parameter, and a file that is not an .xlsx, writing nothing', async () => {
    const f = fakeIo({ 'bad.xlsx': 'not a zip' });
    expect(await runCli(['run', '--set', 'nev.ceiling.China=1.5', '--xlsx', 'out.xlsx'], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/--set: parameter 'nev\.ceiling\.China' = 1\.5 is out of range/);
    expect(await runCli(['run', '--set', 'nev.ceiling.Chin=0.5'], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/unknown parameter 'nev\.ceiling\.Chin'/);
    expect(await runCli(['run', '--set', 'nev.ceiling.China=abc'], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/--set nev\.ceiling\.China=abc: the value must be a number/);
    expect(await runCli(['run', '--set', 'nev.ceiling.China'], f.io)).toBe(2);
    expect(await runCli(['run', '--xlsx', 'bad.xlsx'], f.io)).toBe(1);
    expect(f.err.join('')).toMatch(/nothing written to bad\.xlsx/);
    expect(Object.keys(f.writtenBytes)).toEqual([]);
  });
});
