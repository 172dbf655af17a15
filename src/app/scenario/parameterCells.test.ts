/**
 * Assumption cells bound both ways (issue #9, item 3), on the in-memory workbook and on Excel (fake Office.js).
 */
import { describe, expect, it, vi } from 'vitest';
import { excelNameProblem } from '../../workbook/address';
import { ExcelWorkbook } from '../../workbook/excel/excelWorkbook';
import type { ExcelHost } from '../../workbook/excel/runExcel';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import type { CellValue } from '../../workbook/plan';
import type { WorkbookPort } from '../../workbook/port';
import { FakeExcel } from '../../../tests/workbook/fakeExcel';
import { PARAMS } from '../../model/params';
import { createAppServices } from '../createServices';
import { loadReferenceData } from '../datasets/importData';
import { INPUTS_SHEET, paramCellName } from './parameterCells';
import { presetValues } from './presetValues';
import type { ParameterCellsEdit } from '../types';

interface Backend {
  port: WorkbookPort;
  /** A person types into a cell; resolves once the host delivered the change event. */
  edit(sheet: string, address: string, value: CellValue): Promise<void>;
  validation(address: string): Promise<{ min: number; max: number; title: string; message: string } | null>;
  nameRef(name: string): string | null;
  applies: () => number;
}

function counting(port: WorkbookPort): { port: WorkbookPort; applies: () => number } {
  let n = 0;
  const apply = port.apply.bind(port);
  port.apply = (plan) => {
    n += 1;
    return apply(plan);
  };
  return { port, applies: () => n };
}

const backends: Record<string, () => Backend> = {
  memory: () => {
    const wb = new MemoryWorkbook();
    const { port, applies } = counting(wb);
    return {
      port,
      applies,
      edit: async (sheet, address, value) => wb.setCellByUser(sheet, address, value),
      validation: async (address) => {
        const m = /^([A-Z]+)(\d+)$/.exec(address)!;
        const cell = wb
          .serialize()
          .sheets.find((s) => s.name === INPUTS_SHEET)!
          .cells.find(([r, c]) => r === Number(m[2]) - 1 && c === m[1].charCodeAt(0) - 65);
        return cell?.[2].validation ?? null;
      },
      nameRef: (name) => {
        const n = wb.listNames().find((x) => x.name === name);
        return n ? `${n.sheet}!${n.address}` : null;
      },
    };
  },
  'excel (fake)': () => {
    const fake = new FakeExcel();
    const { port, applies } = counting(new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: async () => undefined }));
    return {
      port,
      applies,
      edit: async (sheet, address, value) => {
        fake.userEdit(sheet, address, value as string | number);
        await fake.settle();
      },
      validation: async (address) => {
        const v = fake
          .sheetByName(INPUTS_SHEET)!
          .cells.get((Number(address.slice(1)) - 1) * 16_384 + address.charCodeAt(0) - 65)?.validation;
        return v
          ? { min: Number(v.formula1.slice(1)), max: Number(v.formula2!.slice(1)), title: v.prompt!.title, message: v.prompt!.message }
          : null;
      },
      nameRef: (name) => {
        const n = fake.names.get(name.toLowerCase());
        return n ? n.formula.replace(/^=/, '').replace(/\$/g, '').replace(/'/g, '') : null;
      },
    };
  },
};

const CEILING = 'nev.ceiling.China'; // first parameter: Inputs!B5
const cellValue = async (port: WorkbookPort, address: string) => {
  const snap = (await port.readSheet(INPUTS_SHEET))!;
  const m = /^([A-Z])(\d+)$/.exec(address)!;
  return snap.values[Number(m[2]) - 1]?.[m[1].charCodeAt(0) - 65] ?? null;
};

describe('parameter cell names', () => {
  it('every parameter id gives a valid, distinct Excel name RL_param.<id>', () => {
    const names = PARAMS.map((m) => paramCellName(m.id));
    for (const n of names) expect([n, excelNameProblem(n)]).toEqual([n, null]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(PARAMS.length);
    expect(paramCellName(CEILING)).toBe('RL_param.nev.ceiling.China');
    expect(paramCellName('a b_c')).toBe('RL_param.a_x0020_b__c'); // derived deterministically when an id is not a name
  });
});

for (const [name, make] of Object.entries(backends)) {
  describe(`Inputs sheet bound to the sliders: ${name}`, () => {
    it('a run writes one named, validated input cell per parameter in the same write as the results', async () => {
      const b = make();
      const services = createAppServices({ port: b.port, mode: 'standalone' });
      const values = presetValues('baseline');
      await services.runScenario('baseline', { ...values, [CEILING]: 0.9 });
      expect(b.applies()).toBe(1);
      expect(await cellValue(b.port, 'B5')).toBe(0.9);
      expect(await cellValue(b.port, 'A5')).toBe(CEILING);
      expect(b.nameRef('RL_param.nev.ceiling.China')).toBe('Inputs!B5');
      const v = await b.validation('B5');
      expect(v).toMatchObject({ min: 0.05, max: 1, title: 'NEV share ceiling, China' });
      expect(v!.message).toMatch(/^Unit: fraction of new-car sales\. Range 0\.05 to 1 .*Source: IEA, Global EV Outlook 2024/);
      expect(v!.message.length).toBeLessThanOrEqual(255);
      // Every parameter has its cell; the reference data's Parameters sheet is not touched.
      for (const [i, m] of PARAMS.entries()) expect(b.nameRef(paramCellName(m.id))).toBe(`Inputs!B${5 + i}`);
      expect(await b.port.readSheet('Parameters')).toBeNull();
      // A slider move: the cell follows in the same single write.
      await services.runScenario('baseline', { ...values, [CEILING]: 0.7 });
      expect(b.applies()).toBe(2);
      expect(await cellValue(b.port, 'B5')).toBe(0.7);
    });

    it("a person's edit moves the slider; the add-in's own writes do not; text and out-of-range values are refused next to the cell", async () => {
      const b = make();
      const services = createAppServices({ port: b.port, mode: 'standalone' });
      const edits: ParameterCellsEdit[] = [];
      services.onParameterCellsEdited((e) => edits.push(e));
      const values = presetValues('baseline');
      await services.runScenario('baseline', values);
      await services.runScenario('baseline', { ...values, [CEILING]: 0.9 });
      await new Promise((r) => setTimeout(r, 20));
      expect(edits).toEqual([]); // the add-in's own writes

      await b.edit(INPUTS_SHEET, 'B5', 0.6);
      await vi.waitFor(() => expect(edits).toHaveLength(1));
      expect(edits[0]).toEqual({ values: { [CEILING]: 0.6 }, refused: [] });

      await b.edit(INPUTS_SHEET, 'B5', 'abc');
      await vi.waitFor(() => expect(edits).toHaveLength(2));
      expect(edits[1].values).toEqual({});
      expect(edits[1].refused).toEqual([`Inputs!B5 (${CEILING}): 'abc' is not a number`]);
      // The pane keeps driving the model with the last valid value (0.6); the write keeps what the person typed
      // and says why next to it.
      const run = await services.runScenario('baseline', { ...values, [CEILING]: 0.6 });
      expect(await cellValue(b.port, 'B5')).toBe('abc');
      expect(await cellValue(b.port, 'G5')).toBe(`Inputs!B5 (${CEILING}): 'abc' is not a number; the model uses 0.6`);
      expect(run.report.title).toBe('Results written; 1 input cell(s) refused');
      expect(run.report.details![0]).toContain("'abc' is not a number");

      await b.edit(INPUTS_SHEET, 'B5', 1.5);
      await vi.waitFor(() => expect(edits).toHaveLength(3));
      expect(edits[2].refused).toEqual([`Inputs!B5 (${CEILING}): 1.5 is outside 0.05 to 1 (fraction of new-car sales)`]);

      // The slider moves again: it wins over the refused cell, whose note goes.
      await services.runScenario('baseline', { ...values, [CEILING]: 0.8 });
      expect(await cellValue(b.port, 'B5')).toBe(0.8);
      expect(await cellValue(b.port, 'G5')).toBeNull();
    });

    it('a burst of edits coalesces: reads do not overlap and the last edit wins', async () => {
      const b = make();
      const services = createAppServices({ port: b.port, mode: 'standalone' });
      const values = presetValues('baseline');
      await services.runScenario('baseline', values);
      let reads = 0;
      let open = 0;
      let overlapped = false;
      const read = b.port.readSheet.bind(b.port);
      b.port.readSheet = async (sheet) => {
        reads += 1;
        open += 1;
        if (open > 1) overlapped = true;
        await new Promise((r) => setTimeout(r, 5));
        try {
          return await read(sheet);
        } finally {
          open -= 1;
        }
      };
      const edits: ParameterCellsEdit[] = [];
      services.onParameterCellsEdited((e) => edits.push(e));
      await Promise.all([0.3, 0.4, 0.5, 0.6].map((v) => b.edit(INPUTS_SHEET, 'B5', v)));
      await vi.waitFor(() => expect(edits.at(-1)?.values[CEILING]).toBe(0.6));
      await new Promise((r) => setTimeout(r, 30));
      expect(overlapped).toBe(false);
      expect(reads).toBeLessThan(4);
      expect(edits.map((e) => e.values[CEILING])).not.toContain(0.3);
      expect(edits.at(-1)!.values[CEILING]).toBe(0.6);
    });

    it("a typed 'abc' in the NEV history is refused with its cell named; the last valid history drives the model", async () => {
      const b = make();
      await loadReferenceData(b.port, () => '2026-11-28T09:00:00Z');
      const services = createAppServices({ port: b.port, mode: 'standalone' });
      const values = presetValues('baseline');
      const good = await services.runScenario('baseline', values);
      const table = (await b.port.readSheet('NEV sales'))!.tables!.find((t) => t.name === 'tblNevSales')!;
      const header = (await b.port.readTable('tblNevSales'))![0];
      const col = header.indexOf('ev_sales_total_vehicles');
      const top = Number(/\d+/.exec(table.address)![0]);
      const left = table.address.charCodeAt(0) - 65;
      const address = `${String.fromCharCode(65 + left + col)}${top + 2}`;
      await b.edit('NEV sales', address, 'abc');
      const run = await services.runScenario('baseline', values);
      expect(run.report.title).toMatch(/input cell\(s\) refused/);
      expect(run.report.details![0]).toContain(`'NEV sales'!${address}`);
      expect(run.report.details![0]).toContain("'abc' is not a number");
      expect(run.headline).toEqual(good.headline);
      // The instant model (pane figures) keeps working on the last valid history too.
      await expect(services.instantModel()).resolves.toBeTruthy();
    });
  });
}
