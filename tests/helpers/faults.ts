/** Fault injection for the rollback tests of the workbook ports (through their `beforeBlock` hook). */
import type { WriteBlock } from '../../src/workbook/plan';

/** A `beforeBlock` hook that throws before block number `n` (0-based): `n` blocks get written, then the write fails. */
export function faultAfterBlocks(n: number): (block: WriteBlock, index: number) => void {
  return (_block, index) => {
    if (index >= n) throw new Error(`injected fault after ${index} block(s)`);
  };
}
