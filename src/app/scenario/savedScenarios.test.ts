import { describe, expect, it } from 'vitest';
import { defaultValues } from '../../model/params';
import { runModels } from '../../model/run';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import { referenceModelData } from './modelInputs';
import { COMPARE_SHEET, planComparison } from './savedScenarios';

describe('Compare sheet', () => {
  const a = runModels(defaultValues(), referenceModelData());
  const b = runModels({ ...defaultValues(), 'nev.ceiling.Europe': 0.5 }, referenceModelData());

  it('holds native charts of the headline outputs, one line per scenario, created once and updated in place', async () => {
    const plan = planComparison(['Baseline', 'Europe 50 %'], [a, b]);
    expect(plan.charts?.map((c) => c.name)).toEqual(['RL_chart_compare_NevShareEurope', 'RL_chart_compare_ExportsTotal']);
    const europe = plan.charts![0];
    expect(europe.title).toMatch(/scenarios compared/);
    expect(europe.valueAxis.title).toMatch(/%/);
    expect(europe.series.map((s) => s.name)).toEqual(['Baseline', 'Europe 50 %']);

    const wb = new MemoryWorkbook();
    await wb.apply(plan);
    const ids = wb.chartsOn(COMPARE_SHEET).map((c) => c.id);
    await wb.apply(planComparison(['Baseline', 'Europe 50 %'], [a, b]));
    const again = wb.chartsOn(COMPARE_SHEET);
    expect(again.map((c) => c.id)).toEqual(ids);
    expect(again).toHaveLength(2);
  });
});
