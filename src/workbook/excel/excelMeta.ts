/**
 * Metadata in Excel: key/value rows in a very hidden sheet "_rlab_meta" (row 1 is a header).
 * Chosen over custom XML parts because the same layout works in the xlsx adapter, survives
 * "Save as CSV/xlsx" round trips of other tools and is snapshotted and restored like any other range;
 * "VeryHidden" keeps it out of the Unhide dialog (only VBA/Office.js can show it). The adapter reads it
 * with the workbook outline (excelOutline.ts) and writes it in the same request as the rest of a plan.
 */
import type { MetadataWrite } from '../plan';

/** The sheet's rows after merging `entries` into `current`: header first, every cell text. */
export function metadataRows(current: Map<string, string>, entries: MetadataWrite[]): string[][] {
  const merged = new Map(current);
  for (const e of entries) merged.set(e.key, e.value);
  return [['key', 'value'], ...[...merged.entries()].map(([k, v]) => [k, v])];
}
