import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/workbook/address';
import { ExcelWorkbook, type ExcelWorkbookOptions } from '../../src/workbook/excel/excelWorkbook';
import type { ExcelHost } from '../../src/workbook/excel/runExcel';
import type { WorkbookChange } from '../../src/workbook/port';
import { runWorkbookContract } from './contract';
import { FakeExcel, type FakeExcelOptions } from './fakeExcel';

const noSleep = async () => undefined;
function make(fakeOptions: FakeExcelOptions = {}, options: ExcelWorkbookOptions = {}) {
  const fake = new FakeExcel(fakeOptions);
  const port = new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: noSleep, ...options });
  return { fake, port };
}
const fakes = new WeakMap<ExcelWorkbook, FakeExcel>();

runWorkbookContract('excel (fake Office.js)', {
  make: async () => {
    const { fake, port } = make();
    fakes.set(port, fake);
    return port;
  },
  makeFailing: async () => {
    const { fake, port } = make();
    fakes.set(port, fake);
    // Fails while writing the values of the second block (the first block is already in Excel).
    return { port, arm: () => { fake.options.failOnOp = { match: 'set values', occurrence: 2 }; }, fingerprint: () => fake.fingerprint() };
  },
  nameRef: async (port, name) => {
    const n = fakes.get(port as ExcelWorkbook)!.names.get(name.toLowerCase());
    const m = n && /^='?(.+?)'?!(.+)$/.exec(n.formula);
    if (!m) return null;
    const r = parseRange(m[2])!;
    return { sheet: m[1], address: m[2].replace(/\$/g, '') && `${toA1(r.left, r.top)}:${toA1(r.right, r.bottom)}` };
  },
});

function toA1(col: number, row: number) {
  return `${String.fromCharCode(65 + col)}${row + 1}`;
}

describe('ExcelWorkbook specifics (fake Office.js)', () => {
  it('chunks a large block so no request exceeds 4 MB', async () => {
    const { fake, port } = make();
    const values = Array.from({ length: 20_000 }, (_, r) => [`supplier name number ${r} with a long label`, ...Array.from({ length: 11 }, (_, c) => r * 1.000123 + c)]);
    await port.apply({ sheets: [{ name: 'Big', clear: true }], blocks: [{ sheet: 'Big', address: 'A1', values, columns: values[0].map(() => ({ numberFormat: '#,##0.00' })) }] });
    const maxBytes = Math.max(...fake.syncLog.map((s) => s.bytes));
    expect(port.lastApplyStats.valueChunks).toBeGreaterThan(1);
    expect(maxBytes).toBeLessThanOrEqual(4 * 1024 * 1024 + 4096);
    expect(port.lastApplyStats.largestChunkBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
    // The estimate is an upper bound of the real JSON: the measured biggest sync is not above it by more than the envelope.
    expect(maxBytes).toBeLessThanOrEqual(port.lastApplyStats.largestChunkBytes + 4096);
  }, 60_000);

  it('honours a smaller request budget', async () => {
    const { fake, port } = make({}, { maxRequestBytes: 20_000 });
    const values = Array.from({ length: 1000 }, (_, r) => [r, r * 2, `row ${r}`]);
    await port.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'A1', values }] });
    expect(port.lastApplyStats.valueChunks).toBeGreaterThanOrEqual(2);
    expect(Math.max(...fake.syncLog.map((s) => s.bytes))).toBeLessThanOrEqual(20_000 + 4096);
    expect((await port.readSheet('S'))!.values[999]).toEqual([999, 1998, 'row 999']);
  });

  it('formats formula-like and number-like strings as "@" so Excel keeps them as text', async () => {
    const { fake, port } = make();
    await port.apply({ sheets: [], blocks: [{ sheet: 'T', address: 'A1', values: [['=1+1', '007', 'plain', { formula: '=2*3' }, 7]], columns: [{}, {}, {}, {}, { numberFormat: '0.0' }] }] });
    expect(fake.cell('T', 'A1')).toMatchObject({ value: '=1+1', numberFormat: '@' });
    expect(fake.cell('T', 'B1')).toMatchObject({ value: '007', numberFormat: '@' });
    expect(fake.cell('T', 'C1')?.numberFormat).toBeUndefined();
    expect(fake.cell('T', 'D1')).toMatchObject({ formula: '=2*3' });
    expect(fake.cell('T', 'E1')).toMatchObject({ value: 7, numberFormat: '0.0' });
    expect((await port.readSheet('T'))!.values[0][3]).toBe(6);
  });

  it('proves the fake is honest: without "@" Excel would turn the text into a formula', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx: unknown) => {
      const c = ctx as { workbook: { worksheets: { add(n: string): { getRange(a: string): { values: unknown[][] } } } }; sync(): Promise<void> };
      c.workbook.worksheets.add('Raw').getRange('A1:B1').values = [['=1+1', '007']];
      await c.sync();
    });
    expect(fake.cell('Raw', 'A1')).toMatchObject({ formula: '=1+1' });
    expect(fake.cell('Raw', 'B1')).toMatchObject({ value: 7 });
  });

  it('retries while the user is editing a cell, then gives up with a clear message', async () => {
    const waits: number[] = [];
    const ok = make({ cellEditModeRuns: 2 }, { sleep: async (ms) => { waits.push(ms); }, retryBaseDelayMs: 100 });
    await ok.port.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'A1', values: [[1]] }] });
    expect(waits).toEqual([100, 200]);
    expect((await ok.port.readSheet('S'))!.values).toEqual([[1]]);

    const stuck = make({ cellEditModeRuns: 99 }, { editModeRetries: 3 });
    await expect(stuck.port.listSheets()).rejects.toThrow(/cell-edit mode.*gave up after 4 tries/);
  });

  it('times out a sync that never answers', async () => {
    const { port } = make({ hangOnSync: 1 }, { syncTimeoutMs: 30 });
    await expect(port.listSheets()).rejects.toThrow(/did not answer within 0 s while listing sheets/);
  });

  it('rolls back tables, names, new sheets and cells when a late step fails', async () => {
    const { fake, port } = make();
    await port.apply({
      sheets: [{ name: 'A', clear: false }],
      blocks: [{ sheet: 'A', address: 'A1', values: [['h'], [1], [2]], table: { name: 'tblA', style: 'TableStyleLight9' }, names: [{ name: 'RL_a', address: 'A2:A3' }] }],
    });
    const before = fake.fingerprint();
    fake.options.failOnOp = { match: 'add name', occurrence: 1 };
    await expect(port.apply({
      sheets: [{ name: 'A', clear: true }, { name: 'New', clear: false }],
      blocks: [
        { sheet: 'A', address: 'B2', values: [['h2'], [9]], table: { name: 'tblA' }, names: [{ name: 'RL_a', address: 'B3' }] },
        { sheet: 'New', address: 'A1', values: [['x']] },
      ],
      metadata: [{ key: 'k', value: 'v' }],
    })).rejects.toThrow(/Writing to Excel failed .*injected failure.*restored to its previous state/);
    expect(fake.fingerprint()).toBe(before);
    expect(fake.tables.map((t) => [t.name, t.style])).toEqual([['tblA', 'TableStyleLight9']]);
    expect(fake.names.get('rl_a')?.formula).toBe("='A'!$A$2:$A$3");
  });

  it('keeps metadata in a very hidden sheet', async () => {
    const { fake, port } = make();
    await port.apply({ sheets: [], blocks: [], metadata: [{ key: 'source', value: '=cmd|x' }] });
    expect(fake.sheetByName('_rlab_meta')?.visibility).toBe('VeryHidden');
    expect(fake.cell('_rlab_meta', 'B2')).toMatchObject({ value: '=cmd|x', numberFormat: '@' });
    expect(await port.getMetadata('source')).toBe('=cmd|x');
    expect(await port.readSheet('_rlab_meta')).toBeNull();
  });

  it("tells the add-in's own writes from user and co-author edits", async () => {
    const { fake, port } = make();
    const changes: WorkbookChange[] = [];
    const off = port.onChange((c) => changes.push(c));
    await port.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'B2', values: [[1, 2]] }] });
    await fake.userEdit('S', 'C5', 42);
    await fake.userEdit('S', 'D1', 'co-author', true);
    expect(changes).toContainEqual({ sheet: 'S', address: 'B2:C2', source: 'app' });
    expect(changes).toContainEqual({ sheet: 'S', address: 'C5', source: 'user' });
    expect(changes).toContainEqual({ sheet: 'S', address: 'D1', source: 'user' });
    off();
    await new Promise((r) => setTimeout(r, 0));
    await fake.userEdit('S', 'C6', 1);
    expect(changes.filter((c) => c.address === 'C6')).toEqual([]);
  });
});
