/**
 * Refresh keeps the user's work (issue #9, item 4), on the in-memory workbook and on Excel (fake Office.js).
 * A person's sheet holds formulas on a named output and on a results table column, with their own number
 * format and bold; they added a column to tblResultsShares. Reloading the reference data, refreshing and
 * running scenarios, three times each, must leave all of it identical, and the references must still point
 * at the new results.
 *
 * What is checked for "their formulas compute the new values": neither host here evaluates names or
 * structured references, so the test checks (1) each formula's text is unchanged, (2) the name
 * RL_nev.share.China still exists and points at the Results row whose id is nev.share.China, whose 2030 cell
 * holds the latest run's value, and (3) tblResultsShares still exists with a "2030" column whose cells sum to
 * the latest run's 2030 shares (what =SUM(tblResultsShares[2030]) gives in Excel). A deleted and re-created
 * table or name would fail (1) on the fake (it turns references to a deleted table into #REF!) and (2)/(3).
 */
import { describe, expect, it } from 'vitest';
import { columnIndexToLetters, parseRange } from '../../src/workbook/address';
import { ExcelWorkbook } from '../../src/workbook/excel/excelWorkbook';
import type { ExcelHost } from '../../src/workbook/excel/runExcel';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import type { CellValue } from '../../src/workbook/plan';
import type { WorkbookPort } from '../../src/workbook/port';
import { createAppServices } from '../../src/app/createServices';
import { presetValues } from '../../src/app/scenario/presetValues';
import type { ScenarioRun } from '../../src/app/types';
import { FakeExcel } from '../workbook/fakeExcel';

interface Backend {
  port: WorkbookPort;
  edit(sheet: string, address: string, value: CellValue): Promise<void>;
  nameRef(name: string): { sheet: string; address: string } | null;
}

const backends: Record<string, () => Backend> = {
  memory: () => {
    const wb = new MemoryWorkbook();
    return {
      port: wb,
      edit: async (sheet, address, value) => wb.setCellByUser(sheet, address, value),
      nameRef: (name) => wb.listNames().find((n) => n.name === name) ?? null,
    };
  },
  'excel (fake)': () => {
    const fake = new FakeExcel();
    return {
      port: new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: async () => undefined }),
      edit: async (sheet, address, value) => {
        fake.userEdit(sheet, address, value as string | number);
        await fake.settle();
      },
      nameRef: (name) => {
        const m = /^='?(.+?)'?!(.+)$/.exec(fake.names.get(name.toLowerCase())?.formula ?? '');
        return m ? { sheet: m[1], address: m[2].replace(/\$/g, '') } : null;
      },
    };
  },
};

/** The person's sheet, as they made it (written here through a plan: the hosts' typing makes no formulas). */
const USER_SHEET = 'My analysis';
const FORMULAS = ['=RL_nev.share.China', '=SUM(tblResultsShares[2030])', '=B2*100'];

async function userSheet(port: WorkbookPort) {
  const s = (await port.readSheet(USER_SHEET))!;
  return { values: s.values, formulas: s.formulas, numberFormats: s.numberFormats };
}

for (const [name, make] of Object.entries(backends)) {
  describe(`reload, refresh and scenario runs keep the user's work: ${name}`, () => {
    it('leaves the user sheet, the user column and formatting identical, and their references on the new results', async () => {
      const b = make();
      const services = createAppServices({
        port: b.port,
        mode: 'standalone',
        now: () => '2026-11-28T09:00:00Z',
        fetchImpl: async () => new Response('offline', { status: 503 }),
      });
      await services.loadReferenceData();
      const base = presetValues('baseline');
      await services.runScenario('baseline', base);

      await b.port.apply({
        sheets: [{ name: USER_SHEET, clear: false }],
        blocks: [
          {
            sheet: USER_SHEET,
            address: 'A1',
            values: [
              ['My note on the China share', null],
              ['China NEV share 2030', { formula: FORMULAS[0] }],
              ['Sum of shares 2030', { formula: FORMULAS[1] }],
              ['in %', { formula: FORMULAS[2] }],
            ],
            columns: [{ width: 30 }, { numberFormat: '0.000%' }],
            headerRows: 1,
          },
        ],
      });
      // A column the person added to the results table (typed right of it: Excel makes it part of the table).
      const shares = (await b.port.readSheet('Results'))!.tables!.find((t) => t.name === 'tblResultsShares')!;
      const box = parseRange(shares.address)!;
      const userCol = columnIndexToLetters(box.right + 1);
      await b.edit('Results', `${userCol}${box.top + 1}`, 'My comment');
      await b.edit('Results', `${userCol}${box.top + 2}`, 'check this row');
      const before = await userSheet(b.port);
      const tableBefore = (await b.port.readTable('tblResultsShares'))!;
      expect(tableBefore[0].at(-1)).toBe('My comment');

      const runs: ScenarioRun[] = [];
      const actions: [string, () => Promise<unknown>][] = [];
      for (let i = 0; i < 3; i++) actions.push(['reload', () => services.loadReferenceData()]);
      for (let i = 0; i < 3; i++) actions.push(['refresh', () => services.refreshLinked()]);
      for (const ceiling of [0.6, 0.75, 0.95])
        actions.push([
          'scenario',
          async () => runs.push(await services.runScenario('baseline', { ...base, 'nev.ceiling.China': ceiling })),
        ]);
      for (const [what, action] of actions) {
        await action();
        expect([what, await userSheet(b.port)]).toEqual([what, before]);
        const table = (await b.port.readTable('tblResultsShares'))!;
        expect([what, table[0].at(-1), table[1].at(-1)]).toEqual([what, 'My comment', 'check this row']);
      }

      // The references resolve to the latest run's results.
      const last = runs.at(-1)!;
      const share = last.series.find((s) => s.id === 'nev.share.China')!;
      const ref = b.nameRef('RL_nev.share.China')!;
      expect(ref.sheet).toBe('Results');
      const results = (await b.port.readSheet('Results'))!;
      const named = parseRange(ref.address)!;
      expect(results.values[named.top][0]).toBe('nev.share.China');
      const header = results.values[box.top];
      const col2030 = header.indexOf('2030');
      expect(col2030).toBeGreaterThan(named.left - 1);
      expect(results.values[named.top][col2030]).toBeCloseTo(share.values[share.years.indexOf(2030)], 12);
      const table = (await b.port.readTable('tblResultsShares'))!;
      const c = table[0].indexOf('2030');
      const sum = table.slice(1).reduce((a, row) => a + (typeof row[c] === 'number' ? (row[c] as number) : 0), 0);
      const expected = last.series
        .filter((s) => table.slice(1).some((row) => row[0] === s.id))
        .reduce((a, s) => a + (s.values[s.years.indexOf(2030)] ?? 0), 0);
      expect(sum).toBeCloseTo(expected, 10);
      // The 2030 value differs between the first and last scenario run: the references see the new values.
      const first = runs[0].series.find((s) => s.id === 'nev.share.China')!;
      expect(first.values[first.years.indexOf(2030)]).not.toBeCloseTo(share.values[share.years.indexOf(2030)], 6);
      // The fake turns references to a deleted table into #REF!: none here.
      expect(JSON.stringify((await b.port.readSheet(USER_SHEET))!.formulas)).not.toContain('#REF!');
    }, 120_000);
  });
}
