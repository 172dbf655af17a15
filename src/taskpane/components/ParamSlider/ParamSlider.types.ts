import type { ParamMeta } from '../../../model/types';
import type { WriteMode } from '../../writeScheduler';

export interface ParamSliderProps {
  meta: ParamMeta;
  value: number;
  /** A new value; `mode` says how soon the results should be written (drag, settle, now). */
  onChange(id: string, value: number, mode: WriteMode): void;
  /** Pointer or key released: write now. */
  onRelease(): void;
}
