import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import { importData, loadReferenceData } from './importData';
import { refreshAll } from './refresh';

const enc = (s: string) => new TextEncoder().encode(s);
const clock = () => '2026-11-28T10:00:00Z';
const referenceCsv = readFileSync(fileURLToPath(new URL('../../data/reference/suppliers.csv', import.meta.url)), 'utf8').trim();
const [HEADER] = referenceCsv.split(/\r?\n/);
/** A supplier file of n rows; fictional companies, test input only. */
const suppliers = (n: number) =>
  [
    HEADER,
    ...Array.from(
      { length: n },
      (_, i) =>
        `Acme ${i},Germany,Western Tier 1,global_revenue,${i + 1},EUR bn,,FY2024,assumption,Test,Test file,https://example.com/${i},2025-01-01`,
    ),
  ].join('\n');

async function loaded(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  expect((await loadReferenceData(wb, clock)).ok).toBe(true);
  return wb;
}
const cellValue = async (wb: MemoryWorkbook, sheet: string, address: string) => {
  const view = wb.getSheetView(sheet)!;
  const m = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return view.rows[Number(m[2]) - 1]?.[col]?.value ?? null;
};

describe("a person's content on data sheets", () => {
  it('survives reloading the reference data, re-importing and refreshing', async () => {
    const wb = await loaded();
    wb.setCellByUser('Suppliers', 'P2', 'my note: check ZF figures');
    wb.setCellByUser('NEV sales', 'Z10', 42);
    expect((await loadReferenceData(wb, clock)).ok).toBe(true);
    expect(await cellValue(wb, 'Suppliers', 'P2')).toBe('my note: check ZF figures');
    expect(await cellValue(wb, 'NEV sales', 'Z10')).toBe(42);

    const report = await importData(wb, { kind: 'suppliers', bytes: enc(suppliers(10)), fileName: 'mine.csv' }, clock);
    expect(report.ok).toBe(true);
    expect(await cellValue(wb, 'Suppliers', 'P2')).toBe('my note: check ZF figures');
    // The shorter table replaced the longer one completely: no stale reference rows below it.
    expect((await wb.readTable('tblSuppliers'))!.length).toBe(11);
    expect(await cellValue(wb, 'Suppliers', 'A14')).toBeNull();
    expect(await cellValue(wb, 'Suppliers', 'A40')).toBeNull();

    const refreshed = await refreshAll(wb, {
      fetchUrl: async () => {
        throw new Error('offline');
      },
      readFile: async () => enc(suppliers(12)),
      now: clock,
    });
    expect(refreshed.tables.find((t) => t.table === 'tblSuppliers')!.status).toBe('updated');
    expect((await wb.readTable('tblSuppliers'))!.length).toBe(13);
    expect(await cellValue(wb, 'Suppliers', 'P2')).toBe('my note: check ZF figures');
    expect(await cellValue(wb, 'NEV sales', 'Z10')).toBe(42);
  });

  it('refuses a table that would grow over a note below it, names the cell and writes nothing', async () => {
    const wb = await loaded();
    const rows = (await wb.readTable('tblSuppliers'))!.length; // header + data rows, from row 3
    const below = `A${3 + rows + 1}`; // one empty row under the table
    wb.setCellByUser('Suppliers', below, '=total check');
    const before = JSON.stringify(wb.serialize());

    const report = await importData(wb, { kind: 'suppliers', bytes: enc(suppliers(rows + 5)), fileName: 'big.csv' }, clock);
    expect(report.ok).toBe(false);
    expect(report.message).toBe(
      `Nothing written: the table would grow over your own content at Suppliers!${below} ("=total check"); move it (or delete it) and try again.`,
    );
    expect(JSON.stringify(wb.serialize())).toBe(before);

    // Refresh of a file link meets the same guard.
    wb.setCellByUser('Suppliers', below, null);
    expect((await importData(wb, { kind: 'suppliers', bytes: enc(suppliers(rows - 1)), fileName: 'mine.csv' }, clock)).ok).toBe(true);
    wb.setCellByUser('Suppliers', below, 'keep me');
    const refreshed = await refreshAll(wb, {
      fetchUrl: async () => {
        throw new Error('offline');
      },
      readFile: async () => enc(suppliers(rows + 3)),
      now: clock,
    });
    expect(refreshed.ok).toBe(false);
    expect(refreshed.message).toMatch(
      new RegExp(`^Refresh wrote nothing: the table would grow over your own content at Suppliers!${below} \\("keep me"\\)`),
    );
    expect(await cellValue(wb, 'Suppliers', below)).toBe('keep me');
  });
});
