import * as React from 'react';
import { tornadoChart, type ChartSpec } from '../../../app/plans/charts';
import { paramById } from '../../../model/params';
import { errorMessage } from '../../errors';
import { OUTPUT_CHOICES } from './outputChoices';
import type { SensitivityPanelProps } from './SensitivityPanel.types';

export interface SensitivityPanelState {
  outputId: string;
  setOutputId(id: string): void;
  year: number;
  setYear(y: number): void;
  spec: ChartSpec | null;
  /** Inputs whose whole range leaves the output unchanged (not drawn). */
  flatInputs: number;
  busy: boolean;
  error: string | null;
  blocked: string | null;
  run(): Promise<void>;
}

/** One-at-a-time tornado for the chosen output and year; cleared when the output, the year or an input changes. */
export function useSensitivityPanel({ services, values, inputsKey }: SensitivityPanelProps): SensitivityPanelState {
  const [outputId, setOutputId] = React.useState(OUTPUT_CHOICES[0]?.id ?? '');
  const [year, setYear] = React.useState(2030);
  const [result, setResult] = React.useState<{ key: string; spec: ChartSpec; flat: number } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const key = `${inputsKey}|${outputId}|${year}`;
  const current = result?.key === key ? result : null;
  return {
    outputId,
    setOutputId,
    year,
    setYear,
    spec: current?.spec ?? null,
    flatInputs: current?.flat ?? 0,
    busy,
    error,
    blocked: !services
      ? 'The model is still loading.'
      : !Number.isInteger(year) || year < 2015 || year > 2040
        ? 'Year must be a whole year from 2015 to 2040.'
        : null,
    async run() {
      if (!services) return;
      setBusy(true);
      setError(null);
      try {
        const t = await services.tornado(values, outputId, year);
        const meta = OUTPUT_CHOICES.find((o) => o.id === outputId) ?? { id: outputId, label: outputId, unit: '' };
        const spec = tornadoChart(
          meta,
          year,
          t.base,
          t.bars.map((b) => ({ ...b, unit: paramById(b.paramId)?.unit })),
        );
        setResult({ key, spec, flat: t.bars.length - spec.bars.length });
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
  };
}
