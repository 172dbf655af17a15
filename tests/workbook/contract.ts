/**
 * The one contract every WorkbookPort adapter passes (memory, xlsx, Excel over the fake).
 * Each adapter test file calls runWorkbookContract with a harness that builds fresh ports.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue, PlanCell, WritePlan } from '../../src/workbook/plan';
import type { WorkbookPort } from '../../src/workbook/port';

export interface ContractHarness {
  /** A fresh, empty workbook port. */
  make(): Promise<WorkbookPort>;
  /** A fresh port plus `arm()`, after which the next apply fails midway (after writing part of the plan). */
  makeFailing(): Promise<{ port: WorkbookPort; arm: () => void; fingerprint?: () => string }>;
  /** Where a defined name points, as sheet + A1 range without $ (the port has no name reader). */
  nameRef(port: WorkbookPort, name: string): Promise<{ sheet: string; address: string } | null>;
  /** A person types a value into a cell (as in the adapter's host: Excel grows a table typed next to). */
  userEdit(port: WorkbookPort, sheet: string, address: string, value: CellValue): Promise<void>;
  /** The data validation of one cell as the host stores it (decimal range and input message), or null. */
  validation(
    port: WorkbookPort,
    sheet: string,
    address: string,
  ): Promise<{ min: number; max: number; title: string; message: string } | null>;
}

/** Everything the port can read, for "left unchanged" comparisons. */
export async function portState(port: WorkbookPort, metaKeys: string[] = []) {
  const sheets = await port.listSheets();
  const snaps = [];
  for (const s of sheets) snaps.push(await port.readSheet(s));
  const meta: Record<string, string | null> = {};
  for (const k of metaKeys) meta[k] = await port.getMetadata(k);
  return { sheets, snaps, meta };
}

const header = ['Region', 'Year', 'NEV share', 'Units', 'Source'];
function nevPlan(rows: number, tableName = 'tblNevShare'): WritePlan {
  const values: PlanCell[][] = [header];
  for (let i = 0; i < rows; i++) {
    values.push([i % 2 ? 'Europe' : 'China', 2020 + i, 0.05 + i / 100, 1000 * (i + 1), `https://example.org/report/${i}`]);
  }
  return {
    sheets: [{ name: 'NEV', clear: false, freeze: { rows: 1, columns: 0 } }],
    blocks: [
      {
        sheet: 'NEV',
        address: 'B2',
        values,
        columns: [{}, { numberFormat: '0' }, { numberFormat: '0.0%' }, { numberFormat: '#,##0' }, { hyperlink: true, width: 40 }],
        table: { name: tableName, style: 'TableStyleMedium2' },
        names: [{ name: 'RL_nev.share.China', address: `D3:D${2 + rows}`, comment: 'NEV share by year' }],
      },
    ],
    metadata: [
      { key: 'dataset.version', value: '2026-11' },
      { key: 'formula.like', value: '=HYPERLINK("x")' },
    ],
    activate: 'NEV',
  };
}

/** The table cells a plan's first block holds, as read back (empty string and null are both empty). */
function readBack(plan: WritePlan): CellValue[][] {
  return plan.blocks[0].values.map((row) => row.map((v) => (v === '' ? null : (v as CellValue))));
}

export function runWorkbookContract(name: string, harness: ContractHarness): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    it('round-trips values and number formats of a block', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(3));
      expect(await port.listSheets()).toEqual(['NEV']);
      const snap = (await port.readSheet('NEV'))!;
      expect(snap.values[0]).toEqual([null, null, null, null, null, null]);
      expect(snap.values[1]).toEqual([null, ...header]);
      expect(snap.values[2]).toEqual([null, 'China', 2020, 0.05, 1000, 'https://example.org/report/0']);
      expect(snap.values[4]).toEqual([null, 'China', 2022, 0.07, 3000, 'https://example.org/report/2']);
      // Header cells never take the column's format; Excel marks its text cells "@".
      expect(['General', '@']).toContain(snap.numberFormats![1][3]);
      expect(snap.numberFormats![2].slice(2, 5)).toEqual(['0', '0.0%', '#,##0']);
      expect(snap.formulas![2]).toEqual(['', '', '', '', '', '']);
      expect(await port.readSheet('Missing')).toBeNull();
    });

    it('creates a table and reads it back by name', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(3));
      const table = await port.readTable('tblNevShare');
      expect(table).toHaveLength(4);
      expect(table![0]).toEqual(header);
      expect(table![3]).toEqual(['China', 2022, 0.07, 3000, 'https://example.org/report/2']);
      expect((await port.readSheet('NEV'))!.tables).toEqual([{ name: 'tblNevShare', address: 'B2:F5' }]);
      expect(await port.readTable('tblMissing')).toBeNull();
    });

    it('re-applying a plan replaces the table (no duplicates, old rows gone)', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(5));
      await port.apply(nevPlan(2));
      const snap = (await port.readSheet('NEV'))!;
      expect(snap.tables).toEqual([{ name: 'tblNevShare', address: 'B2:F4' }]);
      expect(await port.readTable('tblNevShare')).toHaveLength(3);
      expect(snap.values.length).toBe(4); // rows 5-7 of the older, longer table were cleared
    });

    it('re-applying keeps what a person typed next to a table and formulas that use the table', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(3));
      await port.apply({ sheets: [], blocks: [{ sheet: 'NEV', address: 'J2', values: [[{ formula: '=SUM(tblNevShare[Units])' }]] }] });
      await harness.userEdit(port, 'NEV', 'G2', 'My note');
      await harness.userEdit(port, 'NEV', 'G3', 'keep me');
      await port.apply(nevPlan(3));
      const snap = (await port.readSheet('NEV'))!;
      expect(snap.values[1][6]).toBe('My note');
      expect(snap.values[2][6]).toBe('keep me');
      expect(snap.formulas![1][9]).toBe('=SUM(tblNevShare[Units])');
      expect((await port.readTable('tblNevShare'))!.map((row) => row.slice(0, 5))).toEqual(readBack(nevPlan(3)));
    });

    it('a table with a header and no rows reads as its header, and can grow and shrink', async () => {
      const port = await harness.make();
      const plan = (rows: CellValue[][]): WritePlan => ({
        sheets: [],
        blocks: [{ sheet: 'E', address: 'A1', values: [['a', 'b'], ...rows], table: { name: 'tblEmpty' } }],
      });
      await port.apply(plan([]));
      expect(await port.readTable('tblEmpty')).toEqual([['a', 'b']]);
      await port.apply(
        plan([
          [1, 2],
          [3, 4],
        ]),
      );
      expect(await port.readTable('tblEmpty')).toEqual([
        ['a', 'b'],
        [1, 2],
        [3, 4],
      ]);
      await port.apply(plan([]));
      expect(await port.readTable('tblEmpty')).toEqual([['a', 'b']]);
      expect((await port.readSheet('E'))!.values).toEqual([['a', 'b']]);
    });

    it('writes data validation (decimal range, input message) on the cells asked for, and rewrites it', async () => {
      const port = await harness.make();
      const plan = (max: number): WritePlan => ({
        sheets: [{ name: 'Inputs', clear: false }],
        blocks: [
          {
            sheet: 'Inputs',
            address: 'A1',
            values: [
              ['Parameter', 'Value'],
              ['ceiling', 0.85],
            ],
            validations: [
              {
                address: 'B2',
                decimal: { min: 0.05, max },
                prompt: { title: 'NEV share ceiling', message: 'fraction of new-car sales; source IEA' },
              },
            ],
          },
        ],
      });
      await port.apply(plan(1));
      expect(await harness.validation(port, 'Inputs', 'B2')).toEqual({
        min: 0.05,
        max: 1,
        title: 'NEV share ceiling',
        message: 'fraction of new-car sales; source IEA',
      });
      expect(await harness.validation(port, 'Inputs', 'A2')).toBeNull();
      await port.apply(plan(0.9));
      expect((await harness.validation(port, 'Inputs', 'B2'))?.max).toBe(0.9);
      const tooLong: WritePlan = plan(1);
      tooLong.blocks[0].validations![0].prompt.title = 'x'.repeat(33);
      await expect(port.apply(tooLong)).rejects.toThrow(/validations\[0\].*at most 32 characters/);
    });

    it('writes named ranges', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(3));
      expect(await harness.nameRef(port, 'RL_nev.share.China')).toEqual({ sheet: 'NEV', address: 'D3:D5' });
      await port.apply(nevPlan(4)); // the name is replaced, not duplicated
      expect(await harness.nameRef(port, 'RL_nev.share.China')).toEqual({ sheet: 'NEV', address: 'D3:D6' });
    });

    it('stores metadata out of sight and merges later writes', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(1));
      expect(await port.getMetadata('dataset.version')).toBe('2026-11');
      expect(await port.getMetadata('formula.like')).toBe('=HYPERLINK("x")');
      await port.apply({ sheets: [], blocks: [], metadata: [{ key: 'dataset.version', value: '2027-01' }] });
      expect(await port.getMetadata('dataset.version')).toBe('2027-01');
      expect(await port.getMetadata('formula.like')).toBe('=HYPERLINK("x")');
      expect(await port.getMetadata('absent')).toBeNull();
      expect(await port.listSheets()).toEqual(['NEV']);
    });

    it('keeps formula-like and number-like text as text; only FormulaCell is a formula', async () => {
      const port = await harness.make();
      const texts = ['=1+1', '+SUM(A1:A2)', '-2-3', '@cmd', '\t=1', '\r=1', '007', 'TRUE', '2024-01-02', '12%'];
      await port.apply({
        sheets: [{ name: 'Text', clear: true }],
        blocks: [
          { sheet: 'Text', address: 'A1', values: texts.map((t) => [t]) },
          { sheet: 'Text', address: 'B1', values: [[1], [2], [3], [{ formula: '=SUM(B1:B3)' }]] },
        ],
      });
      const snap = (await port.readSheet('Text'))!;
      expect(snap.values.map((r) => r[0])).toEqual(texts);
      expect(snap.formulas!.map((r) => r[0])).toEqual(texts.map(() => ''));
      expect(snap.formulas![3][1]).toBe('=SUM(B1:B3)');
      expect(snap.values[0][1]).toBe(1);
    });

    it('rejects an invalid plan naming sheet and address, and writes nothing', async () => {
      const port = await harness.make();
      await port.apply(nevPlan(2));
      const before = await portState(port, ['dataset.version']);
      const bad: WritePlan = {
        sheets: [{ name: 'Fresh', clear: false }],
        blocks: [
          { sheet: 'Fresh', address: 'A1', values: [['ok']] },
          { sheet: 'Bad', address: 'C3', values: [[1, 2], [3]] },
          { sheet: 'NEV', address: 'A1', values: [[Number.NaN]] },
        ],
        metadata: [{ key: 'dataset.version', value: 'never' }],
      };
      const error = await port.apply(bad).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/Bad!C3/);
      expect(error?.message).toMatch(/ragged rows: row 2 has 1 cells/);
      expect(error?.message).toMatch(/NEV!A1: number NaN is not finite/);
      expect(await portState(port, ['dataset.version'])).toEqual(before);
    });

    it('a failure midway leaves the workbook unchanged', async () => {
      const { port, arm, fingerprint } = await harness.makeFailing();
      await port.apply(nevPlan(3));
      const before = await portState(port, ['dataset.version', 'run.id']);
      const print = fingerprint?.();
      arm();
      const next = nevPlan(6, 'tblNevShare');
      next.blocks.push({
        sheet: 'Later',
        address: 'A1',
        values: [
          ['x', 1],
          ['y', 2],
        ],
        table: { name: 'tblLater' },
      });
      next.blocks.push({ sheet: 'NEV', address: 'H2', values: [['overwritten?']] });
      next.metadata = [{ key: 'run.id', value: 'r-42' }];
      await expect(port.apply(next)).rejects.toThrow();
      expect(await portState(port, ['dataset.version', 'run.id'])).toEqual(before);
      if (fingerprint) expect(fingerprint()).toBe(print);
      expect(await port.readTable('tblLater')).toBeNull();
    });

    it('clears a sheet marked clear before writing', async () => {
      const port = await harness.make();
      await port.apply({
        sheets: [{ name: 'S', clear: false }],
        blocks: [
          {
            sheet: 'S',
            address: 'A1',
            values: [
              [1, 2, 3],
              [4, 5, 6],
            ],
          },
        ],
      });
      await port.apply({ sheets: [{ name: 'S', clear: true }], blocks: [{ sheet: 'S', address: 'A1', values: [['only']] }] });
      expect((await port.readSheet('S'))!.values).toEqual([['only']]);
    });

    it('round-trips a 20,000 x 12 block', async () => {
      const port = await harness.make();
      const rows = 20_000;
      const values: CellValue[][] = [];
      for (let r = 0; r < rows; r++) {
        const row: CellValue[] = [`id-${r}`];
        for (let c = 1; c < 12; c++) row.push(r * 12 + c + c / 8);
        values.push(row);
      }
      await port.apply({ sheets: [{ name: 'Big', clear: true }], blocks: [{ sheet: 'Big', address: 'A1', values }] });
      const snap = (await port.readSheet('Big'))!;
      expect(snap.values.length).toBe(rows);
      expect(snap.values).toEqual(values);
    }, 120_000);
  });
}
