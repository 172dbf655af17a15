/**
 * Record diffs by key (what a refresh would add, change or remove) and the inverse of the write
 * plan: table cells read back from a workbook turned into records again.
 */
import type { DataRecord, DatasetSchema } from './types';

export interface RecordDiff {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** A few human-readable examples, e.g. "changed BYD Group|...: tariff_rate_pct 17 -> 17.4". */
  examples: string[];
}

const MAX_EXAMPLES = 5;

export function recordKey(schema: DatasetSchema, record: DataRecord): string {
  return schema.key.map((k) => String(record[k] ?? '')).join('|');
}

function sameValue(a: unknown, b: unknown): boolean {
  return (a ?? null) === (b ?? null);
}

/** Compares two record sets by the schema key over the schema's columns. */
export function diffRecords(schema: DatasetSchema, before: DataRecord[], after: DataRecord[]): RecordDiff {
  const oldByKey = new Map(before.map((r) => [recordKey(schema, r), r]));
  const diff: RecordDiff = { added: 0, changed: 0, removed: 0, unchanged: 0, examples: [] };
  const example = (text: string) => diff.examples.length < MAX_EXAMPLES && diff.examples.push(text);
  const seen = new Set<string>();
  for (const rec of after) {
    const key = recordKey(schema, rec);
    seen.add(key);
    const old = oldByKey.get(key);
    if (!old) {
      diff.added++;
      example(`added ${key}`);
      continue;
    }
    const changes = schema.columns.filter((c) => !sameValue(old[c.name], rec[c.name]));
    if (changes.length === 0) diff.unchanged++;
    else {
      diff.changed++;
      const c = changes[0];
      example(
        `changed ${key}: ${c.name} ${old[c.name] ?? '(empty)'} -> ${rec[c.name] ?? '(empty)'}${changes.length > 1 ? ` (+${changes.length - 1} more)` : ''}`,
      );
    }
  }
  for (const [key] of oldByKey) {
    if (!seen.has(key)) {
      diff.removed++;
      example(`removed ${key}`);
    }
  }
  return diff;
}

export function excelSerialToIso(serial: number): string {
  // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is absorbed by that offset for dates after March 1900).
  const ms = Math.round(serial * 86400000) + Date.UTC(1899, 11, 30);
  return new Date(ms).toISOString().slice(0, 10);
}

/** Reads table cells (header + rows) back into records of the schema; unknown columns are ignored. */
export function tableToRecords(schema: DatasetSchema, cells: (string | number | boolean | null)[][]): DataRecord[] {
  const [header, ...rows] = cells;
  if (!header) return [];
  const index = schema.columns.map((c) => header.findIndex((h) => h === c.name));
  return rows.map((row) => {
    const rec: DataRecord = {};
    schema.columns.forEach((col, i) => {
      const v = index[i] >= 0 ? row[index[i]] : null;
      if (v === null || v === undefined || v === '') rec[col.name] = null;
      else if (col.type === 'date' && typeof v === 'number') rec[col.name] = excelSerialToIso(v);
      else if (['number', 'integer', 'year'].includes(col.type)) rec[col.name] = typeof v === 'number' ? v : Number(v);
      else rec[col.name] = String(v);
    });
    return rec;
  });
}
