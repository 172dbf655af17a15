/**
 * Delimited text (CSV, TSV, semicolon, pipe) to a header and string rows, in memory: for callers that want
 * the whole table (tests, small files). Imports stream instead (parseAndValidate: CsvReader + TableValidator).
 * Big inputs are read in chunks; between chunks the parser pauses for one macrotask so progress can be
 * reported and an AbortSignal honoured. Broken quoting is refused (DataImportError naming the line).
 */
import { CsvReader, CsvSyntaxError, detectDelimiter } from './csvReader';
import { DataImportError } from './types';

export interface DelimitedTable {
  header: string[];
  rows: string[][];
  delimiter: string;
}

export interface DelimitedOptions {
  onProgress?: (p: { done: number; total: number }) => void;
  signal?: AbortSignal;
  /** Characters per chunk; inputs shorter than this are parsed in one synchronous pass. */
  chunkChars?: number;
}

const DEFAULT_CHUNK_CHARS = 1024 * 1024;

function abortError(): DataImportError {
  return new DataImportError('Import cancelled by the user.', 'cancelled');
}

function isBlankRow(row: string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/** Parses delimited text; the delimiter is detected from the first lines. */
export async function parseDelimited(text: string, options: DelimitedOptions = {}): Promise<DelimitedTable> {
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  if (options.signal?.aborted) throw abortError();
  const delimiter = detectDelimiter(text.slice(0, chunkChars));
  let header: string[] | null = null;
  const rows: string[][] = [];
  const reader = new CsvReader(delimiter, (fields) => {
    if (isBlankRow(fields)) return;
    if (header === null) header = fields.map((h) => h.trim());
    else rows.push(fields);
  });
  try {
    for (let at = 0; at < text.length; at += chunkChars) {
      reader.push(text.slice(at, at + chunkChars));
      if (text.length > chunkChars) {
        options.onProgress?.({ done: Math.min(text.length, at + chunkChars), total: text.length });
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (options.signal?.aborted) throw abortError();
      }
    }
    reader.end();
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DataImportError(error.message, error.rule);
    throw error;
  }
  if (text.length <= chunkChars) options.onProgress?.({ done: text.length, total: text.length });
  return { header: header ?? [], rows, delimiter };
}
