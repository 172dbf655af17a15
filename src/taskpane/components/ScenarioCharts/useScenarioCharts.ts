import * as React from 'react';
import { exportsChart, frontierChart, nevShareChart, type ChartSpec } from '../../../app/plans/charts';
import type { ScenarioChartId, ScenarioChartsProps } from './ScenarioCharts.types';

export const EXPORT_YEARS = [2025, 2030, 2035, 2040] as const;

export interface ScenarioChartsState {
  chart: ScenarioChartId;
  setChart(id: ScenarioChartId): void;
  exportYear: number;
  setExportYear(year: number): void;
  /** The spec to draw, or why there is none yet. */
  spec: ChartSpec | null;
  waiting: string | null;
}

/** Builds the chosen chart's spec from the scenario's figures (same frame as the slider event). */
export function useScenarioCharts({ figures, details, values }: ScenarioChartsProps): ScenarioChartsState {
  const [chart, setChart] = React.useState<ScenarioChartId>('nev');
  const [exportYear, setExportYear] = React.useState(2030);
  const spec = React.useMemo((): ChartSpec | null => {
    if (!figures) return null;
    if (chart === 'nev') return nevShareChart(figures.series, details?.calibration ?? []);
    if (chart === 'exports') return exportsChart(figures.series, exportYear);
    if (!details) return null;
    const last = (id: string) => {
      const s = figures.get(id);
      return s ? s.values[s.values.length - 1] : Number.NaN;
    };
    return frontierChart(
      details.frontier,
      { share: last('rnd.optimalChinaShare'), npvUsdM: last('rnd.npv') },
      values['rnd.cap.China'] ?? null,
    );
  }, [chart, figures, details, exportYear, values]);
  return {
    chart,
    setChart,
    exportYear,
    setExportYear,
    spec,
    waiting: spec ? null : figures ? 'Computing the R&D frontier…' : 'Loading the model…',
  };
}
