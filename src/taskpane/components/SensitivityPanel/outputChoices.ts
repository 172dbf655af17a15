import { TARGET_OUTPUTS } from '../../../model/outputs';

/** Outputs offered in the sensitivity and goal-seek pickers: those outputs.ts marks as targets (not tariff inputs or landed costs). */
export const OUTPUT_CHOICES = TARGET_OUTPUTS;
