import { describe, expect, it } from 'vitest';
import { runModels } from '../../model/run';
import { defaultValues } from '../../model/params';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import type { CellValue } from '../../workbook/plan';
import { parseRange } from '../../workbook/address';
import { chartBlocks, specFromChart, type CellReader } from './chartPlan';
import { fanChart, nevShareChart, tornadoChart } from './charts';
import { referenceModelData } from '../scenario/modelInputs';
import { planScenarioResults } from './scenarioPlan';

function reader(wb: MemoryWorkbook): CellReader {
  return (sheet, address) => {
    const view = wb.getSheetView(sheet);
    const r = parseRange(address);
    if (!view || !r) return null;
    const out: CellValue[][] = [];
    for (let i = r.top; i <= r.bottom; i++)
      out.push(Array.from({ length: r.right - r.left + 1 }, (_, j) => view.rows[i]?.[r.left + j]?.value ?? null));
    return out;
  };
}

async function roundTrip(spec: Parameters<typeof chartBlocks>[0]) {
  const c = chartBlocks(spec, { sheet: 'S', row: 4, name: 'RL_chart_x', table: 'tblChartX' });
  const wb = new MemoryWorkbook();
  await wb.apply({ sheets: [{ name: 'S', clear: true }], blocks: c.blocks, charts: [c.chart] });
  return { c, back: specFromChart(wb.getSheetView('S')!.charts[0], reader(wb)) };
}

describe('chart plan: a ChartSpec as a data table and a native chart', () => {
  it('NEV share: every line of the pane chart is a series over the table, same points, title and axis units', async () => {
    const result = runModels(defaultValues(), referenceModelData());
    const spec = nevShareChart(result.series, result.calibration, result.baseYear);
    const { c, back } = await roundTrip(spec);
    expect(c.chart.title).toBe(spec.title);
    expect(c.chart.valueAxis).toMatchObject({ title: spec.y.title, unit: 'fraction', min: 0, max: 1 });
    expect(c.chart.categoryAxis.title).toBe('Year');
    expect(back.series.map((s) => s.label)).toEqual(spec.series.map((s) => s.label));
    for (const [i, s] of spec.series.entries()) {
      if (s.type !== 'line') throw new Error('line expected');
      const got = back.series[i];
      if (got.type !== 'line') throw new Error('line expected');
      expect(got.style).toBe(s.style);
      expect(got.points.filter((p) => p.y !== null)).toEqual(s.points.filter((p) => p.y !== null).map((p) => ({ x: p.x, y: p.y })));
    }
    expect(back.legend.length).toBe(spec.series.length);
  });

  it('fan: the bands are written as their edges (P5, P95 dotted; P25, P75 dashed) around the median', async () => {
    const years = [2030, 2031];
    const spec = fanChart(
      { id: 'rnd.npv', label: 'NPV', unit: 'USD m', years, p5: [1, 2], p25: [2, 3], p50: [3, 4], p75: [4, 5], p95: [5, 6] },
      1000,
    );
    const { c, back } = await roundTrip(spec);
    expect(c.chart.series.map((s) => [s.name, s.line])).toEqual([
      ['P5', 'dotted'],
      ['P95', 'dotted'],
      ['P25', 'dashed'],
      ['P75', 'dashed'],
      ['Median (P50)', 'solid'],
    ]);
    expect(back.series.map((s) => (s.type === 'line' ? s.points.map((p) => p.y) : []))).toEqual([
      [1, 2],
      [5, 6],
      [2, 3],
      [4, 5],
      [3, 4],
    ]);
  });

  it('tornado: floating bars as a hidden start plus the swing, starting from an axis minimum below the lowest bar', async () => {
    const spec = tornadoChart({ id: 'nev.share.China', label: 'NEV share, China', unit: 'fraction' }, 2030, 0.8, [
      { paramId: 'a', label: 'A', outputAtLow: 0.7, outputAtHigh: 0.9, low: 0, high: 1 },
      { paramId: 'b', label: 'B', outputAtLow: 0.85, outputAtHigh: 0.75, low: 0, high: 1 },
    ]);
    const { c, back } = await roundTrip(spec);
    expect(c.chart.type).toBe('barStacked');
    expect(c.chart.series[0]).toMatchObject({ name: 'Bar start (not drawn)', hidden: true });
    expect(c.chart.valueAxis.min).toBeLessThanOrEqual(0.7);
    expect(c.chart.valueAxis.min).toBeGreaterThan(0.5);
    expect(c.chart.title).toContain('Base case 80.0 %');
    const seg = back.bars.map((b) => b.segments.map((s) => [s.label, +s.from.toFixed(6), +s.to.toFixed(6)]));
    expect(seg).toEqual([[['Output rises with the input', 0.7, 0.9]], [['Output falls as the input rises', 0.75, 0.85]]]);
  });

  it('the Results plan carries the NEV share, exports and R&D frontier charts over its own blocks', () => {
    const plan = planScenarioResults(runModels(defaultValues(), referenceModelData()), {
      presetLabel: 'Baseline',
      datasetVersion: 'v',
      changed: [],
      historySource: 'bundled',
      chinaCap: 0.4,
    });
    expect(plan.charts?.map((c) => c.name)).toEqual(['RL_chart_nevShare', 'RL_chart_exports', 'RL_chart_rndFrontier']);
    const tables = plan.blocks.flatMap((b) => (b.table ? [b.table.name] : []));
    expect(tables).toEqual(expect.arrayContaining(['tblChartNevShare', 'tblChartExports', 'tblChartRndFrontier']));
    for (const c of plan.charts!) {
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.valueAxis.title).toMatch(/\(.+\)/); // the unit
    }
  });
});
