import * as React from 'react';
import { Text } from '@fluentui/react-components';
import { parseRange } from '../../../workbook/address';
import type { CellValue, ChartWrite } from '../../../workbook/plan';
import { specFromChart } from '../../../app/plans/chartPlan';
import { LazyChart } from '../Chart/LazyChart';
import type { PreviewSheet, PreviewSource } from './SheetPreview.types';
import { useSheetPreviewStyles } from './SheetPreview.styles';

/** Reads a range of the whole sheet (not only the rows the grid draws). */
function reader(sheet: PreviewSheet) {
  return (_: string, address: string): CellValue[][] | null => {
    const r = parseRange(address);
    if (!r) return null;
    const out: CellValue[][] = [];
    for (let i = r.top; i <= r.bottom; i++)
      out.push(Array.from({ length: r.right - r.left + 1 }, (_, j) => sheet.rows[i]?.[r.left + j]?.value ?? null));
    return out;
  };
}

/**
 * The sheet's native charts, drawn under the grid with the pane's chart renderer from the cells each series
 * points at: what Excel draws from the same write plan.
 */
export function SheetCharts({ source, sheet }: { source: PreviewSource; sheet: PreviewSheet | null }): React.ReactElement | null {
  const styles = useSheetPreviewStyles();
  const specs = React.useMemo(() => {
    if (!sheet) return [];
    const full = source.sheetView(sheet.name);
    const charts: ChartWrite[] = full?.charts ?? [];
    return full ? charts.map((c) => specFromChart(c, reader(full))) : [];
  }, [source, sheet]);
  if (specs.length === 0) return null;
  return (
    <div className={styles.charts} role="region" aria-label={`Charts on ${sheet?.name ?? 'the sheet'}`}>
      <Text className={styles.chartsTitle}>Charts on this sheet ({specs.length}), drawn from its chart data tables</Text>
      {specs.map((spec) => (
        <div key={spec.id} className={styles.chart}>
          <LazyChart spec={spec} plotHeight={160} />
        </div>
      ))}
    </div>
  );
}
