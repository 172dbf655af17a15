/**
 * Entry point of an import: bytes in, typed records and a validation report out. Nothing is written
 * here; the app layer turns a result into a WritePlan only when the report allows it.
 *
 * Delimited text is streamed: bytes are decoded piece by piece (1 MB), each piece is split into rows
 * (CsvReader) and every row validated as it comes (TableValidator), so the file is never held as one
 * string nor as a table of strings. Between pieces of a big file the import yields to the event loop,
 * reports progress and honours an AbortSignal.
 */
import { CsvReader, CsvSyntaxError, detectDelimiter } from './csvReader';
import { assertTextual, checkSize, ChunkDecoder, decodeText, NotUtf8Error } from './decode';
import { jsonToTable } from './json';
import { schemaFor } from './schemas';
import { DataImportError, type DatasetSchema, type ParseOptions, type ValidationResult } from './types';
import { TableValidator, validateTable } from './validate';
import { xlsxToTable } from './xlsx';

/** Bytes (or characters) per piece of a streamed import. */
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function abortError(): DataImportError {
  return new DataImportError('Import cancelled by the user.', 'cancelled');
}

// setImmediate where it exists (Node): setTimeout(0) waits at least 1 ms (4 ms when nested in browsers).
const yieldMacrotask = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** The first characters of the bytes, decoded as the import would decode them (for format sniffing). */
function firstText(bytes: Uint8Array): string {
  try {
    return new ChunkDecoder(bytes, 4096).next() ?? '';
  } catch (error) {
    if (error instanceof NotUtf8Error) return new ChunkDecoder(bytes, 4096, true).next() ?? '';
    throw error;
  }
}

/** Parses CSV/TSV/semicolon/JSON/.xlsx bytes and validates them against the schema of `kind`. */
export async function parseAndValidate(
  kind: string,
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
): Promise<ValidationResult> {
  const schema = schemaFor(kind);
  checkSize(bytes.byteLength, fileName, options.maxBytes);
  if (/\.xlsx$/i.test(fileName) || isZip(bytes)) {
    const table = await xlsxToTable(bytes, fileName, options.sheetName);
    return validateTable(schema, table, { fileName, format: 'xlsx', today: options.today });
  }
  if (/\.json$/i.test(fileName) || /^\s*[[{]/.test(firstText(bytes))) {
    const { text, encoding } = decodeText(bytes, fileName, options.maxBytes);
    const table = jsonToTable(text, schema.kind, fileName);
    return validateTable(schema, table, { fileName, format: 'json', encoding, today: options.today });
  }
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const read = (windows1252: boolean) => {
    const decoder = new ChunkDecoder(bytes, chunkBytes, windows1252);
    return streamDelimited(schema, decoderSource(decoder, bytes.byteLength), fileName, options, decoder.encoding);
  };
  try {
    return await read(false);
  } catch (error) {
    // Not UTF-8 after all (found part-way): read again as windows-1252, the usual encoding of older Excel CSVs.
    if (error instanceof NotUtf8Error) return read(true);
    throw error;
  }
}

/** Text in pieces: next() gives the following piece or null; position/total measure progress. */
interface TextSource {
  next(): string | null;
  readonly position: number;
  readonly total: number;
}

function decoderSource(decoder: ChunkDecoder, total: number): TextSource {
  return {
    next: () => decoder.next(),
    get position() {
      return decoder.position;
    },
    total,
  };
}

function textSource(text: string, chunkChars: number): TextSource {
  let at = 0;
  return {
    next() {
      if (at >= text.length && at > 0) return null;
      if (text.length === 0) {
        at = 1;
        return '';
      }
      const piece = text.slice(at, at + chunkChars);
      at += chunkChars;
      return piece;
    },
    get position() {
      return Math.min(at, text.length);
    },
    total: text.length,
  };
}

function isBlankRow(row: string[]): boolean {
  for (const cell of row) if (cell.trim() !== '') return false;
  return true;
}

/**
 * The streamed import of delimited text: the delimiter is detected on the first piece, the first non-blank
 * row is the header, blank rows are skipped, broken quoting ends the reading with a file-level error.
 */
async function streamDelimited(
  schema: DatasetSchema,
  source: TextSource,
  fileName: string,
  options: ParseOptions,
  encoding?: string,
): Promise<ValidationResult> {
  if (options.signal?.aborted) throw abortError();
  let validator: TableValidator | null = null;
  let reader: CsvReader | null = null;
  let sawText = false;
  let broken = false;
  const onRow = (fields: string[], line: number, endLine: number) => {
    if (isBlankRow(fields)) return;
    if (!validator!.hasHeader) validator!.setHeader(fields.map((h) => h.trim()));
    else validator!.addRow(fields, line, endLine);
  };
  const read = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      broken = true;
      // The message quotes the text already.
      validator!.fileError({ line: error.line, column: '', value: '', rule: error.rule, message: error.message });
    }
  };
  const streamed = source.total > (options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  for (let text = source.next(); text !== null && !broken; text = source.next()) {
    if (reader === null) {
      assertTextual(text.length > 65_536 ? text.slice(0, 65_536) : text, fileName);
      const delimiter = detectDelimiter(text);
      validator = new TableValidator(schema, { fileName, format: 'csv', encoding, today: options.today, delimiter });
      reader = new CsvReader(delimiter, onRow);
    }
    if (!sawText && /\S/.test(text)) sawText = true;
    read(() => reader!.push(text));
    if (streamed) {
      options.onProgress?.({ done: source.position, total: source.total });
      await yieldMacrotask();
      if (options.signal?.aborted) throw abortError();
    }
  }
  if (!sawText) throw new DataImportError(`"${fileName}" is empty: it holds no header row and no data.`, 'empty-file');
  if (!broken) read(() => reader!.end());
  if (!streamed) options.onProgress?.({ done: source.total, total: source.total });
  return validator!.finish();
}

/** Validates delimited text that is already decoded (the bundled reference CSVs take this path). */
export async function validateText(
  kind: string,
  text: string,
  fileName: string,
  options: ParseOptions & { encoding?: string },
): Promise<ValidationResult> {
  const schema = schemaFor(kind);
  const chunk = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  return streamDelimited(schema, textSource(text, chunk), fileName, { ...options, chunkBytes: chunk }, options.encoding);
}
