import { describe, expect, it } from 'vitest';
import { parseTableLink } from '../../app/datasets/sources';
import { XlsxWorkbook } from '../../workbook/xlsx/xlsxWorkbook';
import { fakeIo } from '../../../tests/helpers/fakeIo';
import { runCli } from '../main';

const HEADER = 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\n';
// Fictional user rows; test input only.
const FIRST = HEADER + 'Thailand,2023,76000,9.8,My dealer survey,assumption\n';
const MORE = HEADER + 'Thailand,2024,100000,12.5,My dealer survey,assumption\n';
const CLASH = HEADER + 'Thailand,2023,1,0.5,My dealer survey,assumption\n';
const args = (file: string, ...extra: string[]) => [
  'import',
  file,
  '--kind',
  'nev-sales',
  '--xlsx',
  'out.xlsx',
  '--today',
  '2026-11-28',
  ...extra,
];

describe('reversal-lab import --xlsx --append', () => {
  it('adds rows to the table already in the .xlsx and records a combined link', async () => {
    const { io, out, writtenBytes } = fakeIo({ 'first.csv': FIRST, 'more.csv': MORE });
    expect(await runCli(args('first.csv'), io)).toBe(0);
    expect(await runCli(args('more.csv', '--append'), io)).toBe(0);
    expect(out.join('')).toContain('Appended 1 rows to NEV sales (tblNevSales): 1 existing + 1 new = 2 rows in out.xlsx');
    const wb = await XlsxWorkbook.fromBytes(writtenBytes['out.xlsx']);
    const cells = (await wb.readTable('tblNevSales'))!;
    expect(cells.slice(1).map((r) => r[cells[0].indexOf('year')])).toEqual([2023, 2024]);
    const link = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    expect(link.source.kind === 'combined' && link.source.parts.map((p) => (p.kind === 'file' ? p.name : p.kind))).toEqual([
      'first.csv',
      'more.csv',
    ]);
  });

  it('exits 1, names the clash and leaves the .xlsx as it was', async () => {
    const { io, out, writtenBytes } = fakeIo({ 'first.csv': FIRST, 'clash.csv': CLASH });
    expect(await runCli(args('first.csv'), io)).toBe(0);
    const before = writtenBytes['out.xlsx'];
    expect(await runCli(args('clash.csv', '--append'), io)).toBe(1);
    const text = out.join('');
    expect(text).toContain(
      'nothing written to out.xlsx: Nothing written: 1 rows of clash.csv repeat keys (region, year, dataset) already in tblNevSales',
    );
    expect(text).toContain('error row 1, region+year+dataset');
    expect(text).toContain('Row 1: its key (region=Thailand, year=2023, dataset=My dealer survey) is already in tblNevSales (table row 1)');
    expect(writtenBytes['out.xlsx']).toBe(before);
  });

  it('refuses --append without --xlsx (exit 2)', async () => {
    const { io, err } = fakeIo({ 'first.csv': FIRST });
    expect(await runCli(['import', 'first.csv', '--kind', 'nev-sales', '--append'], io)).toBe(2);
    expect(err.join('')).toContain('--append needs --xlsx <path>');
  });
});
