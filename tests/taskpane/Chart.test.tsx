/** The SVG chart renderer: layout (pure) and the rendered figure, queried by role. */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { nevShareChart, tornadoChart } from '../../src/app/plans/charts';
import { referenceModelData } from '../../src/app/scenario/modelInputs';
import { defaultValues } from '../../src/model/params';
import { runModels } from '../../src/model/run';
import { Chart } from '../../src/taskpane/components/Chart/Chart';
import { layoutChart, nextItem, niceTicks, tickLabels } from '../../src/taskpane/components/Chart/useChart';
import { renderUi } from './renderPane';

afterEach(cleanup);

const result = runModels(defaultValues(), referenceModelData());
const nev = nevShareChart(result.series, result.calibration);

describe('chart layout', () => {
  it('picks round ticks', () => {
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(188e6, 89e9, 4)).toEqual([0, 25e9, 50e9, 75e9, 100e9]);
  });

  it('labels ticks with the decimals the step needs, in the axis unit', () => {
    expect(tickLabels([0, 25e9, 50e9], 'USD')).toEqual(['0', '25 bn', '50 bn']);
    expect(tickLabels([0, 2500, 5000], 'USD m')).toEqual(['0', '2.5 bn', '5.0 bn']);
    expect(tickLabels([0, 0.025, 0.05], 'fraction')).toEqual(['0.0%', '2.5%', '5.0%']);
    expect(tickLabels([0, 5e6, 10e6], 'vehicles')).toEqual(['0', '5 M', '10 M']);
  });

  it('fits a 288 px pane: the plot stays inside, y ticks in %, a year tick every 5 years', () => {
    const layout = layoutChart(nev, 288);
    expect(layout.plot.right).toBeLessThanOrEqual(288);
    expect(layout.yTicks.map((t) => t.label)).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(layout.xTicks.map((t) => t.label)).toEqual(['2015', '2020', '2025', '2030', '2035', '2040']);
    expect(layout.lines.find((l) => l.id === 'nev.share.China:projection')!.path).toMatch(/^M[\d.]+,[\d.]+L/);
  });

  it('moves through points by keyboard: along a region with left/right, between regions with up/down', () => {
    const { items } = layoutChart(nev, 300);
    const first = nextItem(items, -1, 'ArrowRight');
    expect(items[first].text).toMatch(/^China, observed, 2015: \d+\.\d %$/);
    const right = nextItem(items, first, 'ArrowRight');
    expect(items[right].text).toMatch(/^China, observed, 2016:/);
    const down = nextItem(items, right, 'ArrowDown');
    expect(items[down].text).toMatch(/^Europe, observed, 2016:/);
    const end = nextItem(items, down, 'End');
    expect(items[end].text).toMatch(/^Europe, projection, 2040:/);
  });
});

describe('Chart', () => {
  it('renders a titled figure with a legend, a focusable plot and a summary; keys announce values with units', () => {
    renderUi(
      <FluentProvider theme={webLightTheme}>
        <Chart spec={nev} />
      </FluentProvider>,
    );
    const figure = screen.getByRole('figure', { name: 'NEV share of new-car sales by region' });
    const plot = within(figure).getByRole('group', { name: /NEV share of new-car sales by region\. Arrow keys read the values\./ });
    expect(plot.getAttribute('tabindex')).toBe('0');
    expect(plot.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(plot.getAttribute('aria-describedby')!)!.textContent).toMatch(/observed up to 2025 and projected after/);
    const legend = within(figure).getByRole('list', { name: /Legend/ });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toContain('Projection');
    fireEvent.focus(plot);
    fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(figure.textContent).toMatch(/China, observed, 2016: \d+\.\d %/);
    expect(figure.textContent).toMatch(/Fit error of the calibrated curve, 2015-2025/);
  });

  it('draws a tornado as labelled bars on one axis', () => {
    const spec = tornadoChart({ id: 'x', label: 'NEV share, China', unit: 'fraction' }, 2030, 0.8, [
      { paramId: 'a', label: 'Ceiling', low: 0, high: 1, outputAtLow: 0.7, outputAtHigh: 0.9 },
    ]);
    renderUi(
      <FluentProvider theme={webLightTheme}>
        <Chart spec={spec} />
      </FluentProvider>,
    );
    const figure = screen.getByRole('figure', { name: 'What moves NEV share, China in 2030' });
    expect(screen.getByText('NEV share, China, 2030 (%)')).toBeTruthy();
    // The bar's label is drawn after the base-case line, so its halo keeps the line from crossing the text.
    const label = within(figure).getByText('Ceiling');
    const baseLine = figure.querySelector('svg g > line')!; // the base-case mark (grid lines sit directly in the svg)
    expect(baseLine.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
