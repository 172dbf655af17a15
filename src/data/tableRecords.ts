/**
 * Whole tables read at once into validated records: the bundled reference CSVs, a file given to the CLI, a
 * table read back from the workbook. The same CsvReader and TableValidator (schemas.ts) as the streamed import
 * (parseAndValidate.ts), so every reader of data applies one parser and one set of rules: broken quoting and
 * ragged rows are refused with their line, values are typed by the schema. Synchronous (no chunking): for
 * tables that are already in memory.
 */
import { CsvReader, CsvSyntaxError, detectDelimiter } from './csvReader';
import { excelSerialToIso } from './diff';
import { normaliseHeader, schemaFor } from './schemas';
import { DataImportError, type DataRecord, type DatasetKind, type ValidationIssue, type ValidationResult } from './types';
import { TableValidator } from './validate';

/** A cell of a table read back from a workbook. */
export type TableCell = string | number | boolean | null;

export interface TableReadOptions {
  /** "Today" (yyyy-mm-dd) for the rule that a source date cannot lie in the future. */
  today: string;
  /**
   * Schema columns the caller needs in the header even where the schema has them optional (their cells may
   * still be empty): a table without one is refused as a whole.
   */
  needColumns?: readonly string[];
}

export interface TableRead {
  /** Valid records, in the order of the table. */
  records: DataRecord[];
  validation: ValidationResult;
  /** The header as read. */
  header: string[];
}

function isBlankRow(row: readonly string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/**
 * Delimited text (delimiter detected from the first lines) against the schema of `kind`: every row, with the
 * file line it starts on; broken quoting stops the reading with a file-level error naming the line.
 */
export function validateDelimited(kind: DatasetKind, text: string, fileName: string, options: TableReadOptions): TableRead {
  const delimiter = detectDelimiter(text.slice(0, 65_536));
  const validator = new TableValidator(schemaFor(kind), { fileName, format: 'csv', today: options.today, delimiter });
  let header: string[] = [];
  const reader = new CsvReader(delimiter, (fields, line, endLine) => {
    if (isBlankRow(fields)) return;
    if (!validator.hasHeader) validator.setHeader((header = fields.map((h) => h.trim())));
    else validator.addRow(fields, line, endLine);
  });
  try {
    reader.push(text);
    reader.end();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    validator.fileError({ line: error.line, column: '', value: '', rule: error.rule, message: error.message });
  }
  const validation = validator.finish();
  return { records: validation.records, validation, header };
}

/** A table as cells (first row the header), e.g. read from a workbook, against the schema of `kind`. */
export function validateCells(
  kind: DatasetKind,
  cells: readonly (readonly TableCell[])[],
  where: string,
  options: TableReadOptions,
): TableRead {
  const schema = schemaFor(kind);
  const validator = new TableValidator(schema, { fileName: where, format: 'xlsx', today: options.today });
  // String(number) gives the shortest text that parses back to the same double: no value changes.
  const text = (v: TableCell) => (v === null || v === undefined ? '' : String(v));
  const header = (cells[0] ?? []).map((v) => text(v).trim());
  // Excel may hold a date as its serial number: such a cell is read as the ISO date it shows.
  const dateNames = new Set(
    schema.columns.filter((c) => c.type === 'date').flatMap((c) => [c.name, ...(c.aliases ?? [])].map(normaliseHeader)),
  );
  const isDate = header.map((h) => dateNames.has(normaliseHeader(h)));
  validator.setHeader(header);
  for (let r = 1; r < cells.length; r++) {
    const row = cells[r].map((v, c) => (isDate[c] && typeof v === 'number' ? excelSerialToIso(v) : text(v)));
    if (!isBlankRow(row)) validator.addRow(row);
  }
  const validation = validator.finish();
  return { records: validation.records, validation, header };
}

/** "<where> line 3 (data row 2): <problem>" for delimited text, "<where> data row 2: <problem>" for cells. */
function describe(where: string, issue: ValidationIssue): string {
  const body = issue.message.replace(/^Row \d+: /, '');
  const row = issue.row > 0 ? `data row ${issue.row}` : '';
  if (issue.line === undefined || /\bline \d/i.test(body)) return `${where}${row ? ` ${row}` : ''}: ${body}`;
  return `${where} line ${issue.line}${row ? ` (${row})` : ''}: ${body}`;
}

/**
 * The records of a read, or a DataImportError naming where, the first error (its row and file line) and how
 * many more there are. A needed column missing from the header is refused too. Warnings (an unknown column,
 * a URL that is not one) do not stop the read.
 */
export function requireValid(kind: DatasetKind, read: TableRead, where: string, options: TableReadOptions): DataRecord[] {
  const schema = schemaFor(kind);
  const present = new Set(read.header.map(normaliseHeader));
  const missing = (options.needColumns ?? []).filter((name) => {
    const col = schema.columns.find((c) => c.name === name);
    if (!col) throw new Error(`requireValid: ${name} is not a column of the ${kind} schema`);
    return ![col.name, ...(col.aliases ?? [])].some((n) => present.has(normaliseHeader(n)));
  });
  if (missing.length > 0) throw new DataImportError(`${where}: missing column(s) ${missing.join(', ')}`, 'missing-column');
  const errors = read.validation.issues.filter((i) => i.severity === 'error');
  if (read.validation.summary.errors > 0) {
    const first = errors[0];
    const more = read.validation.summary.errors - 1;
    throw new DataImportError(
      `${first ? describe(where, first) : `${where}: invalid`}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
      first?.rule ?? 'invalid',
    );
  }
  return read.records;
}

/** Delimited text to valid records of `kind`, or a DataImportError naming the file, line and problem. */
export function readDelimitedRecords(kind: DatasetKind, text: string, fileName: string, options: TableReadOptions): DataRecord[] {
  return requireValid(kind, validateDelimited(kind, text, fileName, options), fileName, options);
}

/** Workbook cells (header first) to valid records of `kind`, or a DataImportError naming the table, row and problem. */
export function readCellRecords(
  kind: DatasetKind,
  cells: readonly (readonly TableCell[])[],
  where: string,
  options: TableReadOptions,
): DataRecord[] {
  return requireValid(kind, validateCells(kind, cells, where, options), where, options);
}
