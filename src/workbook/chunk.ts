/**
 * Request-size estimates for Office.js batches. Excel on the web rejects a request or response
 * payload over 5 MB ("resource limits and performance optimization", Microsoft Learn), so the
 * Excel adapter sends queued operations before their estimated JSON size passes a budget
 * (default 4 MB: a 20% margin for the envelope and our estimate's error); see excel/excelWrite.ts.
 * Reads are sized by the bytes really received (excel/excelRead.ts).
 */

export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** UTF-8 bytes of JSON.stringify(text) without building the string (quotes and escapes included). */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d)
      bytes += 2; // \b \t \n \f \r
    else if (code < 0x20)
      bytes += 6; // \u00XX
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else bytes += 3; // BMP; surrogate pairs count 3+3, slightly over the real 4: fine for a budget
  }
  return bytes;
}

/** Estimated JSON bytes of one value in a values/formulas/numberFormat array, with its comma. */
export function jsonValueBytes(value: string | number | boolean | null): number {
  if (value === null) return 5;
  if (typeof value === 'string') return jsonStringBytes(value) + 1;
  if (typeof value === 'boolean') return value ? 5 : 6;
  return String(value).length + 1;
}
