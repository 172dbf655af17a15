import { OUTPUTS } from '../../../model/outputs';

/** Outputs offered in the sensitivity and goal-seek pickers (tariff inputs and landed costs are left out). */
export const OUTPUT_CHOICES = OUTPUTS.filter((o) => !o.id.startsWith('exports.tariffRate') && !o.id.startsWith('exports.landedCost'));
