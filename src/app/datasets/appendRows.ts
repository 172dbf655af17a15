/**
 * Append mode: the rows of a newly validated file are added after the rows of the table already
 * in the workbook. A new row whose key is already in the table is a duplicate-key problem (the
 * same rule the validator applies inside one file), reported with the file row, key and value.
 */
import { recordKey } from '../../data/diff';
import type { DataRecord, DatasetSchema, RejectedRow, ValidationIssue, ValidationResult } from '../../data/types';

export interface AppendMerge {
  /** Validation of the table as it will be written: existing rows, then the new rows kept. */
  validation: ValidationResult;
  existingRows: number;
  /** New rows kept (not clashing). */
  added: number;
  /** One error issue per new row whose key the table already holds. */
  clashes: ValidationIssue[];
}

/**
 * 1-based file rows of the valid records: the validator sends every data row either to `records` or
 * to `rejected`, in file order, so the valid ones are the row numbers not rejected.
 */
export function validRowNumbers(validation: ValidationResult): number[] {
  const rejected = new Set(validation.rejected.map((r) => r.row));
  const rows: number[] = [];
  for (let row = 1; rows.length < validation.records.length; row++) if (!rejected.has(row)) rows.push(row);
  return rows;
}

function keyText(schema: DatasetSchema, record: DataRecord): string {
  return schema.key.map((k) => `${k}=${record[k] ?? ''}`).join(', ');
}

/** Combines the existing table rows with a validated file's rows; clashing new rows become rejected rows. */
export function mergeForAppend(schema: DatasetSchema, existing: DataRecord[], validation: ValidationResult): AppendMerge {
  const tableRowOf = new Map<string, number>();
  existing.forEach((rec, i) => {
    const key = recordKey(schema, rec);
    if (!tableRowOf.has(key)) tableRowOf.set(key, i + 1);
  });
  const fileRows = validRowNumbers(validation);
  const kept: DataRecord[] = [];
  const clashes: ValidationIssue[] = [];
  const clashRejected: RejectedRow[] = [];
  validation.records.forEach((rec, i) => {
    const tableRow = tableRowOf.get(recordKey(schema, rec));
    if (tableRow === undefined) {
      kept.push(rec);
      return;
    }
    const value = keyText(schema, rec);
    const reason = `its key (${value}) is already in ${schema.table} (table row ${tableRow}); append adds new keys only`;
    const row = fileRows[i];
    clashes.push({ row, column: schema.key.join('+'), value, rule: 'duplicate-key', severity: 'error', message: `Row ${row}: ${reason}` });
    const raw: Record<string, string> = {};
    for (const col of schema.columns) raw[col.name] = rec[col.name] === null || rec[col.name] === undefined ? '' : String(rec[col.name]);
    clashRejected.push({ row, reasons: [reason], raw });
  });
  const s = validation.summary;
  return {
    validation: {
      ...validation,
      records: [...existing, ...kept],
      rejected: [...validation.rejected, ...clashRejected].sort((a, b) => a.row - b.row),
      issues: [...validation.issues, ...clashes],
      issueCount: validation.issueCount + clashes.length,
      summary: {
        ...s,
        rowsValid: kept.length,
        rowsRejected: s.rowsRejected + clashes.length,
        errors: s.errors + clashes.length,
        valid: s.valid && clashes.length === 0,
      },
    },
    existingRows: existing.length,
    added: kept.length,
    clashes,
  };
}
