/**
 * The pane's actions end to end on the Excel adapter over the fake: round trips per action (issue #9,
 * item 6: at most 3 syncs, no Excel.run per change event), and the same results as the memory workbook.
 */
import { describe, expect, it } from 'vitest';
import { createAppServices, presetValues } from '../../src/app/createServices';
import { ExcelWorkbook } from '../../src/workbook/excel/excelWorkbook';
import type { ExcelHost } from '../../src/workbook/excel/runExcel';
import { FakeExcel } from './fakeExcel';

const now = () => '2026-11-28T10:00:00.000Z';

export function excelApp(fake = new FakeExcel()) {
  const port = new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: async () => undefined });
  const services = createAppServices({ port, mode: 'excel', now });
  return { fake, port, services };
}

/** Syncs, Excel.run calls and request bytes an action costs, events included. */
export async function measure(fake: FakeExcel, action: () => Promise<unknown>) {
  await fake.settle();
  const syncs = fake.syncLog.length;
  const runs = fake.runLog.length;
  await action();
  await fake.settle();
  const log = fake.syncLog.slice(syncs);
  return {
    syncs: log.length,
    runs: fake.runLog.length - runs,
    requestBytes: log.reduce((a, s) => a + s.requestBytes, 0),
    responseBytes: log.reduce((a, s) => a + s.responseBytes, 0),
  };
}

describe('pane actions on Excel (fake Office.js)', () => {
  it('loads, reloads, runs a scenario and refreshes in at most 3 syncs each, events included', async () => {
    const { fake, services } = excelApp();
    let edits = 0;
    services.onModelInputEdited(() => {
      edits += 1;
    });
    const load = await measure(fake, async () => expect((await services.loadReferenceData()).ok).toBe(true));
    const reload = await measure(fake, async () => expect((await services.loadReferenceData()).ok).toBe(true));
    const scenario = await measure(fake, async () =>
      expect((await services.runScenario('baseline', presetValues('baseline'))).report.ok).toBe(true),
    );
    const refresh = await measure(fake, async () =>
      expect((await services.refreshLinked()).message).toMatch(/Refreshed \d+ linked tables/),
    );
    expect(edits).toBe(0); // the add-in's own writes are not a person's edit
    fake.userEdit('NEV sales', 'E5', 12345); // a person's edit, then "refresh and overwrite my edits"
    const rewrite = await measure(fake, async () =>
      expect((await services.refreshLinked({ overwriteEdits: true })).message).toMatch(/1 updated/),
    );
    expect(fake.cell('NEV sales', 'E5')?.value).not.toBe(12345);
    for (const [what, m] of Object.entries({ load, reload, scenario, refresh, rewrite })) {
      expect([what, m.syncs <= 3, m.runs <= 3]).toEqual([what, true, true]);
    }
    expect(edits).toBe(1); // the person's edit, and not the refresh that overwrote it
    expect(fake.sheets.some((s) => s.name.startsWith('_rlab_undo'))).toBe(false);
  });

  it('keeps results a person built on the Results tables through another scenario run', async () => {
    const { fake, services } = excelApp();
    await services.loadReferenceData();
    await services.runScenario('baseline', presetValues('baseline'));
    fake.userAddsSheet('My analysis');
    fake.userEdit('My analysis', 'B2', '=SUM(tblResultsShares[2030])');
    await services.runScenario('baseline', { ...presetValues('baseline'), 'nev.ceiling.China': 0.4 });
    expect(fake.cell('My analysis', 'B2')?.formula).toBe('=SUM(tblResultsShares[2030])');
  });

  it('reruns the fit when a person edits the NEV history in Excel, not when the add-in writes it', async () => {
    const { fake, services } = excelApp();
    let edits = 0;
    services.onModelInputEdited(() => {
      edits += 1;
    });
    await services.loadReferenceData();
    await fake.settle();
    expect(edits).toBe(0);
    fake.userEdit('NEV sales', 'E5', 12345);
    await fake.settle();
    expect(edits).toBe(1);
  });
});
