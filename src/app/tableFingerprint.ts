/**
 * Fingerprint of a linked table as a later read-back will see it: SHA-256 of a canonical JSON of
 * the header and every cell, normalised per column type the way tableToRecords normalises a
 * read-back (empty -> null, numbers as numbers, dates as ISO text even when the workbook returns a
 * serial, other text as text). Stored in the table's link when the table is written; a refresh that
 * reads back a different fingerprint knows a person edited the table and must not overwrite it.
 * Header names and columns without a schema type (status_label, columns a person added) count too.
 */
import { excelSerialToIso } from '../data/diff';
import { sha256HexOfText } from '../data/sha256';
import type { ColumnSpec } from '../data/types';
import type { CellValue } from '../workbook/plan';

const NUMERIC_TYPES = ['number', 'integer', 'year'];

function normaliseCell(col: ColumnSpec | undefined, v: CellValue | undefined): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (!col) return typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
  if (col.type === 'date' && typeof v === 'number') return excelSerialToIso(v);
  if (NUMERIC_TYPES.includes(col.type)) {
    const n = typeof v === 'number' ? v : Number(v);
    // Text a person typed into a number column must not collapse to null (JSON turns NaN into null).
    return Number.isFinite(n) ? n : String(v);
  }
  return String(v);
}

/** SHA-256 hex of the table (header row + data rows) normalised by the column specs. */
export function tableFingerprint(columns: ColumnSpec[], cells: CellValue[][]): string {
  const [header = [], ...rows] = cells;
  const names = header.map((h) => (h === null || h === undefined ? '' : String(h)));
  const specs = names.map((name) => columns.find((c) => c.name === name));
  const width = names.length;
  const canonical = rows.map((row) => Array.from({ length: width }, (_, i) => normaliseCell(specs[i], row[i])));
  return sha256HexOfText(JSON.stringify({ header: names, rows: canonical }));
}
