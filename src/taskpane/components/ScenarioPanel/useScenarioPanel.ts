import * as React from 'react';
import { headlines, type Headline } from '../../../app/scenario/figures';
import { PARAMS } from '../../../model/params';
import type { ParamMeta } from '../../../model/types';
import type { WriteMode } from '../../writeScheduler';
import type { ScenarioPanelProps } from './ScenarioPanel.types';

export const GROUP_LABELS: Record<ParamMeta['group'], string> = {
  nev: 'NEV adoption',
  exports: 'Exports and trade',
  rnd: 'R&D placement',
  general: 'General',
};

export interface ScenarioPanelState {
  groups: { id: ParamMeta['group']; params: ParamMeta[] }[];
  headlines: Headline[] | null;
  /** Stable across renders, so unchanged sliders do not re-render while one moves. */
  onParamChange(id: string, value: number, mode: WriteMode): void;
  onRelease(): void;
  /** What the write status line says. */
  writeStatus: string;
}

export function useScenarioPanel({ scenario }: ScenarioPanelProps): ScenarioPanelState {
  const ref = React.useRef(scenario);
  ref.current = scenario;
  const onParamChange = React.useCallback((id: string, value: number, mode: WriteMode) => ref.current.setValue(id, value, mode), []);
  const onRelease = React.useCallback(() => ref.current.release(), []);
  const groups = React.useMemo(
    () =>
      (['nev', 'exports', 'rnd', 'general'] as const)
        .map((g) => ({ id: g, params: PARAMS.filter((p) => p.group === g) }))
        .filter((g) => g.params.length > 0),
    [],
  );
  const figures = scenario.figures;
  const cards = React.useMemo(() => (figures ? headlines(figures) : null), [figures]);
  const writeStatus = scenario.writing
    ? 'Writing the results to the Results sheet…'
    : scenario.figuresWritten
      ? 'The Results sheet holds these figures.'
      : scenario.run
        ? 'Figures are live; the Results sheet is updated when you let go of a slider.'
        : 'Figures are live; nothing is written to the workbook until you move a slider or choose Write results.';
  return { groups, headlines: cards, onParamChange, onRelease, writeStatus };
}
