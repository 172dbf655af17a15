/** The app's use cases end to end on the in-memory workbook: data -> model -> plan -> workbook. */
import { describe, expect, it } from 'vitest';
import { createAppServices, presetValues } from '../../src/app/createServices';
import { SCENARIOS_KEY } from '../../src/app/scenario/savedScenarios';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';

const now = () => '2026-11-28T10:00:00.000Z';

function setup() {
  const wb = new MemoryWorkbook();
  const services = createAppServices({ port: wb, mode: 'standalone', now });
  return { wb, services };
}

/** The row of the Results sheet whose first cell is `id`, as [id, label, unit, ...values]. */
function resultsRow(wb: MemoryWorkbook, id: string) {
  const view = wb.getSheetView('Results');
  const row = view?.rows.find((r) => r[0]?.value === id);
  if (!row) throw new Error(`no Results row for ${id}`);
  return row.map((c) => c.value);
}

function yearColumn(wb: MemoryWorkbook, year: number): number {
  const view = wb.getSheetView('Results');
  const header = view?.rows.find((r) => r[0]?.value === 'Output id');
  const col = header?.findIndex((c) => c.value === String(year)) ?? -1;
  if (col < 0) throw new Error(`no column for ${year}`);
  return col;
}

describe('app services on the in-memory workbook', () => {
  it('loads the reference data: suppliers with source and status columns', async () => {
    const { wb, services } = setup();
    const report = await services.loadReferenceData();
    expect(report.ok).toBe(true);
    const view = wb.getSheetView('Suppliers');
    const text = view?.rows.flat().map((c) => String(c.value ?? '')) ?? [];
    expect(text).toContain('Bosch (Robert Bosch GmbH)');
    expect(text.some((t) => t.startsWith('https://'))).toBe(true);
    expect(wb.sheetNames()).toEqual(expect.arrayContaining(['Suppliers', 'NEV sales', 'Tariffs']));
  });

  it('writes results, and a lower China ceiling lowers the 2040 China share in the cells', async () => {
    const { wb, services } = setup();
    const values = presetValues('baseline');
    const run = await services.runScenario('baseline', values);
    expect(run.report.ok).toBe(true);
    const col = yearColumn(wb, 2040);
    const before = resultsRow(wb, 'nev.share.China')[col] as number;
    expect(before).toBeGreaterThan(0.3);
    await services.runScenario('baseline', { ...values, 'nev.ceiling.China': 0.4 });
    const after = resultsRow(wb, 'nev.share.China')[col] as number;
    expect(after).toBeLessThan(before);
    expect(after).toBeLessThanOrEqual(0.4 + 1e-9);
    expect(wb.listNames().map((n) => n.name)).toContain('RL_nev.share.China');
  });

  it('fits on the history in the workbook: editing the NEV sales table changes the fit', async () => {
    const { wb, services } = setup();
    await services.loadReferenceData();
    const values = presetValues('baseline');
    const first = await services.runScenario('baseline', values);
    const chinaFit = first.calibration.find((c) => c.region === 'China');
    expect(chinaFit?.rmsePp).toBeLessThan(5);
    // A user halves China's 2023 share in the sheet.
    const view = wb.getSheetView('NEV sales')!;
    const header = view.rows.findIndex((r) => r.some((c) => c.value === 'region'));
    const cols = view.rows[header].map((c) => c.value);
    const r = view.rows.findIndex(
      (row, i) => i > header && row[cols.indexOf('region')]?.value === 'China' && row[cols.indexOf('year')]?.value === 2023,
    );
    expect(r).toBeGreaterThan(header);
    const shareCol = cols.indexOf('ev_sales_share_new_cars_pct');
    wb.setCellByUser('NEV sales', `${String.fromCharCode(65 + shareCol)}${r + 1}`, 5);
    const second = await services.runScenario('baseline', values);
    const chinaFit2 = second.calibration.find((c) => c.region === 'China');
    expect(chinaFit2?.rmsePp).not.toBeCloseTo(chinaFit?.rmsePp ?? 0, 3);
  });

  it('saves scenarios, compares two, and refuses to overwrite a damaged store', async () => {
    const { wb, services } = setup();
    const base = presetValues('baseline');
    expect((await services.saveScenario({ name: 'low ceiling', preset: 'baseline', overrides: { 'nev.ceiling.China': 0.5 } })).ok).toBe(
      true,
    );
    expect((await services.saveScenario({ name: 'fortress', preset: 'fortress', overrides: {} })).ok).toBe(true);
    expect((await services.listScenarios()).map((s) => s.name)).toEqual(['low ceiling', 'fortress']);
    const cmp = await services.compareScenarios(['low ceiling', 'fortress']);
    expect(cmp.ok).toBe(true);
    expect(
      wb
        .getSheetView('Compare')
        ?.rows.flat()
        .some((c) => c.value === 'low ceiling'),
    ).toBe(true);

    const bad = await services.saveScenario({ name: 'typo', preset: 'baseline', overrides: { 'nev.ceilng.China': 0.5 } });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('nev.ceilng.China');

    await wb.apply({ sheets: [], blocks: [], metadata: [{ key: SCENARIOS_KEY, value: '{"scenarios": [ {"name": 1' }] });
    const refused = await services.saveScenario({ name: 'x', preset: 'baseline', overrides: {} });
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('damaged');
    expect(await wb.getMetadata(SCENARIOS_KEY)).toBe('{"scenarios": [ {"name": 1');
    void base;
  });

  it('simulates in-process (Node), writes percentiles and reproduces a seed exactly', async () => {
    const { wb, services } = setup();
    const values = presetValues('baseline');
    const a = await services.simulate('baseline', values, { iterations: 200, seed: 7, sampling: 'lhs' }, {});
    const sheetA = JSON.stringify(wb.getSheetView('Simulation')?.rows.map((r) => r.map((c) => c.value)));
    const b = await services.simulate('baseline', values, { iterations: 200, seed: 7, sampling: 'lhs' }, {});
    const sheetB = JSON.stringify(wb.getSheetView('Simulation')?.rows.map((r) => r.map((c) => c.value)));
    expect(a.iterations).toBe(200);
    expect(sheetA).toBe(sheetB);
    expect(b.rows.length).toBeGreaterThan(0);
    for (const row of b.rows) {
      expect(row.p5).toBeLessThanOrEqual(row.p50);
      expect(row.p50).toBeLessThanOrEqual(row.p95);
    }
  });

  it('tornado bars are sorted by swing for the China 2030 share', async () => {
    const { services } = setup();
    const { bars, base } = await services.tornado(presetValues('baseline'), 'nev.share.China', 2030);
    expect(base).toBeGreaterThan(0);
    expect(bars.length).toBeGreaterThan(3);
    const swing = (b: (typeof bars)[number]) => Math.abs(b.outputAtHigh - b.outputAtLow);
    for (let i = 1; i < bars.length; i++) expect(swing(bars[i - 1])).toBeGreaterThanOrEqual(swing(bars[i]));
    expect(swing(bars[0])).toBeGreaterThan(0);
  });
});

describe('goal seek through the services', () => {
  it('finds the China ceiling that gives a 60 % China share in 2035, verified by substitution', async () => {
    const { services } = setup();
    const values = presetValues('baseline');
    const r = await services.goalSeek(values, 'nev.ceiling.China', 'nev.share.China', 2035, 0.6);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const check = await services.runScenario('baseline', { ...values, 'nev.ceiling.China': r.value });
    const s = check.series.find((x) => x.id === 'nev.share.China')!;
    expect(Math.abs(s.values[s.years.indexOf(2035)] - 0.6)).toBeLessThan(1e-8);
  });

  it('says when the target is out of reach within the parameter range', async () => {
    const { services } = setup();
    const r = await services.goalSeek(presetValues('baseline'), 'nev.ceiling.China', 'nev.share.China', 2035, 1.5);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Goal seek: .*ranges from .* target 1\.5\d* is outside/);
  });
});

describe('derived metrics (user expressions)', () => {
  it('writes expr.<id> computed year by year from output ids', async () => {
    const { wb, services } = setup();
    const values = presetValues('baseline');
    const run = await services.runScenario('baseline', values, [{ id: 'perEuCar', expr: 'exports.value.total / nev.sales.Europe' }]);
    const total = run.series.find((s) => s.id === 'exports.value.total')!;
    const eu = run.series.find((s) => s.id === 'nev.sales.Europe')!;
    const i = total.years.indexOf(2030);
    const row = resultsRow(wb, 'expr.perEuCar');
    const col = yearColumn(wb, 2030);
    expect(Math.abs((row[col] as number) - total.values[i] / eu.values[i])).toBeLessThanOrEqual(1e-9 * Math.abs(row[col] as number));
  });

  it('rejects hostile or broken expressions with a message naming the expression', () => {
    const { services } = setup();
    expect(services.checkExpression({ id: 'ok', expr: 'nev.share.China * 100' })).toBeNull();
    for (const expr of ['import({}, {override: true})', 'evaluate("1+1")', 'f(x) = x', 'nev.shar.China + 1', 'constructor']) {
      const error = services.checkExpression({ id: 'bad', expr });
      expect(error, expr).toBeTruthy();
    }
    expect(services.checkExpression({ id: 'bad', expr: 'nev.shar.China + 1' })).toContain('nev.shar.China');
  });
});
