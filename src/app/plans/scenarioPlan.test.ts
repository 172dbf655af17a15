import { describe, expect, it } from 'vitest';
import { runModels } from '../../model/run';
import { defaultValues } from '../../model/params';
import { referenceModelData } from '../scenario/modelInputs';
import { planScenarioResults } from './scenarioPlan';
import { excelFormat } from '../units';

describe('Results sheet plan', () => {
  const result = runModels(defaultValues(), referenceModelData(), {
    expressions: [
      { id: 'perCar', expr: 'exports.value.total / nev.sales.World' },
      { id: 'chinaSalesShare', expr: 'nev.sales.China / nev.sales.World', unit: 'fraction' },
    ],
  });
  const plan = planScenarioResults(result, { presetLabel: 'Baseline', datasetVersion: 't', changed: [], historySource: 'bundled' });
  const tableOf = (id: string) => plan.blocks.find((b) => b.table && b.values.some((r) => r[0] === id))!;
  const rowOf = (id: string) => tableOf(id).values.find((r) => r[0] === id)!;

  it('formats every row the way the pane shows it and says so in the Unit column', () => {
    expect(rowOf('nev.share.China')[2]).toBe('%');
    expect(tableOf('nev.share.China').columns![3].numberFormat).toBe('0.0%');
    expect(rowOf('exports.value.total')[2]).toBe('USD');
    expect(tableOf('exports.value.total').columns![3].numberFormat).toBe(excelFormat('USD'));
    expect(tableOf('nev.market.China').columns![3].numberFormat).toBe(excelFormat('vehicles'));
    expect(tableOf('rnd.npv').columns![3].numberFormat).toBe('#,##0');
  });

  it('puts every tariff series (vehicle and component tariffs, break-even tariffs) in the tariff table, by the output catalogue', () => {
    const tariffs = tableOf('exports.tariffRate.adas.Europe');
    for (const id of ['exports.vehicles.tariffRate.Europe', 'exports.breakEvenTariff.adas.Europe']) expect(tableOf(id)).toBe(tariffs);
    expect(tableOf('nev.share.China')).not.toBe(tariffs);
  });

  it('writes derived metrics formatted, in the unit picked for them', () => {
    expect(tableOf('expr.perCar').columns![3].numberFormat).toBe('#,##0.00');
    expect(tableOf('expr.chinaSalesShare').columns![3].numberFormat).toBe('0.0%');
    expect(rowOf('expr.chinaSalesShare')[2]).toBe('%');
  });

  it('keeps the label columns frozen and writes no value as a blank cell', () => {
    expect(plan.sheets[0].freeze).toEqual({ rows: 0, columns: 3 });
    const optimal = rowOf('rnd.optimalChinaShare');
    expect(optimal.every((c) => c === null || typeof c === 'string' || Number.isFinite(c as number))).toBe(true);
  });

  it("lists the model's notes about the scenario in the header (a ceiling below today's share is named)", () => {
    const low = runModels({ ...defaultValues(), 'nev.ceiling.China': 0.3 }, referenceModelData());
    const header = (p: ReturnType<typeof planScenarioResults>) => p.blocks[0].values.map((r) => String(r[0]));
    const lowPlan = planScenarioResults(low, { presetLabel: 'Baseline', datasetVersion: 't', changed: [], historySource: 'bundled' });
    expect(header(lowPlan)[3]).toMatch(/^Model notes: .*China ceiling 30 % is below the last observed share 53.0 % \(2025\)/);
    const base = runModels(defaultValues(), referenceModelData());
    const basePlan = planScenarioResults(base, { presetLabel: 'Baseline', datasetVersion: 't', changed: [], historySource: 'bundled' });
    expect(header(basePlan)[3]).toBe(base.warnings.length ? `Model notes: ${base.warnings.join(' | ')}` : 'Model notes: none');
    expect(header(basePlan)[3]).not.toMatch(/ceiling .* is below/);
  });
});
