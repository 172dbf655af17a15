/** JSON input: an array of objects, or { kind, records } as written by `reversal-lab import --json`. */
import { DataImportError } from './types';
import type { TableInput } from './validate';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Converts JSON text to a header and string rows; checks a declared kind against the expected one. */
export function jsonToTable(text: string, expectedKind: string, fileName: string): TableInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataImportError(`"${fileName}" is not valid JSON: ${(error as Error).message}`, 'invalid-json');
  }
  let records: unknown = data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const wrapper = data as { kind?: unknown; records?: unknown };
    if (wrapper.kind !== undefined && wrapper.kind !== expectedKind) {
      throw new DataImportError(`"${fileName}" holds kind "${String(wrapper.kind)}" but "${expectedKind}" was requested.`, 'kind-mismatch');
    }
    records = wrapper.records;
  }
  if (!Array.isArray(records)) {
    throw new DataImportError(`"${fileName}": expected an array of objects or { "kind", "records": [...] }.`, 'invalid-json');
  }
  const header: string[] = [];
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
      throw new DataImportError(`"${fileName}": record ${i + 1} is not an object.`, 'invalid-json');
    }
    for (const k of Object.keys(rec)) {
      if (seen.has(k)) continue;
      seen.add(k);
      header.push(k);
    }
  });
  const rows = records.map((rec) => header.map((h) => cellText((rec as Record<string, unknown>)[h])));
  return { header, rows };
}
