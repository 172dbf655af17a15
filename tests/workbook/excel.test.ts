import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/workbook/address';
import { ExcelWorkbook, type ExcelWorkbookOptions } from '../../src/workbook/excel/excelWorkbook';
import { officeErrorCode, type ExcelHost, type SetTimer } from '../../src/workbook/excel/runExcel';
import type { CellValue, WritePlan } from '../../src/workbook/plan';
import type { WorkbookChange } from '../../src/workbook/port';
import { runWorkbookContract } from './contract';
import { FakeExcel, PAYLOAD_LIMIT, type FakeExcelOptions } from './fakeExcel';

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
    return {
      port,
      arm: () => {
        fake.options.failOnOp = { match: 'set values', occurrence: 2 };
      },
      fingerprint: () => fake.fingerprint(),
    };
  },
  nameRef: async (port, name) => {
    const n = fakes.get(port as ExcelWorkbook)!.names.get(name.toLowerCase());
    const m = n && /^='?(.+?)'?!(.+)$/.exec(n.formula);
    return m ? { sheet: m[1], address: m[2].replace(/\$/g, '') } : null;
  },
  userEdit: async (port, sheet, address, value) => {
    fakes.get(port as ExcelWorkbook)!.userEdit(sheet, address, value as string | number | boolean);
  },
  validation: async (port, sheet, address) => {
    // Read back through the fake's Office.js surface (Range.dataValidation.load), as the add-in would.
    const fake = fakes.get(port as ExcelWorkbook)!;
    return fake.run(async (context: Excel.RequestContext) => {
      const dv = context.workbook.worksheets.getItem(sheet).getRange(address).dataValidation;
      dv.load('type,rule,prompt');
      await context.sync();
      if (dv.type === 'None') return null;
      const rule = (dv.rule as { decimal: { formula1: string; formula2: string } }).decimal;
      const prompt = dv.prompt as { title: string; message: string };
      return { min: Number(rule.formula1.slice(1)), max: Number(rule.formula2.slice(1)), title: prompt.title, message: prompt.message };
    });
  },
});

const maxRequest = (fake: FakeExcel) => Math.max(...fake.syncLog.map((s) => s.requestBytes));
const maxResponse = (fake: FakeExcel) => Math.max(...fake.syncLog.map((s) => s.responseBytes));

function tablePlan(sheet: string, rows: number, cols = 12, extra: Partial<WritePlan> = {}): WritePlan {
  const header = Array.from({ length: cols }, (_, c) => (c === 0 ? 'Supplier' : `Y${2019 + c}`));
  const values: CellValue[][] = [header];
  for (let r = 0; r < rows; r++)
    values.push([`supplier ${r} (long label)`, ...Array.from({ length: cols - 1 }, (_, c) => r * 1.000123 + c)]);
  return {
    sheets: [{ name: sheet, clear: false }],
    blocks: [
      {
        sheet,
        address: 'A3',
        values,
        columns: header.map((_, c) => (c === 0 ? {} : { numberFormat: '#,##0.00' })),
        table: { name: `tbl${sheet}`, style: 'TableStyleMedium2' },
        headerRows: 1,
      },
    ],
    ...extra,
  };
}

describe('ExcelWorkbook: write-back that cannot lose data (issue #9)', () => {
  it('restores a 20,000 x 12 table after a late failure, with no request or response over 5 MB', async () => {
    const { fake, port } = make();
    await port.apply(tablePlan('Big', 20_000));
    const before = fake.fingerprint();
    fake.options.failOnOp = { match: 'resize table', occurrence: 1 };
    const grown = tablePlan('Big', 20_500);
    grown.blocks[0].values = grown.blocks[0].values.map((row, r) => (r === 0 ? row : row.map((v) => (typeof v === 'number' ? v + 1 : v))));
    await expect(port.apply(grown)).rejects.toThrow(/injected failure.*restored to its previous state/);
    expect(fake.fingerprint()).toBe(before);
    expect(fake.sheets.map((s) => s.name)).toEqual(['Big']);
    expect(maxRequest(fake)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(maxResponse(fake)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.syncLog.filter((s) => /PayloadSizeLimit/.test(s.failed ?? ''))).toEqual([]);
  }, 120_000);

  it('removes the very hidden metadata sheet when a first run fails (a VeryHidden sheet must be made Hidden first)', async () => {
    const { fake, port } = make();
    fake.options.failOnOp = { match: 'activate', occurrence: 1 };
    await expect(
      port.apply({
        sheets: [{ name: 'A', clear: false }],
        blocks: [{ sheet: 'A', address: 'A1', values: [['x']] }],
        metadata: [{ key: 'k', value: 'v' }],
        activate: 'A',
      }),
    ).rejects.toThrow(/restored to its previous state/);
    expect(fake.sheets).toEqual([]);
  });

  it('keeps a table written again: formulas using it, a column a person added, the names pointing into it', async () => {
    const { fake, port } = make();
    const plan = (rows: number): WritePlan => ({
      sheets: [],
      blocks: [
        {
          sheet: 'S',
          address: 'A1',
          values: [['Region', 'Units'], ...Array.from({ length: rows }, (_, i) => [`R${i}`, i + 1])],
          table: { name: 'tblUnits' },
          names: [{ name: 'RL_units', address: `B2:B${rows + 1}` }],
        },
      ],
    });
    await port.apply(plan(3));
    fake.userEdit('S', 'C1', 'My note'); // typed next to the table: Excel makes it a table column
    fake.userEdit('S', 'C2', 'keep me');
    fake.userEdit('S', 'E1', '=SUM(tblUnits[Units])');
    await port.apply(plan(5));
    expect(fake.cell('S', 'E1')?.formula).toBe('=SUM(tblUnits[Units])');
    expect(fake.cell('S', 'C1')?.value).toBe('My note');
    expect(fake.cell('S', 'C2')?.value).toBe('keep me');
    expect(fake.tables.map((t) => [t.name, t.range])).toEqual([['tblUnits', parseRange('A1:C6')]]);
    expect(fake.names.get('rl_units')?.formula).toBe("='S'!$B$2:$B$6");
    expect(await port.readTable('tblUnits')).toEqual([
      ['Region', 'Units', 'My note'],
      ['R0', 1, 'keep me'],
      ['R1', 2, null],
      ['R2', 3, null],
      ['R3', 4, null],
      ['R4', 5, null],
    ]);
  });

  it('writes every string cell as text ("@"), so Excel parses none of them', async () => {
    const { fake, port } = make();
    const texts = [
      'Jan 2024',
      'Jun 30, 2025',
      '#N/A',
      '1 1/2',
      '10 %',
      '12:30:45.5',
      '1.234,5',
      '2024-01-02',
      '007',
      'TRUE',
      "'quoted",
      '$1,234',
      '(12)',
      '=1+1',
    ];
    await port.apply({
      sheets: [],
      blocks: [
        { sheet: 'T', address: 'A1', values: [['Label'], ...texts.map((t) => [t])], columns: [{ numberFormat: '0.0' }], headerRows: 1 },
      ],
    });
    expect((await port.readSheet('T'))!.values.slice(1).map((r) => r[0])).toEqual(texts);
    texts.forEach((_, i) => expect(fake.cell('T', `A${i + 2}`)).toMatchObject({ numberFormat: '@' }));
    const de = make({ locale: 'de-DE' });
    await de.port.apply({ sheets: [], blocks: [{ sheet: 'T', address: 'A1', values: [['1.234,5']] }] });
    expect(de.fake.cell('T', 'A1')).toMatchObject({ value: '1.234,5', numberFormat: '@' });
  });

  it('puts a table on its own sheet even when another sheet is active (no bare address to tables.add)', async () => {
    const { fake, port } = make();
    await port.apply({ sheets: [], blocks: [{ sheet: 'Other', address: 'A1', values: [['x']] }], activate: 'Other' });
    await port.apply({ sheets: [], blocks: [{ sheet: 'Data', address: 'B2', values: [['h'], [1]], table: { name: 'tblData' } }] });
    expect(fake.tables.map((t) => [t.name, fake.sheetById(t.sheetId)?.name])).toEqual([['tblData', 'Data']]);
  });

  it('reads a header-only table as its header (Excel gives it an empty data row) and grows it later', async () => {
    const { fake, port } = make();
    const plan = (rows: CellValue[][]): WritePlan => ({
      sheets: [],
      blocks: [{ sheet: 'E', address: 'A1', values: [['a', 'b'], ...rows], table: { name: 'tblE' } }],
    });
    await port.apply(plan([]));
    expect(fake.tables[0].range).toEqual(parseRange('A1:B2'));
    expect(await port.readTable('tblE')).toEqual([['a', 'b']]);
    await port.apply(
      plan([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(await port.readTable('tblE')).toEqual([
      ['a', 'b'],
      [1, 2],
      [3, 4],
    ]);
    await port.apply(plan([]));
    expect(await port.readTable('tblE')).toEqual([['a', 'b']]);
    expect(fake.cell('E', 'A2')).toBeUndefined();
    expect(fake.cell('E', 'A3')).toBeUndefined();
  });
});

describe('ExcelWorkbook: a person typing in a cell', () => {
  const plan: WritePlan = { sheets: [], blocks: [{ sheet: 'S', address: 'A1', values: [[1]] }] };

  it('waits until the edit ends (delayForCellEdit) instead of failing', async () => {
    const { fake, port } = make();
    fake.startCellEdit();
    const done = port.apply(plan);
    const first = await Promise.race([
      fake.editWait.then(() => 'waiting'),
      done.then(
        () => 'written',
        (e) => `failed: ${(e as Error).message}`,
      ),
    ]);
    expect(first).toBe('waiting');
    fake.endCellEdit();
    await done;
    expect(fake.cell('S', 'A1')?.value).toBe(1);
    expect(fake.runLog.every((r) => r.options.delayForCellEdit === true)).toBe(true);
  });

  it('on a host that ignores delayForCellEdit, retries with backoff, then gives up keeping the Office error code', async () => {
    const waits: number[] = [];
    const ok = make(
      { delayForCellEdit: false },
      {
        sleep: async (ms) => {
          waits.push(ms);
          if (waits.length === 2) ok.fake.endCellEdit();
        },
        retryBaseDelayMs: 100,
      },
    );
    ok.fake.startCellEdit();
    await ok.port.apply(plan);
    expect(waits).toEqual([100, 200]);
    expect(ok.fake.cell('S', 'A1')?.value).toBe(1);

    const stuck = make({ delayForCellEdit: false }, { editModeRetries: 2 });
    stuck.fake.startCellEdit();
    const error = await stuck.port.apply(plan).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(error?.message).toMatch(/cell-edit mode.*gave up after 3 tries/);
    expect(error?.code).toBe('InvalidOperationInCellEditMode');
    expect(officeErrorCode(error?.cause)).toBe('InvalidOperationInCellEditMode');
  });
});

describe('ExcelWorkbook: round trips, size limits, undo', () => {
  function referenceLikePlan(): WritePlan {
    const sheets = ['Suppliers', 'NEV sales', 'Tariffs'];
    return {
      sheets: sheets.map((name) => ({ name, clear: false, freeze: { rows: 3, columns: 1 } })),
      blocks: sheets.flatMap((sheet, i) => [
        { sheet, address: 'A1', values: [[`${sheet}: reference dataset`]], headerRows: 1 },
        {
          sheet,
          address: 'A3',
          values: [
            ['name', 'value', 'source'],
            ...Array.from({ length: 60 }, (_, r) => [`${sheet} ${r}`, r * 1.5, `https://example.org/${i}/${r}`]),
          ],
          columns: [{ width: 20 }, { numberFormat: '#,##0.0' }, { hyperlink: true }],
          table: { name: `tblSheet${i}` },
          headerRows: 1,
          names: [{ name: `RL_values_${i}`, address: 'B4:B63' }],
        },
      ]),
      metadata: [{ key: 'links', value: '["tblSheet0","tblSheet1","tblSheet2"]' }],
      activate: 'Suppliers',
    };
  }

  it('writes a plan in one Excel.run and two syncs, and names its own changes without another run', async () => {
    const { fake, port } = make();
    const changes: WorkbookChange[] = [];
    port.onChange((c) => changes.push(c));
    await fake.settle();
    const runs = fake.runLog.length;
    await port.apply(referenceLikePlan());
    expect(fake.runLog.length - runs).toBe(1);
    expect(port.lastApplyStats.syncs).toBeLessThanOrEqual(2);
    await port.apply(referenceLikePlan()); // again, over existing tables and names
    expect(port.lastApplyStats.syncs).toBeLessThanOrEqual(2);
    await fake.settle();
    expect(fake.runLog.length - runs).toBe(2);
    expect(changes.filter((c) => c.source === 'app').map((c) => c.sheet)).toEqual(
      expect.arrayContaining(['Suppliers', 'NEV sales', 'Tariffs']),
    );
    expect(changes.some((c) => c.sheet.startsWith('_rlab'))).toBe(false);
  });

  it('reads long text in chunks that each stay under 5 MB', async () => {
    const { fake, port } = make();
    const long = (r: number) => `${r}:${'x'.repeat(20_000)}`;
    await port.apply({
      sheets: [],
      blocks: [
        {
          sheet: 'L',
          address: 'A1',
          values: [['id', 'text'], ...Array.from({ length: 300 }, (_, r) => [r, long(r)])],
          table: { name: 'tblLong' },
        },
      ],
    });
    const table = await port.readTable('tblLong');
    expect(table).toHaveLength(301);
    expect(table![300]).toEqual([299, long(299)]);
    // At most the first, optimistic read of the whole table is refused; every chunk after it fits.
    expect(fake.syncLog.filter((s) => s.failed).map((s) => s.failed)).toEqual(['ResponsePayloadSizeLimitExceeded']);
    expect(Math.max(...fake.syncLog.filter((s) => !s.failed).map((s) => s.responseBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  }, 60_000);

  it('is one undo step per apply where ExcelApi 1.20 merges undo groups, and asks for it nowhere else', async () => {
    const merged = make(
      { excelApi: '1.20' },
      { supports: (set, v) => set === 'ExcelApi' && Number(v.split('.')[1]) <= 20, maxRequestBytes: 40_000 },
    );
    await merged.port.apply(tablePlan('U', 2_000, 4));
    expect(merged.fake.syncLog.filter((s) => s.mutated).length).toBeGreaterThan(2);
    expect(merged.fake.undoSteps).toBe(1);
    expect(merged.fake.runLog.every((r) => r.options.mergeUndoGroup === true)).toBe(true);

    const plain = make({}, { supports: (set, v) => set === 'ExcelApi' && Number(v.split('.')[1]) <= 14 });
    await plain.port.apply(tablePlan('U', 10, 4));
    expect(plain.fake.runLog.some((r) => 'mergeUndoGroup' in r.options)).toBe(false);
  });

  describe('a sync that times out while Excel is still writing', () => {
    function slowHost(maxRequestBytes?: number) {
      const timers: (() => void)[] = [];
      const setTimer: SetTimer = (fn) => {
        timers.push(fn);
        return () => undefined;
      };
      return { ...make({}, { setTimer, maxRequestBytes }), timers };
    }
    async function timeOutHeldSync(h: ReturnType<typeof slowHost>, index: number, plan: WritePlan) {
      h.fake.options.holdSync = index;
      const done = h.port.apply(plan).then(
        () => null,
        (e: Error) => e,
      );
      await h.fake.heldReached;
      h.timers[h.timers.length - 1](); // its timeout fires while Excel is still busy with it
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(h.fake.syncLog.length).toBe(index); // nothing else is sent, no rollback races the write
      h.fake.release();
      return done;
    }

    it('keeps the write when its last request finishes after all', async () => {
      const h = slowHost();
      await h.port.apply(tablePlan('T', 5));
      const error = await timeOutHeldSync(h, h.fake.syncLog.length + 2, tablePlan('T', 8));
      expect(error).toBeNull();
      expect(await h.port.readTable('tblT')).toHaveLength(9);
    });

    it('restores the workbook once an earlier request of a longer write has finished', async () => {
      const h = slowHost(30_000);
      await h.port.apply(tablePlan('T', 5, 4));
      const before = h.fake.fingerprint();
      const error = await timeOutHeldSync(h, h.fake.syncLog.length + 2, tablePlan('T', 2_000, 4));
      expect(error?.message).toMatch(/did not answer within .* restored to its previous state/);
      expect(h.fake.fingerprint()).toBe(before);
    });
  });

  it('still reads and writes on a host that refuses to read through null objects (two reads instead of one)', async () => {
    const { fake, port } = make({ refuseNullChains: true });
    await port.apply(tablePlan('T', 3, 2, { metadata: [{ key: 'k', value: 'v' }] }));
    expect(await port.readTable('tblT')).toHaveLength(4);
    expect(await port.getMetadata('k')).toBe('v');
    expect(await port.readTable('tblNope')).toBeNull();
    expect(fake.syncLog.filter((s) => s.failed).map((s) => s.failed)).toContain('InvalidObjectPath');
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
    fake.userEdit('S', 'C5', 42);
    fake.userEdit('S', 'D1', 'co-author', true);
    await fake.settle();
    expect(changes).toContainEqual({ sheet: 'S', address: 'B2:C2', source: 'app' });
    expect(changes).toContainEqual({ sheet: 'S', address: 'C5', source: 'user' });
    expect(changes).toContainEqual({ sheet: 'S', address: 'D1', source: 'user' });
    off();
    await fake.settle();
    await new Promise((r) => setTimeout(r, 0));
    fake.userEdit('S', 'C6', 1);
    await fake.settle();
    expect(changes.filter((c) => c.address === 'C6')).toEqual([]);
  });

  it('times out a sync that never answers', async () => {
    const { port } = make({ hangOnSync: 1 }, { syncTimeoutMs: 30 });
    await expect(port.listSheets()).rejects.toThrow(/did not answer within 0 s while reading the workbook outline/);
  });

  it('splits data by the request budget, and refuses before any request a row that alone exceeds it', async () => {
    const { fake, port } = make({}, { maxRequestBytes: 20_000 });
    const values = Array.from({ length: 1000 }, (_, r) => [r, r * 2, `row ${r}`]);
    await port.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'A1', values }] });
    expect(port.lastApplyStats.valueChunks).toBeGreaterThanOrEqual(2);
    expect(maxRequest(fake)).toBeLessThanOrEqual(20_000 + 4096);
    expect((await port.readSheet('S'))!.values[999]).toEqual([999, 1998, 'row 999']);
    const before = fake.fingerprint();
    const syncs = fake.syncLog.length;
    await expect(port.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'A1', values: [['y'.repeat(30_000)]] }] })).rejects.toThrow(
      /more than the 20000-byte request limit; nothing was written/,
    );
    expect(fake.syncLog.length).toBe(syncs);
    expect(fake.fingerprint()).toBe(before);
  });
});
