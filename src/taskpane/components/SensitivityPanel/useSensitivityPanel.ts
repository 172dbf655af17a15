import { useState } from 'react';
import type { AppServices, TornadoBar } from '../../../app/types';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';

/** A bar placed on a shared axis: left and width in percent of the axis. */
export interface PlacedBar extends TornadoBar {
  left: number;
  width: number;
  /** True when the output rises with the input. */
  rising: boolean;
}

export interface SensitivityPanelState {
  outputId: string;
  setOutputId(id: string): void;
  year: number;
  setYear(y: number): void;
  bars: PlacedBar[] | null;
  /** Output value at the scenario's own inputs, and its position on the axis (percent). */
  base: { value: number; position: number } | null;
  /** Inputs whose whole range leaves the output unchanged (not drawn). */
  flatInputs: number;
  busy: boolean;
  error: string | null;
  run(): Promise<void>;
}

/**
 * Places tornado bars on one axis spanning every bar's outputs and the base value, so bar
 * positions compare across inputs (a classic tornado centred on the base case).
 */
export function placeBars(bars: TornadoBar[], baseValue: number): { placed: PlacedBar[]; flat: number; position: number } {
  const moving = bars.filter((b) => Math.abs(b.outputAtHigh - b.outputAtLow) > 1e-12 * Math.max(1, Math.abs(baseValue)));
  const all = moving.flatMap((b) => [b.outputAtLow, b.outputAtHigh]).concat(baseValue);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const span = hi - lo || 1;
  const pos = (v: number) => ((v - lo) / span) * 100;
  const placed = moving.map((b) => {
    const a = Math.min(b.outputAtLow, b.outputAtHigh);
    const z = Math.max(b.outputAtLow, b.outputAtHigh);
    return { ...b, left: pos(a), width: Math.max(0.5, pos(z) - pos(a)), rising: b.outputAtHigh >= b.outputAtLow };
  });
  return { placed, flat: bars.length - moving.length, position: pos(baseValue) };
}

/** One-at-a-time tornado for the chosen output and year around the current scenario. */
export function useSensitivityPanel(services: AppServices, values: Record<string, number>): SensitivityPanelState {
  const [outputId, setOutputId] = useState(services.outputChoices[0]?.id ?? '');
  const [year, setYear] = useState(2030);
  const [result, setResult] = useState<{ bars: PlacedBar[]; flat: number; base: { value: number; position: number } } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    outputId,
    setOutputId,
    year,
    setYear,
    bars: result?.bars ?? null,
    base: result?.base ?? null,
    flatInputs: result?.flat ?? 0,
    busy,
    error,
    async run() {
      if (!Number.isInteger(year) || year < 2015 || year > 2040) {
        setError('Year must be a whole year from 2015 to 2040.');
        return;
      }
      setBusy(true);
      setError(null);
      try {
        const t = await services.tornado(values, outputId, year);
        const { placed, flat, position } = placeBars(t.bars, t.base);
        setResult({ bars: placed, flat, base: { value: t.base, position } });
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
  };
}
