/**
 * Delimited text (CSV, TSV, semicolon, pipe) to a header and string rows, with papaparse.
 * Big inputs are parsed in chunks; between chunks the parser pauses for one macrotask so progress
 * can be reported and an AbortSignal honoured (in a Web Worker or in-process in Node alike).
 */
import Papa from 'papaparse';
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

const DELIMITERS = [',', '\t', ';', '|'];
// Large chunks: papaparse copies the remaining string per chunk, so small chunks cost O(n^2/chunk).
const DEFAULT_CHUNK_CHARS = 4 * 1024 * 1024;

function abortError(): DataImportError {
  return new DataImportError('Import cancelled by the user.', 'cancelled');
}

// Whitespace-only lines are dropped here rather than with papaparse's "greedy" mode, which joins
// every row into a new string to test it (a large share of the garbage on 100k-row files).
function isBlankRow(row: string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

function splitHeader(all: string[][], delimiter: string): DelimitedTable {
  let start = 0;
  while (start < all.length && isBlankRow(all[start])) start++;
  const header = all[start];
  const rows: string[][] = [];
  for (let i = start + 1; i < all.length; i++) if (!isBlankRow(all[i])) rows.push(all[i]);
  return { header: (header ?? []).map((h) => h.trim()), rows, delimiter };
}

/** Parses delimited text; the delimiter is detected from the first lines. */
export function parseDelimited(text: string, options: DelimitedOptions = {}): Promise<DelimitedTable> {
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  if (options.signal?.aborted) return Promise.reject(abortError());
  if (text.length <= chunkChars) {
    const result = Papa.parse<string[]>(text, { skipEmptyLines: true, delimitersToGuess: DELIMITERS });
    options.onProgress?.({ done: text.length, total: text.length });
    return Promise.resolve(splitHeader(result.data, result.meta.delimiter));
  }
  return new Promise((resolve, reject) => {
    const all: string[][] = [];
    let delimiter = ',';
    let done = 0;
    let cancelled = false;
    Papa.parse<string[]>(text, {
      skipEmptyLines: true,
      delimitersToGuess: DELIMITERS,
      chunkSize: chunkChars,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const row of results.data) all.push(row);
        delimiter = results.meta.delimiter || delimiter;
        done = Math.min(text.length, done + chunkChars);
        options.onProgress?.({ done, total: text.length });
        parser.pause();
        setTimeout(() => {
          if (options.signal?.aborted) {
            cancelled = true;
            parser.abort();
          } else parser.resume();
        }, 0);
      },
      complete() {
        if (cancelled || options.signal?.aborted) reject(abortError());
        else resolve(splitHeader(all, delimiter));
      },
      error(err: Error) {
        reject(new DataImportError(`Could not parse the file: ${err.message}`, 'parse-error'));
      },
    });
  });
}
