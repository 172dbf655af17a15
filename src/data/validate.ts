/**
 * Validation of a parsed table against a schema, before anything is written: header mapping,
 * file-level checks (wrong delimiter, missing column, unit mismatch, percent given as fraction) and
 * row checks (ragged rows, types, ranges, dates, duplicate keys). Rows with errors are rejected with
 * their reasons; warnings (formula-like text, a source that is not a URL) never reject a row.
 */
import { INVALID, isFormulaLike, parseCellValue, type CellProblem } from './cells';
import { normaliseHeader } from './schemas';
import type { ColumnSpec, DataRecord, DatasetSchema, RejectedRow, ValidationIssue, ValidationResult, ValidationSummary } from './types';
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
      log.add({
        row: 0,
        column: h,
        value: h,
        rule: 'duplicate-column',
        severity: 'warning',
        message: `Column "${h}" appears twice; the first one is used.`,
      });
    } else {
      log.add({
        row: 0,
        column: h,
        value: h,
        rule: 'unknown-column',
        severity: 'warning',
        message: `Column "${h}" is not part of the ${schema.kind} schema and is ignored.`,
      });
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
      row: 0,
      column: header,
      value: header,
      rule: 'unit-mismatch',
      severity: 'error',
      message: `Unit mismatch: column "${header}" holds ${given.toUpperCase()} but ${col.name} expects ${col.unit}. Convert the values or rename the column.`,
    };
  }
  return null;
}

/** Excel's limit for one cell (text over it cannot be written). */
export const MAX_CELL_CHARS = 32_767;

/**
 * The keys of the valid records seen so far, to find duplicates without a key string per row: a 30-bit hash
 * of the key values points at the records with that hash, whose values are then compared.
 */
class KeyIndex {
  private readonly index = new Map<number, number | number[]>();
  constructor(
    private readonly key: string[],
    private readonly records: DataRecord[],
  ) {}

  private hash(record: DataRecord): number {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (const k of this.key) {
      const text = String(record[k] ?? '');
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
      h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
      h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    }
    // 30 bits: a small integer, which a Map hashes without allocating (collisions are compared anyway).
    return (h1 ^ (h2 >>> 7)) & 0x3fffffff;
  }

  private same(a: DataRecord, b: DataRecord): boolean {
    for (const k of this.key) if (String(a[k] ?? '') !== String(b[k] ?? '')) return false;
    return true;
  }

  /** Registers the record as records[at]; returns the index of an earlier record with the same key, or -1. */
  add(record: DataRecord, at: number): number {
    const h = this.hash(record);
    const found = this.index.get(h);
    if (found === undefined) {
      this.index.set(h, at);
      return -1;
    }
    const list = typeof found === 'number' ? [found] : found;
    for (const i of list) if (this.same(this.records[i], record)) return i;
    list.push(at);
    this.index.set(h, list);
    return -1;
  }

  clear(): void {
    this.index.clear();
  }
}

/**
 * Keeps the strings of big imports small: repeated values of a column (countries, units, statuses) are
 * stored once, and a value kept from a long chunk of file text is copied so the chunk itself can be freed
 * (V8 keeps a slice of a string as a view of the whole). A column whose values are mostly unique stops
 * being interned after a while.
 */
class StringStore {
  private readonly maps: (Map<string, string> | null)[];
  private readonly lookups: number[];
  private readonly misses: number[];
  /** The value last kept per column: sorted or grouped files repeat it row after row. */
  private readonly last: (string | null)[];
  constructor(columns: number) {
    this.maps = Array.from({ length: columns }, () => new Map());
    this.lookups = new Array(columns).fill(0);
    this.misses = new Array(columns).fill(0);
    this.last = new Array(columns).fill(null);
  }
  keep(column: number, s: string): string {
    const last = this.last[column];
    if (last === s) return last;
    const map = this.maps[column];
    let own: string;
    if (map) {
      const known = map.get(s);
      if (known !== undefined) own = known;
      else {
        own = detach(s);
        if (map.size < 65_536) map.set(own, own);
        this.misses[column]++;
      }
      // Mostly unique values (URLs, notes): stop looking them up.
      if (++this.lookups[column] === 16_384 && this.misses[column] > 12_288) this.maps[column] = null;
    } else own = detach(s);
    this.last[column] = own;
    return own;
  }
}

/** A copy of s that does not keep a larger string alive (V8 slices of 13+ characters point into their parent). */
function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Validation row by row, so a big file is checked while it is read and never held as text or as a table
 * of strings: setHeader once, addRow per data row, fileError for a problem of the file as a whole, then
 * finish. validateTable runs it over a table that is already in memory (JSON, .xlsx).
 */
export class TableValidator {
  private readonly log = new IssueLog();
  private readonly columns: string[];
  private readonly records: DataRecord[] = [];
  private readonly rejected: RejectedRow[] = [];
  private readonly required: ColumnSpec[];
  private readonly keys: KeyIndex;
  /** Data row number of each valid record (for "repeats the key of row N"). */
  private readonly validRowNo: number[] = [];
  private readonly strings: StringStore;
  /** Every column set to null: records are copies of it. */
  private readonly template: DataRecord;
  private readonly problem: CellProblem = { rule: '', message: '' };
  private header: string[] | null = null;
  private indexOf: number[] = [];
  private rowsRead = 0;
  private skipRows = false;
  private decimalComma = false;

  constructor(
    private readonly schema: DatasetSchema,
    private readonly ctx: ValidateContext & { delimiter?: string },
  ) {
    this.columns = schema.columns.map((c) => c.name);
    this.required = schema.columns.filter((c) => c.required);
    this.keys = new KeyIndex(schema.key, this.records);
    this.strings = new StringStore(schema.columns.length);
    this.template = Object.fromEntries(this.columns.map((c) => [c, null]));
    this.decimalComma = ctx.delimiter === ';';
  }

  get hasHeader(): boolean {
    return this.header !== null;
  }

  /** Rows read so far (data rows, blank rows excluded). */
  get rowCount(): number {
    return this.rowsRead;
  }

  /** The header row: maps it to the schema and checks the file-level rules (delimiter, required columns). */
  setHeader(header: string[]): void {
    const { schema, ctx, log, required } = this;
    this.header = header;
    if (ctx.format === 'csv' && header.length <= 1 && required.length > 1) {
      log.add({
        row: 0,
        column: header[0] ?? '',
        value: (header[0] ?? '').slice(0, 80),
        rule: 'wrong-delimiter',
        severity: 'error',
        message: `Only one column was found in the header ("${(header[0] ?? '').slice(0, 60)}") but the ${schema.kind} schema needs several (${required.map((c) => c.name).join(', ')}): this looks like the wrong delimiter. Use comma, semicolon, tab or pipe.`,
      });
      this.skipRows = true;
      return;
    }
    this.indexOf = mapHeader(schema, header, log);
    required.forEach((col) => {
      if (this.indexOf[schema.columns.indexOf(col)] === -1) {
        log.add({
          row: 0,
          column: col.name,
          value: '',
          rule: 'missing-column',
          severity: 'error',
          message: `Required column "${col.name}" is missing (accepted headers: ${[col.name, ...(col.aliases ?? [])].join(', ')}).`,
        });
      }
    });
    if (log.fileErrors > 0) this.skipRows = true;
  }

  /** A problem of the file as a whole (broken quoting): nothing can be written. Rows after it are not read. */
  fileError(issue: Omit<ValidationIssue, 'row' | 'severity'>): void {
    this.log.add({ ...issue, row: 0, severity: 'error' });
    this.skipRows = true;
  }

  /** Validates one data row (cells as text, in header order); line/endLine: where it lies in delimited text. */
  addRow(row: string[], line?: number, endLine?: number): void {
    const rowNo = ++this.rowsRead;
    if (this.skipRows) return;
    const { schema, ctx, log, header } = this;
    const width = header!.length;
    const reasons: string[] = [];
    let extra = false;
    for (let x = width; x < row.length; x++) if (row[x].trim() !== '') extra = true;
    if (row.length < width || extra) {
      const lines =
        line === undefined
          ? ''
          : endLine !== undefined && endLine > line
            ? `, file lines ${line}-${endLine}: a quoted field spans these lines; if it should not, a quote is not closed`
            : `, file line ${line}`;
      rowError(
        log,
        reasons,
        rowNo,
        line,
        '',
        row.join(ctx.delimiter ?? ','),
        'ragged-row',
        `has ${row.length} fields but the header has ${width} (ragged row${lines})`,
      );
    }
    // A copy of the template has every column at once (one allocation, one hidden class for all records).
    const record: DataRecord = { ...this.template };
    const cols = schema.columns;
    const problem = this.problem;
    for (let c = 0; c < cols.length; c++) {
      const col: ColumnSpec = cols[c];
      const hi = this.indexOf[c];
      const raw = hi >= 0 && hi < row.length ? row[hi].trim() : '';
      if (raw === '') {
        if (col.required) rowError(log, reasons, rowNo, line, col.name, '', 'required', `${col.name} is required but empty`);
        continue;
      }
      if (raw.length > MAX_CELL_CHARS) {
        rowError(
          log,
          reasons,
          rowNo,
          line,
          col.name,
          raw.slice(0, 40),
          'too-long',
          `${col.name} holds ${raw.length.toLocaleString('en-US')} characters; a cell holds at most ${MAX_CELL_CHARS.toLocaleString('en-US')}`,
        );
        continue;
      }
      const parsed = col.type === 'text' || col.type === 'url' ? raw : parseCellValue(col, raw, ctx.today, this.decimalComma, problem);
      if (parsed === INVALID) {
        rowError(log, reasons, rowNo, line, col.name, raw, problem.rule, problem.message);
        continue;
      }
      if (typeof parsed !== 'string') {
        record[col.name] = parsed;
        continue;
      }
      const value = this.strings.keep(c, parsed);
      record[col.name] = value;
      if (col.type !== 'date' && isFormulaLike(value)) {
        log.add({
          row: rowNo,
          ...(line === undefined ? {} : { line }),
          column: col.name,
          value: raw,
          rule: 'formula-like-text',
          severity: 'warning',
          message: `Row ${rowNo}: ${col.name} starts with "${raw.charAt(0)}"; it is kept as text, never as a formula.`,
        });
      }
      if (col.type === 'url' && !/https?:\/\//i.test(value)) {
        log.add({
          row: rowNo,
          ...(line === undefined ? {} : { line }),
          column: col.name,
          value: raw,
          rule: 'not-a-url',
          severity: 'warning',
          message: `Row ${rowNo}: ${col.name} holds no http(s) address; it is kept as text.`,
        });
      }
    }
    if (reasons.length === 0) {
      const first = this.keys.add(record, this.records.length);
      if (first !== -1) {
        const keyText = schema.key.map((k) => `${k}=${record[k] ?? ''}`).join(', ');
        rowError(
          log,
          reasons,
          rowNo,
          line,
          schema.key.join('+'),
          keyText,
          'duplicate-key',
          `repeats the key (${keyText}) of row ${this.validRowNo[first]}`,
        );
      }
    }
    if (reasons.length > 0) {
      // Every field is kept, extra ones too, so a "Rejected rows" sheet loses nothing.
      const raw: Record<string, string> = {};
      header!.forEach((h, i) => (raw[h] = row[i] ?? ''));
      for (let x = width; x < row.length; x++) raw[`field ${x + 1}`] = row[x];
      this.rejected.push({ row: rowNo, ...(line === undefined ? {} : { line }), reasons, raw });
    } else {
      this.records.push(record);
      this.validRowNo.push(rowNo);
    }
  }

  finish(): ValidationResult {
    const { schema, ctx, log, records, rejected } = this;
    if (this.header === null && log.fileErrors === 0) this.setHeader([]);
    else if (log.fileErrors === 0 && this.rowsRead === 0) {
      log.add({
        row: 0,
        column: '',
        value: '',
        rule: 'no-rows',
        severity: 'error',
        message: `"${ctx.fileName}" has a header but no data rows.`,
      });
    }
    if (log.fileErrors === 0) checkPercentColumns(schema, records, log);
    this.keys.clear();
    const summary: ValidationSummary = {
      kind: schema.kind,
      fileName: ctx.fileName,
      format: ctx.format,
      encoding: ctx.encoding,
      delimiter: ctx.delimiter,
      rowsRead: this.rowsRead,
      rowsValid: records.length,
      rowsRejected: rejected.length,
      errors: log.errors,
      warnings: log.warnings,
      fileErrors: log.fileErrors,
      valid: log.fileErrors === 0 && rejected.length === 0 && this.rowsRead > 0,
    };
    return { records, rejected, issues: log.issues, issueCount: log.count, summary, columns: this.columns };
  }
}

/** Validates a parsed table; never throws for bad content (everything becomes an issue). */
export function validateTable(schema: DatasetSchema, input: TableInput, ctx: ValidateContext): ValidationResult {
  const validator = new TableValidator(schema, { ...ctx, delimiter: input.delimiter });
  validator.setHeader(input.header);
  for (const row of input.rows) validator.addRow(row);
  return validator.finish();
}

function rowError(
  log: IssueLog,
  reasons: string[],
  row: number,
  line: number | undefined,
  column: string,
  value: string,
  rule: string,
  message: string,
): void {
  reasons.push(message);
  log.add({ row, ...(line === undefined ? {} : { line }), column, value, rule, message: `Row ${row}: ${message}`, severity: 'error' });
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
      if (v > 1) {
        allFractions = false;
        break;
      }
      if (v > 0) anyPositive = true;
    }
    if (count >= 2 && allFractions && anyPositive) {
      log.add({
        row: 0,
        column: col.name,
        value: '',
        rule: 'unit-percent-fraction',
        severity: 'error',
        message: `Unit mismatch: ${col.name} expects percent (0-100) but all ${count} values are between 0 and 1; they look like fractions. Multiply them by 100.`,
      });
    }
  }
}
