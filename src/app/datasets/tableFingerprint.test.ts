import { describe, expect, it } from 'vitest';
import { loadReferenceDataset } from '../../data/reference/index';
import { validateText } from '../../data/parseAndValidate';
import { SCHEMAS } from '../../data/schemas';
import type { ColumnSpec } from '../../data/types';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import type { WorkbookPort } from '../../workbook/port';
import { XlsxWorkbook } from '../../workbook/xlsx/xlsxWorkbook';
import { planImportedTable, planReferenceDataset, summaryColumns } from '../plans/datasetPlan';
import { parseTableLink } from './sources';
import { TableFingerprinter, tableFingerprint } from './tableFingerprint';

const LOADED_AT = '2026-11-28T10:00:00Z';

/** Every link written by the reference plan must match the fingerprint of the table read back. */
async function expectRoundTrip(port: WorkbookPort, columnsOf: (schema: string, header: string[]) => ColumnSpec[]) {
  const ds = await loadReferenceDataset();
  const { plan } = planReferenceDataset(ds, LOADED_AT);
  await port.apply(plan);
  const links = plan.metadata!.filter((m) => m.key.startsWith('link:')).map((m) => parseTableLink(m.value)!);
  expect(links.length).toBe(8);
  for (const link of links) {
    const cells = (await port.readTable(link.table))!;
    expect(cells.length - 1).toBe(link.rows);
    expect({ table: link.table, fp: tableFingerprint(columnsOf(link.schema, cells[0].map(String)), cells) }).toEqual({
      table: link.table,
      fp: link.fingerprint,
    });
  }
}

const columnsOf = (schema: string, header: string[]) =>
  schema === 'suppliers-summary'
    ? summaryColumns(header.filter((h) => h !== 'status_label'))
    : SCHEMAS[schema as keyof typeof SCHEMAS].columns;

describe('tableFingerprint', () => {
  it('keeps the value links already store (the hash must never change) and gives it row by row too', () => {
    const cols = SCHEMAS['nev-sales'].columns;
    const cells: (string | number | null)[][] = [cols.map((c) => c.name).concat(['status_label', 'extra'])];
    for (let i = 0; i < 500; i++)
      cells.push(cols.map((_, j) => (j % 3 === 0 ? i * 1.5 : j % 3 === 1 ? `v${i}é€${j}` : null)).concat(['lbl', i % 2 ? 'x' : null]));
    // Computed by the version before the import rewrite (commit b7d986d).
    expect(tableFingerprint(cols, cells)).toBe('t1:db914912b23c73874d9a9d40e10c5133');
    expect(tableFingerprint([], [[]])).toBe('t1:cb7b08776affa6a888ef3d3eb8c3c757');
    const rowByRow = new TableFingerprinter(cols, cells[0], cells.length);
    for (const row of cells.slice(1)) rowByRow.row(row);
    expect(rowByRow.finish()).toBe('t1:db914912b23c73874d9a9d40e10c5133');
  });

  it('round-trips through MemoryWorkbook for all eight reference tables', async () => {
    await expectRoundTrip(new MemoryWorkbook(), columnsOf);
  });

  it('round-trips through the xlsx adapter, including a save and reopen of the file', async () => {
    const written = XlsxWorkbook.create();
    await expectRoundTrip(written, columnsOf);
    const reopened = await XlsxWorkbook.fromBytes(await written.toBytes());
    const link = parseTableLink(await reopened.getMetadata('link:tblTariffs'))!;
    const cells = (await reopened.readTable('tblTariffs'))!;
    expect(tableFingerprint(SCHEMAS.tariffs.columns, cells)).toBe(link.fingerprint);
  });

  it('round-trips an imported file on xlsx and changes when one cell is edited', async () => {
    const csv = 'region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,Mine,68.5,assumption\nEurope,2030,Mine,,assumption\n';
    const validation = await validateText('outlooks', csv, 'mine.csv', { today: '2026-11-28' });
    const planned = planImportedTable({
      kind: 'outlooks',
      validation,
      source: { kind: 'file', name: 'mine.csv', sha256: '0'.repeat(64) },
      loadedAt: LOADED_AT,
    })!;
    const wb = XlsxWorkbook.create();
    await wb.apply(planned.plan);
    const reopened = await XlsxWorkbook.fromBytes(await wb.toBytes());
    const link = parseTableLink(await reopened.getMetadata('link:tblOutlooks'))!;
    const cells = (await reopened.readTable('tblOutlooks'))!;
    expect(tableFingerprint(SCHEMAS.outlooks.columns, cells)).toBe(link.fingerprint);
    const edited = cells.map((row) => [...row]);
    edited[2][3] = 41;
    expect(tableFingerprint(SCHEMAS.outlooks.columns, edited)).not.toBe(link.fingerprint);
  });

  it('normalises the read-back forms a workbook may return (date serials, numeric text, empty text)', () => {
    const columns: ColumnSpec[] = [
      { name: 'effective_date', type: 'date' },
      { name: 'rate_pct', type: 'number' },
      { name: 'note', type: 'text' },
    ];
    const written = [
      ['effective_date', 'rate_pct', 'note'],
      ['2024-10-30', 17.4, null],
    ];
    // Excel turns "2024-10-30" into serial 45595 and may hand back numbers as text; an empty cell may be "".
    const readBack = [
      ['effective_date', 'rate_pct', 'note'],
      [45595, '17.4', ''],
    ];
    expect(tableFingerprint(columns, readBack)).toBe(tableFingerprint(columns, written));
    // Text typed into a number column is an edit, not an empty cell.
    expect(tableFingerprint(columns, [written[0], ['2024-10-30', 'n/a', null]])).not.toBe(
      tableFingerprint(columns, [written[0], ['2024-10-30', null, null]]),
    );
    // A column a person added is part of the table.
    expect(
      tableFingerprint(columns, [
        [...written[0], 'mine'],
        [...written[1], 1],
      ]),
    ).not.toBe(tableFingerprint(columns, written));
  });
});
