import { describe, expect, it } from 'vitest';
import { parseRange } from '../../src/workbook/address';
import { MemoryWorkbook, type MemoryWorkbookOptions } from '../../src/workbook/memory/memoryWorkbook';
import type { WorkbookChange } from '../../src/workbook/port';
import type { PreviewSource } from '../../src/taskpane/components/SheetPreview/SheetPreview.types';
import { faultAfterBlocks } from '../helpers/faults';
import { isClose } from '../helpers/tolerance';
import { runWorkbookContract } from './contract';

runWorkbookContract('memory', {
  make: async () => new MemoryWorkbook(),
  makeFailing: async () => {
    const options: MemoryWorkbookOptions = {};
    const port = new MemoryWorkbook(options);
    return {
      port,
      arm: () => {
        options.beforeBlock = faultAfterBlocks(1);
      },
      fingerprint: () => JSON.stringify(port.serialize()),
    };
  },
  nameRef: async (port, name) => {
    const n = (port as MemoryWorkbook).listNames().find((x) => x.name.toLowerCase() === name.toLowerCase());
    return n ? { sheet: n.sheet, address: n.address } : null;
  },
  userEdit: async (port, sheet, address, value) => (port as MemoryWorkbook).setCellByUser(sheet, address, value),
  validation: async (port, sheet, address) => {
    const at = parseRange(address)!;
    const s = (port as MemoryWorkbook).serialize().sheets.find((x) => x.name === sheet);
    return s?.cells.find(([r, c]) => r === at.top && c === at.left)?.[2].validation ?? null;
  },
});

describe('MemoryWorkbook specifics', () => {
  it('evaluates trivial formulas after all blocks are written and keeps others as text', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply({
      sheets: [{ name: 'Calc', clear: true }],
      blocks: [
        {
          sheet: 'Calc',
          address: 'C1',
          values: [
            [{ formula: '=SUM(B1:B3)' }],
            [{ formula: '=AVERAGE(B1:B3)*2-(B1/4)' }],
            [{ formula: '=VLOOKUP(1,B1:B3,1)' }],
            [{ formula: '=B1/0' }],
          ],
        },
        { sheet: 'Calc', address: 'B1', values: [[1.5], [2.25], ['text']] },
      ],
    });
    const snap = (await wb.readSheet('Calc'))!;
    expect(isClose(snap.values[0][2] as number, 3.75, 1e-12, 1e-12)).toBe(true);
    expect(isClose(snap.values[1][2] as number, 1.875 * 2 - 0.375, 1e-12, 1e-12)).toBe(true);
    expect(snap.values[2][2]).toBeNull();
    expect(snap.formulas![2][2]).toBe('=VLOOKUP(1,B1:B3,1)');
    expect(snap.values[3][2]).toBeNull();
  });

  it('gives the preview formatted cells, tables and names', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply({
      sheets: [{ name: 'View', clear: false }],
      blocks: [
        {
          sheet: 'View',
          address: 'A1',
          values: [
            ['Share', 'Units', 'Date', 'Link'],
            [0.1234, 1234567.891, 45658, 'https://iea.org'],
            [0.5, 12, 45659, 'javascript:alert(1)'],
          ],
          columns: [{ numberFormat: '0.0%' }, { numberFormat: '#,##0.00' }, { numberFormat: 'yyyy-mm-dd' }, { hyperlink: true }],
          table: { name: 'tblView' },
          names: [{ name: 'RL_view.share', address: 'A2:A3' }],
        },
      ],
    });
    const view = wb.getSheetView('View')!;
    expect(view.rows[0][0]).toMatchObject({ display: 'Share', bold: true, numberFormat: 'General' });
    expect(view.rows[1].map((c) => c.display)).toEqual(['12.3%', '1,234,567.89', '2025-01-01', 'https://iea.org']);
    expect(view.rows[1][3].hyperlink).toBe('https://iea.org');
    expect(view.rows[2][3].hyperlink).toBeUndefined(); // unsafe scheme stays plain text
    expect(view.tables).toEqual([{ name: 'tblView', address: 'A1:D3' }]);
    expect(view.names).toEqual([{ name: 'RL_view.share', address: 'A2:A3' }]);
    expect(wb.sheetNames()).toEqual(['View']);
    const source: PreviewSource = wb; // the preview reads the memory workbook directly
    expect(source.sheetView('View')?.rows[1][0].display).toBe('12.3%');
    expect(wb.getSheetView('Nope')).toBeNull();
  });

  it("reports 'app' for apply and 'user' for preview edits, and recalculates", async () => {
    const wb = new MemoryWorkbook();
    const changes: WorkbookChange[] = [];
    let renders = 0;
    const off = wb.onChange((c) => changes.push(c));
    wb.subscribe(() => {
      renders += 1;
    });
    await wb.apply({ sheets: [], blocks: [{ sheet: 'S', address: 'A1', values: [[2], [3], [{ formula: '=A1*A2' }]] }] });
    wb.setCellByUser('S', 'a2', 10);
    expect(changes).toEqual([
      { sheet: 'S', address: 'A1:A3', source: 'app' },
      { sheet: 'S', address: 'A2', source: 'user' },
    ]);
    expect((await wb.readSheet('S'))!.values[2][0]).toBe(20);
    expect(renders).toBe(2);
    expect(wb.version()).toBe(2);
    off();
    wb.setCellByUser('S', 'B1', 'note');
    expect(changes).toHaveLength(2);
    expect(() => wb.setCellByUser('S', 'B0', 1)).toThrow(/"B0" is not a single A1 cell on sheet "S"/);
  });

  it('serializes and restores exactly; corrupted state gives a clear error', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply({
      sheets: [{ name: 'A', clear: false, freeze: { rows: 1, columns: 1 } }],
      blocks: [
        {
          sheet: 'A',
          address: 'B2',
          values: [
            ['h1', 'h2'],
            [1, { formula: '=B3*2' }],
          ],
          table: { name: 'tblA' },
          names: [{ name: 'RL_a', address: 'B3' }],
        },
      ],
      metadata: [{ key: 'k', value: 'v' }],
      activate: 'A',
    });
    const json = JSON.stringify(wb.serialize());
    const back = MemoryWorkbook.restore(json);
    expect(back.serialize()).toEqual(wb.serialize());
    expect(await back.readTable('tblA')).toEqual([
      ['h1', 'h2'],
      [1, 2],
    ]);
    expect(back.activeSheet()).toBe('A');

    const broken = JSON.parse(json);
    broken.sheets[0].cells[1][2].value = { evil: true };
    expect(() => MemoryWorkbook.restore(broken)).toThrow(/\$\.sheets\[0\]\.cells\[1\]\[2\]: value must be text/);
    expect(() => MemoryWorkbook.restore('{not json')).toThrow(/Saved workbook state is invalid at \$: not JSON/);
    const badTable = JSON.parse(json);
    badTable.tables[0].sheet = 'Gone';
    expect(() => MemoryWorkbook.restore(badTable)).toThrow(/\$\.tables\[0\]: sheet "Gone" does not exist/);
    expect(await wb.readTable('tblA')).toEqual([
      ['h1', 'h2'],
      [1, 2],
    ]); // the live workbook is untouched
  });

  it('refuses a table overlapping another table and rolls back', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply({ sheets: [], blocks: [{ sheet: 'T', address: 'A1', values: [['a'], [1]], table: { name: 'tblOne' } }] });
    const before = JSON.stringify(wb.serialize());
    await expect(
      wb.apply({ sheets: [], blocks: [{ sheet: 'T', address: 'A2', values: [['b'], [2]], table: { name: 'tblTwo' } }] }),
    ).rejects.toThrow(/would overlap table "tblOne"/);
    expect(JSON.stringify(wb.serialize())).toBe(before);
    expect(parseRange('A1:A2')).toEqual({ top: 0, left: 0, bottom: 1, right: 0 });
  });
});
