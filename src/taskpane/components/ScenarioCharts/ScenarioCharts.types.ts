import type { FrontierData } from '../../../app/charts';
import type { InstantResult } from '../../../app/figures';
import type { ScenarioRun } from '../../../app/types';

export type ScenarioChartId = 'nev' | 'exports' | 'frontier';

export interface ScenarioChartsProps {
  figures: InstantResult | null;
  details: { frontier: FrontierData; calibration: ScenarioRun['calibration'] } | null;
  values: Record<string, number>;
}
