/**
 * Validation of a parsed table against a schema, before anything is written: header mapping,
 * file-level checks (wrong delimiter, missing column, unit mismatch, percent given as fraction) and
 * row checks (ragged rows, types, ranges, dates, duplicate keys). Rows with errors are rejected with
 * their reasons; warnings (formula-like text, a source that is not a URL) never reject a row.
 */
import { isFormulaLike, parseCell } from './cells';
import { normaliseHeader } from './schemas';
import type {
  ColumnSpec,
  DataRecord,
  DatasetSchema,
  RejectedRow,
  ValidationIssue,
  ValidationResult,
  ValidationSummary,
} from './types';
import { ISSUE_CAP } from './types';

export interface TableInput {
  header: string[];
  rows: string[][];
  delimiter?: string;
}

export interface ValidateContext {
  fileName: string;
  format: ValidationSummary['format'];
  encoding?: string;
  today: string;
}

const CURRENCIES = ['usd', 'eur', 'cny', 'rmb', 'gbp', 'jpy'];

class IssueLog {
  readonly issues: ValidationIssue[] = [];
  count = 0;
  errors = 0;
  warnings = 0;
  fileErrors = 0;
  add(issue: ValidationIssue): void {
    this.count++;
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    if (issue.severity === 'error' && issue.row === 0) this.fileErrors++;
    if (this.issues.length < ISSUE_CAP) this.issues.push(issue);
  }
}

function currencyOf(text: string | undefined): string | null {
  const lower = (text ?? '').toLowerCase();
  return CURRENCIES.find((c) => new RegExp(`(^|[^a-z])${c}([^a-z]|$)`).test(lower)) ?? null;
}

/** Maps each schema column to its index in the header (-1 when absent). */
function mapHeader(schema: DatasetSchema, header: string[], log: IssueLog): number[] {
  const lookup = new Map<string, number>();
  schema.columns.forEach((col, i) => {
    for (const name of [col.name, ...(col.aliases ?? [])]) {
      const key = normaliseHeader(name);
      if (!lookup.has(key)) lookup.set(key, i);
    }
  });
  const indexOf = schema.columns.map(() => -1);
  header.forEach((h, hi) => {
    const ci = lookup.get(normaliseHeader(h));
    if (ci !== undefined && indexOf[ci] === -1) {
      indexOf[ci] = hi;
      return;
    }
    const unitIssue = currencyMismatch(schema, h, lookup);
    if (unitIssue) log.add(unitIssue);
    else if (ci !== undefined) {
      log.add({ row: 0, column: h, value: h, rule: 'duplicate-column', severity: 'warning', message: `Column "${h}" appears twice; the first one is used.` });
    } else {
      log.add({ row: 0, column: h, value: h, rule: 'unknown-column', severity: 'warning', message: `Column "${h}" is not part of the ${schema.kind} schema and is ignored.` });
    }
  });
  return indexOf;
}

// "value_eur_bn" where the schema has "value_usd_bn": the same column in another currency.
function currencyMismatch(schema: DatasetSchema, header: string, lookup: Map<string, number>): ValidationIssue | null {
  const given = currencyOf(header.replace(/_/g, ' '));
  if (!given) return null;
  for (const target of CURRENCIES) {
    if (target === given) continue;
    const swapped = header.replace(/_/g, ' ').replace(new RegExp(given, 'i'), target);
    const ci = lookup.get(normaliseHeader(swapped));
    if (ci === undefined) continue;
    const col = schema.columns[ci];
    if (currencyOf(col.unit) !== target) continue;
    return {
      row: 0, column: header, value: header, rule: 'unit-mismatch', severity: 'error',
      message: `Unit mismatch: column "${header}" holds ${given.toUpperCase()} but ${col.name} expects ${col.unit}. Convert the values or rename the column.`,
    };
  }
  return null;
}

/** Validates a parsed table; never throws for bad content (everything becomes an issue). */
export function validateTable(schema: DatasetSchema, input: TableInput, ctx: ValidateContext): ValidationResult {
  const log = new IssueLog();
  const columns = schema.columns.map((c) => c.name);
  const records: DataRecord[] = [];
  const rejected: RejectedRow[] = [];
  const { header, rows } = input;
  const required = schema.columns.filter((c) => c.required);

  const finish = (): ValidationResult => {
    const summary: ValidationSummary = {
      kind: schema.kind, fileName: ctx.fileName, format: ctx.format, encoding: ctx.encoding, delimiter: input.delimiter,
      rowsRead: rows.length, rowsValid: records.length, rowsRejected: rejected.length,
      errors: log.errors, warnings: log.warnings, fileErrors: log.fileErrors,
      valid: log.fileErrors === 0 && rejected.length === 0 && rows.length > 0,
    };
    return { records, rejected, issues: log.issues, issueCount: log.count, summary, columns };
  };

  if (ctx.format === 'csv' && header.length <= 1 && required.length > 1) {
    log.add({
      row: 0, column: header[0] ?? '', value: (header[0] ?? '').slice(0, 80), rule: 'wrong-delimiter', severity: 'error',
      message: `Only one column was found in the header ("${(header[0] ?? '').slice(0, 60)}") but the ${schema.kind} schema needs several (${required.map((c) => c.name).join(', ')}): this looks like the wrong delimiter. Use comma, semicolon, tab or pipe.`,
    });
    return finish();
  }
  const indexOf = mapHeader(schema, header, log);
  required.forEach((col) => {
    if (indexOf[schema.columns.indexOf(col)] === -1) {
      log.add({
        row: 0, column: col.name, value: '', rule: 'missing-column', severity: 'error',
        message: `Required column "${col.name}" is missing (accepted headers: ${[col.name, ...(col.aliases ?? [])].join(', ')}).`,
      });
    }
  });
  if (log.fileErrors > 0) return finish();
  if (rows.length === 0) {
    log.add({ row: 0, column: '', value: '', rule: 'no-rows', severity: 'error', message: `"${ctx.fileName}" has a header but no data rows.` });
    return finish();
  }

  const decimalComma = input.delimiter === ';';
  const keyIdx = schema.key.map((k) => columns.indexOf(k));
  const seenKeys = new Map<string, number>();

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const rowNo = r + 1;
    const reasons: string[] = [];
    let extra = false;
    for (let x = header.length; x < row.length; x++) if (row[x].trim() !== '') extra = true;
    if (row.length < header.length || extra) {
      rowError(log, reasons, rowNo, '', row.join(input.delimiter ?? ','), 'ragged-row', `has ${row.length} fields but the header has ${header.length} (ragged row)`);
    }
    const record: DataRecord = {};
    for (let c = 0; c < schema.columns.length; c++) {
      const col: ColumnSpec = schema.columns[c];
      const hi = indexOf[c];
      const raw = hi >= 0 && hi < row.length ? row[hi].trim() : '';
      if (raw === '') {
        record[col.name] = null;
        if (col.required) rowError(log, reasons, rowNo, col.name, '', 'required', `${col.name} is required but empty`);
        continue;
      }
      const parsed = parseCell(col, raw, ctx.today, decimalComma);
      if (!parsed.ok) {
        rowError(log, reasons, rowNo, col.name, raw, parsed.rule, parsed.message);
        record[col.name] = null;
        continue;
      }
      record[col.name] = parsed.value;
      if (typeof parsed.value === 'string' && col.type !== 'date' && isFormulaLike(parsed.value)) {
        log.add({ row: rowNo, column: col.name, value: raw, rule: 'formula-like-text', severity: 'warning', message: `Row ${rowNo}: ${col.name} starts with "${raw.charAt(0)}"; it is kept as text, never as a formula.` });
      }
      if (col.type === 'url' && !/https?:\/\//i.test(raw)) {
        log.add({ row: rowNo, column: col.name, value: raw, rule: 'not-a-url', severity: 'warning', message: `Row ${rowNo}: ${col.name} holds no http(s) address; it is kept as text.` });
      }
    }
    if (reasons.length === 0) {
      const key = keyIdx.map((i) => String(record[columns[i]] ?? '')).join('\u0001');
      const first = seenKeys.get(key);
      if (first !== undefined) {
        const keyText = schema.key.map((k) => `${k}=${record[k] ?? ''}`).join(', ');
        rowError(log, reasons, rowNo, schema.key.join('+'), keyText, 'duplicate-key', `repeats the key (${keyText}) of row ${first}`);
      } else seenKeys.set(key, rowNo);
    }
    if (reasons.length > 0) {
      const raw: Record<string, string> = {};
      header.forEach((h, i) => (raw[h] = row[i] ?? ''));
      rejected.push({ row: rowNo, reasons, raw });
    } else {
      records.push(record);
    }
  }
  checkPercentColumns(schema, records, log);
  return finish();
}

function rowError(log: IssueLog, reasons: string[], row: number, column: string, value: string, rule: string, message: string): void {
  reasons.push(message);
  log.add({ row, column, value, rule, message: `Row ${row}: ${message}`, severity: 'error' });
}

// Shares given as fractions (0.28) where the schema expects percent (28) would be 100x too small.
function checkPercentColumns(schema: DatasetSchema, records: DataRecord[], log: IssueLog): void {
  for (const col of schema.columns) {
    if (col.unit !== '%' || col.max !== 100) continue;
    let count = 0;
    let allFractions = true;
    let anyPositive = false;
    for (const rec of records) {
      const v = rec[col.name];
      if (typeof v !== 'number') continue;
      count++;
      if (v > 1) { allFractions = false; break; }
      if (v > 0) anyPositive = true;
    }
    if (count >= 2 && allFractions && anyPositive) {
      log.add({
        row: 0, column: col.name, value: '', rule: 'unit-percent-fraction', severity: 'error',
        message: `Unit mismatch: ${col.name} expects percent (0-100) but all ${count} values are between 0 and 1; they look like fractions. Multiply them by 100.`,
      });
    }
  }
}
