import { useRef, useState } from 'react';
import type { AppServices, SimulationProgress, SimulationSummary } from '../../../app/types';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';

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
  start(): Promise<void>;
  cancel(): void;
}

export const ITERATION_LIMITS = { min: 100, max: 100_000 } as const;

/** Runs a Monte Carlo simulation of the current scenario with progress and cancel. */
export function useSimulationPanel(
  services: AppServices,
  presetId: string,
  values: Record<string, number>,
): SimulationPanelState {
  const [options, setOptionsState] = useState<SimulationOptionsState>({ iterations: 5000, seed: 20261128, sampling: 'lhs' });
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SimulationProgress | null>(null);
  const [summary, setSummary] = useState<SimulationSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  return {
    options,
    setOptions: (patch) => setOptionsState((o) => ({ ...o, ...patch })),
    running,
    progress,
    summary,
    error,
    async start() {
      const iterations = Math.round(options.iterations);
      if (!Number.isFinite(iterations) || iterations < ITERATION_LIMITS.min || iterations > ITERATION_LIMITS.max) {
        setError(`Iterations must be a whole number from ${ITERATION_LIMITS.min} to ${ITERATION_LIMITS.max}.`);
        return;
      }
      if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
        setError('Seed must be a whole number of 0 or more.');
        return;
      }
      controller.current = new AbortController();
      setRunning(true);
      setError(null);
      setProgress({ done: 0, total: iterations });
      try {
        const result = await services.simulate(
          presetId,
          values,
          { ...options, iterations },
          { onProgress: setProgress, signal: controller.current.signal },
        );
        setSummary(result);
      } catch (e) {
        setError(errorMessage(e));
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
