import * as React from 'react';
import { formatNumber, parseEntry } from '../../../app/units';
import type { ParamSliderProps } from './ParamSlider.types';

export interface ParamSliderState {
  /** Text in the typed-entry box: the value as shown, or what the person is typing. */
  draft: string;
  error: string | null;
  setDraft(text: string): void;
  /** Reads the draft in the parameter's unit; a valid value goes to the scenario at once. */
  commit(): void;
  /** Esc: back to the current value. */
  revert(): void;
  /** Slider events: input while dragging (pointer down) or from keys. */
  onSliderChange(value: number): void;
  onPointerDown(): void;
}

/** Rounds a slider value to its step, so 0.1 + 0.2 shows as 0.3 and the sheet gets the clean number. */
export function snap(value: number, step: number, min: number): number {
  if (!(step > 0)) return value;
  const decimals = Math.max(0, Math.ceil(-Math.log10(step)) + 1);
  return Number((Math.round((value - min) / step) * step + min).toFixed(decimals));
}

export function useParamSlider({ meta, value, onChange, onRelease }: ParamSliderProps): ParamSliderState {
  const shown = formatNumber(value, meta.unit);
  const [draft, setDraftState] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const dragging = React.useRef(false);
  return {
    draft: draft ?? shown,
    error,
    setDraft(text) {
      setDraftState(text);
      setError(null);
    },
    commit() {
      if (draft === null || draft === shown) return setDraftState(null);
      const parsed = parseEntry(draft, meta);
      if (!parsed.ok) return setError(parsed.message);
      setError(null);
      setDraftState(null);
      onChange(meta.id, parsed.value, 'now');
    },
    revert() {
      setDraftState(null);
      setError(null);
    },
    onSliderChange(v) {
      setDraftState(null);
      setError(null);
      onChange(meta.id, snap(v, meta.step, meta.min), dragging.current ? 'drag' : 'settle');
    },
    onPointerDown() {
      dragging.current = true;
      // The release may happen outside the slider: listen on the window, once.
      const up = () => {
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
        dragging.current = false;
        onRelease();
      };
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
    },
  };
}
