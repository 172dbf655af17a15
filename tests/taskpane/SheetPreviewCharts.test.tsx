/** The standalone preview draws a sheet's native charts under the grid, from the cells they point at. */
import * as React from 'react';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SheetPreview } from '../../src/taskpane/components/SheetPreview/SheetPreview';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { renderUi } from './renderPane';

afterEach(cleanup);

describe('SheetPreview charts', () => {
  it('draws the chart of the shown sheet with its title, axis title and legend, and follows an update in place', async () => {
    const wb = new MemoryWorkbook();
    const write = (title: string, values: number[]) =>
      wb.apply({
        sheets: [{ name: 'Results', clear: true }],
        blocks: [
          {
            sheet: 'Results',
            address: 'A1',
            values: [
              ['Year', 'China'],
              [2030, values[0]],
              [2031, values[1]],
            ],
            table: { name: 'tblChartT' },
            headerRows: 1,
          },
        ],
        charts: [
          {
            name: 'RL_chart_t',
            sheet: 'Results',
            type: 'line',
            title,
            categoryAxis: { title: 'Year', unit: 'year' },
            valueAxis: { title: 'Share of new-car sales (%)', unit: 'fraction', min: 0, max: 1 },
            series: [{ name: 'China, projection', values: 'B2:B3', xValues: 'A2:A3', color: 0, line: 'dashed' }],
            position: 'D1:K16',
          },
        ],
      });
    await write('NEV share test chart', [0.5, 0.6]);
    renderUi(<SheetPreview source={wb} />);
    const region = await screen.findByRole('region', { name: 'Charts on Results' });
    expect((await within(region).findAllByText('NEV share test chart', {}, { timeout: 8000 })).length).toBeGreaterThan(0);
    expect(within(region).getAllByText(/Share of new-car sales \(%\)/).length).toBeGreaterThan(0);
    expect(within(region).getAllByText('China, projection').length).toBeGreaterThan(0);
    await write('NEV share test chart, again', [0.55, 0.65]);
    expect((await within(region).findAllByText('NEV share test chart, again', {}, { timeout: 8000 })).length).toBeGreaterThan(0);
    expect(within(region).queryAllByText('NEV share test chart')).toHaveLength(0);
  }, 20_000);
});
