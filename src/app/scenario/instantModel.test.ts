import { describe, expect, it } from 'vitest';
import { isClose } from '../../../tests/helpers/tolerance';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import { defaultValues, PARAMS } from '../../model/params';
import { runModels } from '../../model/run';
import { createAppServices, presetValues } from '../createServices';
import { createInstantModel, headlines } from './instantModel';
import { referenceModelData } from './modelInputs';

const data = referenceModelData();

describe('instant model (the pane figures)', () => {
  const instant = createInstantModel(data);

  it('gives the numbers the Results sheet gets for every input but the NEV ceilings (which the sheet refits)', () => {
    const differ: string[] = []; // collected, then compared once (an expect per value cost ~2 s of CPU)
    for (const meta of PARAMS) {
      if (meta.id.startsWith('nev.ceiling.')) continue;
      const values = { ...defaultValues(), [meta.id]: meta.min + (meta.max - meta.min) * 0.3 };
      const fast = instant.evaluate(values);
      const full = runModels(values, data);
      for (const s of full.series) {
        const f = fast.get(s.id)!;
        s.values.forEach((v, i) => {
          const same = Number.isFinite(v) ? isClose(f.values[i], v, 1e-9, 1e-9) : !Number.isFinite(f.values[i]);
          if (!same) differ.push(`${meta.id}: ${s.id}[${i}] ${f.values[i]} vs ${v}`);
        });
      }
    }
    expect(differ).toEqual([]);
  });

  it('returns a new snapshot per evaluation and the headline figures for 2030', () => {
    const a = instant.evaluate(presetValues('baseline'));
    const b = instant.evaluate({ ...presetValues('baseline'), 'nev.speedMultiplier': 2 });
    expect(a.get('nev.share.Europe')!.values[15]).not.toBe(b.get('nev.share.Europe')!.values[15]);
    const h = headlines(a);
    expect(h.map((x) => x.id)).toContain('exports.value.total');
    expect(h.every((x) => x.year === 2030)).toBe(true);
  });
});

describe('services for the pane', () => {
  it('recompiles the instant model after the NEV history is written or edited', async () => {
    const wb = new MemoryWorkbook();
    const services = createAppServices({ port: wb, mode: 'standalone', now: () => '2026-11-28T00:00:00Z' });
    const first = await services.instantModel();
    expect(await services.instantModel()).toBe(first);
    let told = 0;
    services.onModelDataChanged(() => told++);
    await services.loadReferenceData();
    expect(told).toBeGreaterThan(0);
    expect(await services.instantModel()).not.toBe(first);
  });

  it('deletes, renames and duplicates saved scenarios, and returns compared series for the chart', async () => {
    const wb = new MemoryWorkbook();
    const services = createAppServices({ port: wb, mode: 'standalone' });
    await services.saveScenario({ name: 'Low', preset: 'baseline', overrides: { 'nev.ceiling.China': 0.6 } });
    await services.saveScenario({ name: 'Fortress', preset: 'fortress', overrides: {} });
    expect((await services.duplicateScenario('Low')).name).toBe('Low (copy)');
    expect((await services.duplicateScenario('Low')).name).toBe('Low (copy 2)');
    expect(await services.renameScenario('Low (copy)', 'Fortress')).toMatchObject({
      ok: false,
      message: 'Not renamed: a scenario named "Fortress" exists already.',
    });
    expect(await services.renameScenario('Low (copy)', 'Mid')).toMatchObject({ ok: true, message: 'Renamed "Low (copy)" to "Mid".' });
    expect(await services.deleteScenario('Low (copy 2)')).toMatchObject({ ok: true });
    expect((await services.listScenarios()).map((s) => s.name)).toEqual(['Low', 'Fortress', 'Mid']);
    const cmp = await services.compareScenarios(['Low', 'Fortress']);
    expect(cmp.comparison!.names).toEqual(['Low', 'Fortress']);
    const china = cmp.comparison!.outputs.find((o) => o.id === 'nev.share.China')!;
    expect(china.values).toHaveLength(2);
    expect(china.values[0][25]).toBeLessThan(china.values[1][25] + 1);
    expect(wb.getSheetView('Compare')!.rows.some((r) => r.some((c) => c.display.endsWith('%')))).toBe(true);
  });
});
