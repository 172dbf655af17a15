/** Pure write plan of a one-at-a-time tornado: one row per input, sorted by swing. */
import { OUTPUTS } from '../../model/outputs';
import type { TornadoResult } from '../../model/sim/sensitivity';
import { paramById } from '../../model/params';
import type { WritePlan } from '../../workbook/plan';
import { chartBlocks } from './chartPlan';
import { tornadoChart } from './charts';
import { displayUnit, excelFormat } from '../units';

export const SENSITIVITY_SHEET = 'Sensitivity';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function planTornado(result: TornadoResult): WritePlan {
  const meta = OUTPUTS.find((o) => o.id === result.outputId);
  const unit = meta?.unit ?? '';
  const outFormat = excelFormat(unit);
  // The pane's tornado spec, drawn natively below the table (one row per input that moves the output).
  const spec = tornadoChart(
    meta ?? { id: result.outputId, label: result.outputId, unit },
    result.year,
    result.base,
    result.bars.map((b) => ({ ...b, unit: paramById(b.paramId)?.unit })),
  );
  const chart =
    spec.bars.length > 0
      ? chartBlocks(spec, { sheet: SENSITIVITY_SHEET, row: 6 + result.bars.length, name: 'RL_chart_tornado', table: 'tblChartTornado' })
      : null;
  return {
    sheets: [{ name: SENSITIVITY_SHEET, clear: true, freeze: { rows: 0, columns: 2 } }],
    blocks: [
      {
        sheet: SENSITIVITY_SHEET,
        address: 'A1',
        values: [
          [
            `Tornado: ${meta?.label ?? result.outputId} (${result.outputId}) in ${result.year}; outputs in ${displayUnit(unit) || 'model units'}`,
            null,
          ],
          ['Base case (scenario inputs)', finite(result.base)],
        ],
        columns: [{ width: 44 }, { numberFormat: outFormat }],
        headerRows: 1,
      },
      {
        sheet: SENSITIVITY_SHEET,
        address: 'A4',
        values: [
          ['Input id', 'Input', 'Input unit', 'Input low', 'Input high', 'Range from', 'Output at low', 'Output at high', 'Swing'],
          ...result.bars.map((b) => [
            b.paramId,
            b.label,
            b.unit,
            b.low,
            b.high,
            b.range,
            finite(b.outputAtLow),
            finite(b.outputAtHigh),
            finite(b.swing),
          ]),
        ],
        columns: [
          { width: 34 },
          { width: 44 },
          { width: 14 },
          { width: 11 },
          { width: 11 },
          {},
          { numberFormat: outFormat },
          { numberFormat: outFormat },
          { numberFormat: outFormat },
        ],
        table: { name: 'tblTornado', style: 'TableStyleLight9' },
        headerRows: 1,
      },
      ...(chart?.blocks ?? []),
    ],
    ...(chart ? { charts: [chart.chart] } : {}),
  };
}
