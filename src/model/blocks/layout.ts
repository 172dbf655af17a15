/**
 * What every block of the kernel shares: the lookup of a parameter's position (PARAM_IDS) and an output's row
 * (OUTPUTS) by id, which fails loudly on a typo.
 *
 * Each block sets the sizes of the id lists it loops over (const ND = DESTINATIONS.length, ...) as constants of
 * its own module: V8 folds a module's own constants into its optimised loops but loads an imported binding at
 * every use, which cost the kernel 3-5 % when the sizes were imported from here (measured under tsx).
 */
import { OUTPUT_INDEX } from '../outputs';
import { PARAM_IDS } from '../params';

export function paramIndex(id: string): number {
  const i = PARAM_IDS.indexOf(id);
  if (i < 0) throw new Error(`kernel: unknown parameter id '${id}'`);
  return i;
}

export function outRow(id: string): number {
  const i = OUTPUT_INDEX.get(id);
  if (i === undefined) throw new Error(`kernel: unknown output id '${id}'`);
  return i;
}
