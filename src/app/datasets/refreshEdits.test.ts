import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import { TABLE_ROW } from '../plans/datasetPlan';
import { NO_FINGERPRINT_NOTE } from './editCheck';
import { importData, loadReferenceData } from './importData';
import { refreshAll, type RefreshDeps } from './refresh';
import { parseTableLink, type FetchUrl } from './sources';

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'region,year,scenario,ev_sales_share_new_cars_pct,status\n';
const V1 = HEADER + 'China,2030,Mine,68,assumption\nEurope,2030,Mine,55,assumption\n';
const V2 = HEADER + 'China,2030,Mine,70,assumption\nUnited States,2030,Mine,30,assumption\n';
const clock = (iso: string) => () => iso;
const noFetch: FetchUrl = async () => {
  throw new Error('no network in this test');
};

/** A1 address of a table cell by header name and 0-based data row. */
async function cellOf(wb: MemoryWorkbook, table: string, column: string, dataRow: number): Promise<string> {
  const header = (await wb.readTable(table))![0];
  const col = header.indexOf(column);
  expect(col).toBeGreaterThanOrEqual(0);
  return `${String.fromCharCode(65 + col)}${TABLE_ROW + 1 + dataRow}`;
}

/** The workbook with an apply counter (the refresh must stay one plan, one apply). */
function counting(wb: MemoryWorkbook): { port: MemoryWorkbook; applies: () => number } {
  let n = 0;
  const port = Object.create(wb) as MemoryWorkbook;
  port.apply = async (plan) => {
    n++;
    return wb.apply(plan);
  };
  return { port, applies: () => n };
}

async function referencePlusOutlooks(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await loadReferenceData(wb, clock('2026-11-28T09:00:00Z'));
  await importData(wb, { kind: 'outlooks', bytes: enc(V1), fileName: 'mine.csv' }, clock('2026-11-28T09:05:00Z'));
  return wb;
}

const deps = (extra: Partial<RefreshDeps> = {}): RefreshDeps => ({
  fetchUrl: noFetch,
  readFile: async () => enc(V2),
  now: clock('2026-11-28T10:00:00Z'),
  ...extra,
});

describe('refresh edit protection', () => {
  it('refreshes an unedited table as before and stores the new fingerprint', async () => {
    const wb = await referencePlusOutlooks();
    const before = parseTableLink(await wb.getMetadata('link:tblOutlooks'))!;
    const report = await refreshAll(wb, deps());
    expect(report.ok).toBe(true);
    expect(report.message).toBe('Refreshed 8 linked tables: 1 updated, 7 unchanged, 0 failed, 0 skipped.');
    expect(report.tables.find((t) => t.table === 'tblOutlooks')).toMatchObject({
      status: 'updated',
      diff: { added: 1, changed: 1, removed: 1 },
    });
    const after = parseTableLink(await wb.getMetadata('link:tblOutlooks'))!;
    expect(after.fingerprint).toMatch(/^t1:[0-9a-f]{32}$/);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    // The stored fingerprint matches the rewritten table, so a second refresh sees no edit.
    const again = await refreshAll(wb, deps());
    expect(again.tables.every((t) => t.status === 'unchanged')).toBe(true);
  });

  it('leaves an edited table exactly as the person left it, names it, and still refreshes the others in one apply', async () => {
    const wb = await referencePlusOutlooks();
    const address = await cellOf(wb, 'tblNevSales', 'ev_sales_share_new_cars_pct', 0);
    wb.setCellByUser('NEV sales', address, 5);
    const editedNev = JSON.stringify(await wb.readTable('tblNevSales'));
    const { port, applies } = counting(wb);
    const report = await refreshAll(port, deps());
    expect(applies()).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.message).toBe('Refreshed 8 linked tables: 1 updated, 6 unchanged, 0 failed, 0 skipped, 1 edited (left as edited).');
    // One table written, one held back: the heading says so, and the pane can offer the overwrite.
    expect(report.title).toBe('Partly done: 1 updated, 1 left as they were');
    expect(report.editedTables).toEqual(['tblNevSales']);
    expect(report.warning).toBe(true);
    const nev = report.tables.find((t) => t.table === 'tblNevSales')!;
    expect(nev.status).toBe('edited');
    expect(nev.reason).toContain('tblNevSales was edited in the workbook since it was loaded');
    expect(nev.reason).toContain('refresh would overwrite those edits');
    // The diff between the edited table and the source shows the edited row.
    expect(nev.diff).toMatchObject({ changed: 1, added: 0, removed: 0 });
    expect(nev.diff!.examples[0]).toContain('ev_sales_share_new_cars_pct 5 ->');
    expect(report.details!.find((d) => d.startsWith('tblNevSales: edited'))).toContain('e.g. changed');
    expect(JSON.stringify(await wb.readTable('tblNevSales'))).toBe(editedNev);
    const rows = (await wb.readTable('tblOutlooks'))!.slice(1).map((r) => [r[0], r[3]]);
    expect(rows).toEqual([
      ['China', 70],
      ['United States', 30],
    ]);
  });

  it('rewrites an edited table when overwriteEdits is set', async () => {
    const wb = await referencePlusOutlooks();
    const address = await cellOf(wb, 'tblNevSales', 'ev_sales_share_new_cars_pct', 0);
    const original = (await wb.readTable('tblNevSales'))![1];
    wb.setCellByUser('NEV sales', address, 5);
    const report = await refreshAll(wb, deps({ overwriteEdits: true }));
    expect(report.ok).toBe(true);
    const nev = report.tables.find((t) => t.table === 'tblNevSales')!;
    expect(nev.status).toBe('updated');
    expect(nev.note).toContain('edits overwritten');
    expect((await wb.readTable('tblNevSales'))![1]).toEqual(original);
  });

  it("keeps today's behaviour for an old link without fingerprint and says edits cannot be checked", async () => {
    const wb = new MemoryWorkbook();
    await importData(wb, { kind: 'outlooks', bytes: enc(V1), fileName: 'mine.csv' }, clock('2026-11-28T09:00:00Z'));
    const { fingerprint: _dropped, ...oldLink } = parseTableLink(await wb.getMetadata('link:tblOutlooks'))!;
    await wb.apply({ sheets: [], blocks: [], metadata: [{ key: 'link:tblOutlooks', value: JSON.stringify(oldLink) }] });
    wb.setCellByUser('Outlooks', await cellOf(wb, 'tblOutlooks', 'ev_sales_share_new_cars_pct', 1), 99);
    const report = await refreshAll(wb, deps());
    expect(report.tables[0]).toMatchObject({ table: 'tblOutlooks', status: 'updated', note: NO_FINGERPRINT_NOTE });
    expect(report.details![0]).toContain('edits cannot be checked');
    expect((await wb.readTable('tblOutlooks'))!.slice(1).map((r) => r[3])).toEqual([70, 30]);
    // The rewrite stores a fingerprint, so the next refresh can check edits.
    expect(parseTableLink(await wb.getMetadata('link:tblOutlooks'))!.fingerprint).toMatch(/^t1:[0-9a-f]{32}$/);
  });

  it('holds back an edited combined (appended) table', async () => {
    const wb = new MemoryWorkbook();
    await importData(wb, { kind: 'outlooks', bytes: enc(V1), fileName: 'a.csv' }, clock('2026-11-28T09:00:00Z'));
    const extra = HEADER + 'India,2030,Mine,20,assumption\n';
    const appended = await importData(
      wb,
      { kind: 'outlooks', bytes: enc(extra), fileName: 'b.csv', append: true },
      clock('2026-11-28T09:10:00Z'),
    );
    expect(appended.ok).toBe(true);
    wb.setCellByUser('Outlooks', await cellOf(wb, 'tblOutlooks', 'scenario', 2), 'My edit');
    const edited = JSON.stringify(await wb.readTable('tblOutlooks'));
    const files: Record<string, string> = { 'a.csv': V2, 'b.csv': extra };
    const report = await refreshAll(wb, deps({ readFile: async (name) => enc(files[name]) }));
    expect(report.tables[0]).toMatchObject({ table: 'tblOutlooks', status: 'edited' });
    expect(JSON.stringify(await wb.readTable('tblOutlooks'))).toBe(edited);
  });
});
