import type { AppServices } from '../../../app/types';

export interface SensitivityPanelProps {
  /** Null while the app loads. */
  services: AppServices | null;
  values: Record<string, number>;
  /** Changes whenever a scenario input changes: a tornado of other inputs is cleared. */
  inputsKey: string;
  /** Puts a goal-seek answer into the scenario (the sliders, the figures, the Results sheet). */
  onApply(paramId: string, value: number): void;
}

export interface GoalSeekProps {
  services: AppServices | null;
  values: Record<string, number>;
  outputId: string;
  year: number;
  onApply(paramId: string, value: number): void;
}
