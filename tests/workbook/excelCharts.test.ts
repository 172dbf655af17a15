import { describe, expect, it } from 'vitest';
import { ExcelWorkbook } from '../../src/workbook/excel/excelWorkbook';
import type { ExcelHost } from '../../src/workbook/excel/runExcel';
import type { ChartWrite, WritePlan } from '../../src/workbook/plan';
import { FakeExcel, type FakeExcelOptions } from './fakeExcel';
import { seriesData } from './fakeExcelCharts';

const noSleep = async () => undefined;
function make(options: FakeExcelOptions = {}) {
  const fake = new FakeExcel(options);
  const port = new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: noSleep });
  return { fake, port };
}

/** A data table (years in A, one column per series) and a line chart over it, `rows` years from 2020. */
function plan(values: number[][], opts: { top?: number; labels?: string[] } = {}): WritePlan {
  const top = opts.top ?? 3;
  const labels = opts.labels ?? values[0].map((_, i) => `S${i + 1}`);
  const first = top + 1;
  const last = top + values.length;
  const col = (i: number) => String.fromCharCode(66 + i);
  const chart: ChartWrite = {
    name: 'RL_chart_test',
    sheet: 'Results',
    type: 'line',
    title: 'Test share by year',
    categoryAxis: { title: 'Year' },
    valueAxis: { title: 'Share (%)', min: 0, max: 1 },
    series: labels.map((name, i) => ({
      name,
      values: `${col(i)}${first}:${col(i)}${last}`,
      xValues: `A${first}:A${last}`,
      color: i,
      line: i === 0 ? 'solid' : 'dashed',
      markers: i === 0,
    })),
    position: `H${top}:O${top + 15}`,
  };
  return {
    sheets: [{ name: 'Results', clear: true }],
    blocks: [
      { sheet: 'Results', address: 'A1', values: [['Title']], headerRows: 1 },
      {
        sheet: 'Results',
        address: `A${top}`,
        values: [['Year', ...labels], ...values.map((row, i) => [2020 + i, ...row])],
        table: { name: 'tblChartTest' },
        headerRows: 1,
      },
    ],
    charts: [chart],
  };
}

describe('Excel adapter: native charts', () => {
  it('creates a chart once with its title, axis titles, legend and series over the written cells', async () => {
    const { fake, port } = make();
    await port.apply(
      plan([
        [0.1, 0.2],
        [0.3, 0.4],
        [0.5, 0.6],
      ]),
    );
    const charts = fake.chartsOn('Results');
    expect(charts).toHaveLength(1);
    const c = charts[0];
    expect(c).toMatchObject({
      name: 'RL_chart_test',
      type: 'Line',
      title: 'Test share by year',
      categoryTitle: 'Year',
      valueTitle: 'Share (%)',
      valueMin: 0,
      valueMax: 1,
      legend: { visible: true, position: 'Bottom' },
      position: 'H3:O18',
    });
    expect(c.series.map((s) => s.name)).toEqual(['S1', 'S2']);
    expect(c.series.map((s) => seriesData(fake, s.values))).toEqual([
      [0.1, 0.3, 0.5],
      [0.2, 0.4, 0.6],
    ]);
    expect(seriesData(fake, c.series[0].xValues)).toEqual([2020, 2021, 2022]);
    expect(c.series.map((s) => [s.lineStyle, s.markerStyle])).toEqual([
      ['Continuous', 'Circle'],
      ['Dash', 'None'],
    ]);
    // One read and one write, as without a chart.
    expect(fake.syncLog).toHaveLength(2);
  });

  it('updates the same chart in place on the next write: new ranges and values, no duplicate, extra series removed', async () => {
    const { fake, port } = make();
    await port.apply(
      plan(
        [
          [0.1, 0.2, 0.9],
          [0.3, 0.4, 0.9],
        ],
        { labels: ['A', 'B', 'C'] },
      ),
    );
    const id = fake.chartsOn('Results')[0].id;
    const before = fake.syncLog.length;
    // The table moves down and has one year more and one series less.
    await port.apply(
      plan(
        [
          [0.15, 0.25],
          [0.35, 0.45],
          [0.55, 0.65],
        ],
        { top: 5, labels: ['A', 'B'] },
      ),
    );
    expect(fake.syncLog.length - before).toBe(2);
    const charts = fake.chartsOn('Results');
    expect(charts).toHaveLength(1);
    expect(charts[0].id).toBe(id);
    expect(charts[0].series.map((s) => s.name)).toEqual(['A', 'B']);
    expect(charts[0].series.map((s) => seriesData(fake, s.values))).toEqual([
      [0.15, 0.35, 0.55],
      [0.25, 0.45, 0.65],
    ]);
    expect(seriesData(fake, charts[0].series[1].xValues)).toEqual([2020, 2021, 2022]);
    expect(charts[0].position).toBe('H5:O20');
    // A third write with more series adds them to the same chart.
    await port.apply(plan([[1, 2, 3, 4]], { labels: ['A', 'B', 'C', 'D'] }));
    expect(fake.chartsOn('Results')).toHaveLength(1);
    expect(fake.chartsOn('Results')[0].series.map((s) => seriesData(fake, s.values))).toEqual([[1], [2], [3], [4]]);
  });

  it('finds the chart by name in a session that already read the workbook, without another round trip', async () => {
    const { fake, port } = make();
    await port.apply(plan([[0.1], [0.2]]));
    const before = fake.syncLog.length;
    await port.session!(async () => {
      await port.readTable('tblChartTest');
      await port.apply(plan([[0.3], [0.4]]));
    });
    expect(fake.syncLog.length - before).toBeLessThanOrEqual(3);
    expect(fake.chartsOn('Results')).toHaveLength(1);
    expect(seriesData(fake, fake.chartsOn('Results')[0].series[0].values)).toEqual([0.3, 0.4]);
  });

  it('keeps a chart a person deleted out of the way: the next write adds it again, once', async () => {
    const { fake, port } = make();
    await port.apply(plan([[0.1], [0.2]]));
    fake.sheetByName('Results')!.charts = [];
    await port.apply(plan([[0.3], [0.4]]));
    expect(fake.chartsOn('Results')).toHaveLength(1);
    expect(seriesData(fake, fake.chartsOn('Results')[0].series[0].values)).toEqual([0.3, 0.4]);
  });

  it('works on a host that refuses to read through null objects (two-step read)', async () => {
    const { fake, port } = make({ refuseNullChains: true });
    await port.apply(plan([[0.1, 0.2]]));
    await port.apply(plan([[0.3, 0.4]]));
    expect(fake.chartsOn('Results')).toHaveLength(1);
    expect(fake.chartsOn('Results')[0].series.map((s) => seriesData(fake, s.values))).toEqual([[0.3], [0.4]]);
  });

  it('a failed write leaves no chart behind on a sheet that existed', async () => {
    const { fake, port } = make();
    await port.apply({ sheets: [{ name: 'Results', clear: false }], blocks: [{ sheet: 'Results', address: 'Z1', values: [['keep']] }] });
    const clean = fake.fingerprint();
    fake.options.failOnOp = { match: 'activate', occurrence: 1 };
    await expect(port.apply({ ...plan([[0.1], [0.2]]), activate: 'Results' })).rejects.toThrow();
    expect(fake.chartsOn('Results')).toHaveLength(0);
    expect(fake.fingerprint()).toBe(clean);
  });

  it('refuses a chart whose series ranges are not one row or column, before writing anything', async () => {
    const { fake, port } = make();
    const bad = plan([[0.1], [0.2]]);
    bad.charts![0].series[0].values = 'B4:C5';
    await expect(port.apply(bad)).rejects.toThrow(
      /charts\[0\] "RL_chart_test": series\[0\] "S1": values "B4:C5" must be one row or one column/,
    );
    expect(fake.syncLog).toHaveLength(0);
  });
});
