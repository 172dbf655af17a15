import * as React from 'react';
import { fanChart, type ChartSpec } from '../../../app/plans/charts';
import { cancelledTrials, type SimulationProgress, type SimulationSummary } from '../../../app/types';
import { plural } from '../../../app/units';
import { errorMessage } from '../../errors';
import type { SimulationPanelProps } from './SimulationPanel.types';

export interface SimulationOptionsState {
  iterations: number;
  seed: number;
  sampling: 'lhs' | 'mc';
}

export interface SimulationPanelState {
  options: SimulationOptionsState;
  setOptions(patch: Partial<SimulationOptionsState>): void;
  running: boolean;
  progress: SimulationProgress | null;
  summary: SimulationSummary | null;
  error: string | null;
  /** Information after a cancel ("Cancelled after N trials"). */
  info: string | null;
  /** Why Run cannot start, or null. */
  blocked: string | null;
  fanOutput: string;
  setFanOutput(id: string): void;
  fanSpec: ChartSpec | null;
  start(): Promise<void>;
  cancel(): void;
}

export const ITERATION_LIMITS = { min: 100, max: 100_000 } as const;

/** Runs a Monte Carlo simulation of the current scenario with progress and cancel; results of other inputs are cleared. */
export function useSimulationPanel({ services, presetId, values, inputsKey }: SimulationPanelProps): SimulationPanelState {
  const [options, setOptionsState] = React.useState<SimulationOptionsState>({ iterations: 5000, seed: 20261128, sampling: 'lhs' });
  const [running, setRunning] = React.useState(false);
  const [progress, setProgress] = React.useState<SimulationProgress | null>(null);
  const [summary, setSummary] = React.useState<SimulationSummary | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [info, setInfo] = React.useState<string | null>(null);
  const [fanOutput, setFanOutput] = React.useState('nev.share.China');
  const controller = React.useRef<AbortController | null>(null);

  // Results belong to the inputs they were run with: a changed input clears them.
  const optionsKey = `${inputsKey}|${options.iterations}|${options.seed}|${options.sampling}`;
  const [resultKey, setResultKey] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (resultKey !== null && resultKey !== optionsKey) {
      setSummary(null);
      setResultKey(null);
      setInfo(null);
    }
  }, [optionsKey, resultKey]);

  const fanSpec = React.useMemo(() => {
    const fan = summary?.fans.find((f) => f.id === fanOutput) ?? summary?.fans[0];
    return fan && summary ? fanChart(fan, summary.iterations) : null;
  }, [summary, fanOutput]);

  return {
    options,
    setOptions: (patch) => setOptionsState((o) => ({ ...o, ...patch })),
    running,
    progress,
    summary,
    error,
    info,
    blocked: !services ? 'The model is still loading.' : null,
    fanOutput,
    setFanOutput,
    fanSpec,
    async start() {
      if (!services) return;
      const iterations = Math.round(options.iterations);
      if (!Number.isFinite(iterations) || iterations < ITERATION_LIMITS.min || iterations > ITERATION_LIMITS.max) {
        setError(`Iterations must be a whole number from ${ITERATION_LIMITS.min} to ${ITERATION_LIMITS.max.toLocaleString('en-US')}.`);
        return;
      }
      if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
        setError('Seed must be a whole number of 0 or more.');
        return;
      }
      controller.current = new AbortController();
      setRunning(true);
      setError(null);
      setInfo(null);
      setSummary(null);
      setProgress({ done: 0, total: iterations });
      const key = optionsKey;
      try {
        const result = await services.simulate(
          presetId,
          values,
          { ...options, iterations },
          { onProgress: setProgress, signal: controller.current.signal },
        );
        setSummary(result);
        setResultKey(key);
      } catch (e) {
        const trials = cancelledTrials(e);
        if (trials !== null)
          setInfo(`Cancelled after ${plural(trials, 'trial')} of ${iterations.toLocaleString('en-US')}; nothing was written.`);
        else setError(errorMessage(e));
      } finally {
        setRunning(false);
        controller.current = null;
      }
    },
    cancel() {
      controller.current?.abort();
    },
  };
}
