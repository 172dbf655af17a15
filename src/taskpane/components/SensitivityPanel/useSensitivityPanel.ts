import { useState } from 'react';
import type { AppServices, TornadoBar } from '../../../app/types';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';

export interface SensitivityPanelState {
  outputId: string;
  setOutputId(id: string): void;
  year: number;
  setYear(y: number): void;
  bars: TornadoBar[] | null;
  /** Largest swing, to scale the bars. */
  maxSwing: number;
  busy: boolean;
  error: string | null;
  run(): Promise<void>;
}

/** One-at-a-time tornado for the chosen output and year around the current scenario. */
export function useSensitivityPanel(services: AppServices, values: Record<string, number>): SensitivityPanelState {
  const [outputId, setOutputId] = useState(services.outputChoices[0]?.id ?? '');
  const [year, setYear] = useState(2030);
  const [bars, setBars] = useState<TornadoBar[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const maxSwing = bars ? Math.max(1e-12, ...bars.map((b) => Math.abs(b.outputAtHigh - b.outputAtLow))) : 1;
  return {
    outputId,
    setOutputId,
    year,
    setYear,
    bars,
    maxSwing,
    busy,
    error,
    async run() {
      if (!Number.isInteger(year) || year < 2015 || year > 2060) {
        setError('Year must be a whole year between 2015 and 2060.');
        return;
      }
      setBusy(true);
      setError(null);
      try {
        setBars(await services.tornado(values, outputId, year));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
  };
}
