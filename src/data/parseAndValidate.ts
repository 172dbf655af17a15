/**
 * Entry point of an import: bytes in, typed records and a validation report out. Nothing is written
 * here; the app layer turns a result into a WritePlan only when the report allows it.
 */
import { parseDelimited } from './csv';
import { checkSize, decodeText } from './decode';
import { jsonToTable } from './json';
import { schemaFor } from './schemas';
import type { ParseOptions, ValidationResult } from './types';
import { validateTable } from './validate';
import { xlsxToTable } from './xlsx';

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Parses CSV/TSV/semicolon/JSON/.xlsx bytes and validates them against the schema of `kind`. */
export async function parseAndValidate(
  kind: string,
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
): Promise<ValidationResult> {
  const schema = schemaFor(kind);
  checkSize(bytes.byteLength, fileName);
  if (/\.xlsx$/i.test(fileName) || isZip(bytes)) {
    const table = await xlsxToTable(bytes, fileName, options.sheetName);
    return validateTable(schema, table, { fileName, format: 'xlsx', today: options.today });
  }
  const { text, encoding } = decodeText(bytes, fileName);
  if (/\.json$/i.test(fileName) || /^\s*[[{]/.test(text)) {
    const table = jsonToTable(text, schema.kind, fileName);
    return validateTable(schema, table, { fileName, format: 'json', encoding, today: options.today });
  }
  return validateText(kind, text, fileName, { ...options, encoding });
}

/** Validates delimited text that is already decoded (the bundled reference CSVs take this path). */
export async function validateText(
  kind: string,
  text: string,
  fileName: string,
  options: ParseOptions & { encoding?: string },
): Promise<ValidationResult> {
  const schema = schemaFor(kind);
  const table = await parseDelimited(text, { onProgress: options.onProgress, signal: options.signal });
  return validateTable(schema, table, { fileName, format: 'csv', encoding: options.encoding, today: options.today });
}
