import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { workbookToPlan } from '../../src/workbook/memory/toPlan';
import type { ChartWrite, WritePlan } from '../../src/workbook/plan';

const chart = (top: number, title: string): ChartWrite => ({
  name: 'RL_chart_m',
  sheet: 'Results',
  type: 'line',
  title,
  categoryAxis: { title: 'Year' },
  valueAxis: { title: 'Share (%)', unit: 'fraction' },
  series: [{ name: 'China', values: `B${top + 1}:B${top + 2}`, xValues: `A${top + 1}:A${top + 2}`, color: 0 }],
  position: `D${top}:K${top + 15}`,
});
const plan = (top: number, title: string): WritePlan => ({
  sheets: [{ name: 'Results', clear: true }],
  blocks: [
    {
      sheet: 'Results',
      address: `A${top}`,
      values: [
        ['Year', 'China'],
        [2030, 0.5],
        [2031, 0.6],
      ],
      table: { name: 'tblChartM' },
      headerRows: 1,
    },
  ],
  charts: [chart(top, title)],
});

describe('MemoryWorkbook: charts', () => {
  it('keeps one chart per name, updated in place (same id) with its new ranges', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply(plan(1, 'First'));
    const [first] = wb.chartsOn('Results');
    await wb.apply(plan(4, 'Second'));
    const charts = wb.chartsOn('Results');
    expect(charts).toHaveLength(1);
    expect(charts[0].id).toBe(first.id);
    expect(charts[0]).toMatchObject({ title: 'Second', position: 'D4:K19', series: [{ values: 'B5:B6', xValues: 'A5:A6' }] });
    expect(wb.getSheetView('Results')!.charts.map((c) => c.title)).toEqual(['Second']);
  });

  it('saves and restores its charts; a bad saved chart is refused naming where', async () => {
    const wb = new MemoryWorkbook();
    await wb.apply(plan(1, 'Kept'));
    const saved = wb.serialize();
    expect(
      MemoryWorkbook.restore(JSON.stringify(saved))
        .chartsOn('Results')
        .map((c) => c.title),
    ).toEqual(['Kept']);
    // The download's plan keeps them (the xlsx adapter writes their data tables, exceljs cannot write charts).
    expect(workbookToPlan(saved).charts?.map((c) => c.name)).toEqual(['RL_chart_m']);
    const broken = structuredClone(saved);
    broken.charts![0].series[0].values = 'B2:C3';
    expect(() => MemoryWorkbook.restore(broken)).toThrow(
      /\$\.charts\[0\]: series\[0\] "China": values "B2:C3" must be one row or one column/,
    );
  });

  it('a plan with a bad chart writes nothing', async () => {
    const wb = new MemoryWorkbook();
    const bad = plan(1, '');
    await expect(wb.apply(bad)).rejects.toThrow(/chart needs a title/);
    expect(wb.sheetNames()).toEqual([]);
  });
});
