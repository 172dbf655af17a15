/**
 * Edit protection for refresh: before a linked table is rewritten, its cells as they are now are
 * fingerprinted and compared with the fingerprint stored when it was written. A mismatch means a
 * person edited the table in the workbook; the refresh then holds that table back (status 'edited')
 * instead of overwriting the edits, unless the caller asked for overwriteEdits.
 */
import type { RecordDiff } from '../../data/diff';
import type { ColumnSpec } from '../../data/types';
import type { CellValue } from '../../workbook/plan';
import type { TableLink } from './sources';
import { tableFingerprint } from './tableFingerprint';

export type EditCheck = { edited: false; note?: string } | { edited: true; reason: string };

export const NO_FINGERPRINT_NOTE = 'edits cannot be checked (link written by an older version without a fingerprint)';

/**
 * Compares the table now in the workbook (`cells`, null when the table is gone) with the link's
 * fingerprint. `diff` (current table vs new source) sizes the report; it is not what was edited.
 */
export function checkEdits(link: TableLink, columns: ColumnSpec[], cells: CellValue[][] | null, overwriteEdits: boolean): EditCheck {
  // No table left: nothing a refresh could overwrite.
  if (!cells) return { edited: false };
  if (!link.fingerprint) return { edited: false, note: NO_FINGERPRINT_NOTE };
  if (tableFingerprint(columns, cells) === link.fingerprint) return { edited: false };
  if (overwriteEdits) return { edited: false, note: 'edited in the workbook since it was loaded; edits overwritten (overwriteEdits)' };
  const rowsNow = Math.max(0, cells.length - 1);
  return {
    edited: true,
    reason:
      `${link.table} was edited in the workbook since it was loaded (${rowsNow} rows now, ${link.rows} loaded on ${link.loadedAt}); ` +
      'refresh would overwrite those edits, so it was left as it is. Re-import the source with your rows added, or use append.',
  };
}

/** The report line for a held-back table: the reason plus how the current table differs from the new source. */
export function editedResult(table: string, reason: string, diff: RecordDiff) {
  return { table, status: 'edited' as const, reason, diff };
}
