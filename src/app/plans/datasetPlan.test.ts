import { describe, expect, it } from 'vitest';
import { loadReferenceDataset } from '../../data/reference/index';
import { validateText } from '../../data/parseAndValidate';
import { SCHEMAS } from '../../data/schemas';
import type { CellValue } from '../../workbook/plan';
import { validatePlan } from '../../workbook/validate';
import { planImportedTable, planReferenceDataset, REJECTED_SHEET } from './datasetPlan';
import { LINKS_INDEX_KEY, parseTableLink } from '../datasets/sources';
import { tableFingerprint } from '../datasets/tableFingerprint';

const LOADED_AT = '2026-11-28T10:00:00Z';

describe('planReferenceDataset', () => {
  it('writes eight named sheets with one table each, title rows and link metadata, and passes plan validation', async () => {
    const ds = await loadReferenceDataset();
    const { plan, formulaLikeCells } = planReferenceDataset(ds, LOADED_AT);
    expect(plan.sheets.map((s) => s.name)).toEqual([
      'Suppliers',
      'Suppliers (summary)',
      'NEV sales',
      'China share',
      'Exports',
      'Tariffs',
      'Outlooks',
      'Parameters',
    ]);
    const tables = plan.blocks.filter((b) => b.table).map((b) => b.table!.name);
    expect(tables).toEqual([
      'tblSuppliers',
      'tblSuppliersSummary',
      'tblNevSales',
      'tblChinaShare',
      'tblExports',
      'tblTariffs',
      'tblOutlooks',
      'tblParameters',
    ]);
    expect(validatePlan(plan)).toEqual([]);
    const title = plan.blocks.find((b) => b.sheet === 'Tariffs' && !b.table)!;
    expect(title.address).toBe('A1');
    expect(title.values[0][0]).toBe(
      `Tariffs on Chinese vehicles and parts: Reversal Lab reference dataset ${ds.version}, as of ${ds.asOf}`,
    );
    const index = JSON.parse(plan.metadata!.find((m) => m.key === LINKS_INDEX_KEY)!.value);
    expect(index).toEqual(tables);
    const link = parseTableLink(plan.metadata!.find((m) => m.key === 'link:tblSuppliers')!.value)!;
    expect(link).toEqual({
      table: 'tblSuppliers',
      sheet: 'Suppliers',
      schema: 'suppliers',
      source: { kind: 'bundled', dataset: 'suppliers', version: ds.version },
      loadedAt: LOADED_AT,
      rows: 68,
      fingerprint: expect.stringMatching(/^t1:[0-9a-f]{32}$/),
    });
    // The fingerprint is that of the table block as written (checked against read-backs in tableFingerprint.test.ts).
    const suppliersBlock = plan.blocks.find((b) => b.table?.name === 'tblSuppliers')!;
    expect(link.fingerprint).toBe(tableFingerprint(SCHEMAS.suppliers.columns, suppliersBlock.values as CellValue[][]));
    // "+5.2% y/y" and similar supplier texts are flagged, kept as plain strings.
    expect(formulaLikeCells.length).toBe(10);
    expect(formulaLikeCells[0].sheet).toBe('Suppliers');
  });

  it('types columns: hyperlink URLs, ISO date format, number formats, status label after status', async () => {
    const ds = await loadReferenceDataset();
    const { plan } = planReferenceDataset(ds, LOADED_AT);
    const nev = plan.blocks.find((b) => b.table?.name === 'tblNevSales')!;
    const header = nev.values[0] as string[];
    expect(nev.address).toBe('A3');
    const col = (name: string) => header.indexOf(name);
    expect(nev.columns![col('source_url')].hyperlink).toBe(true);
    expect(nev.columns![col('source_date')].numberFormat).toBe('yyyy-mm-dd');
    expect(nev.columns![col('bev_sales_vehicles')].numberFormat).toBe('#,##0');
    expect(header[col('status') + 1]).toBe('status_label');
    const row2025 = nev.values.find((r) => r[col('year')] === 2025)!;
    expect(row2025[col('status_label')]).toBe('provisional');
    expect(nev.values).toHaveLength(75);
  });
});

describe('planImportedTable', () => {
  const csv = 'region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,Mine,68,assumption\nEurope,2030,Mine,abc,assumption\n';

  it('returns null for an invalid import unless acceptValidRows, then adds a Rejected rows table', async () => {
    const validation = await validateText('outlooks', csv, 'mine.csv', { today: '2026-11-28' });
    const source = { kind: 'file' as const, name: 'mine.csv', sha256: 'ab'.repeat(32) };
    expect(planImportedTable({ kind: 'outlooks', validation, source, loadedAt: LOADED_AT })).toBeNull();
    const planned = planImportedTable({
      kind: 'outlooks',
      validation,
      source,
      loadedAt: LOADED_AT,
      acceptValidRows: true,
      existingLinkTables: ['tblSuppliers'],
    })!;
    expect(validatePlan(planned.plan)).toEqual([]);
    expect(planned.plan.sheets.map((s) => s.name)).toEqual(['Outlooks', REJECTED_SHEET]);
    const rejected = planned.plan.blocks.find((b) => b.table?.name === 'tblRejectedRows')!;
    expect(rejected.values).toEqual([
      ['row', 'reasons', 'region', 'year', 'scenario', 'ev_sales_share_new_cars_pct', 'status'],
      [2, '"abc" is not a number (column ev_sales_share_new_cars_pct holds %)', 'Europe', '2030', 'Mine', 'abc', 'assumption'],
    ]);
    const index = JSON.parse(planned.plan.metadata!.find((m) => m.key === LINKS_INDEX_KEY)!.value);
    expect(index).toEqual(['tblSuppliers', 'tblOutlooks']);
  });
});
