import type { FrontierData } from '../../../app/plans/charts';
import type { InstantResult } from '../../../app/scenario/figures';
import type { ScenarioRun } from '../../../app/types';

export type ScenarioChartId = 'nev' | 'exports' | 'frontier';

export interface ScenarioChartsProps {
  figures: InstantResult | null;
  details: { frontier: FrontierData; calibration: ScenarioRun['calibration'] } | null;
  values: Record<string, number>;
}
