/**
 * Request-size estimates for Office.js batches. Excel on the web rejects a request or response
 * payload over 5 MB ("resource limits and performance optimization", Microsoft Learn), so the
 * Excel adapter splits each block into row chunks whose estimated JSON size stays under a budget
 * (default 4 MB: a 20% margin for the envelope and our estimate's error).
 */

export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Assumption: about 40 bytes of JSON per cell per loaded property is a safe upper figure for reads. */
export const DEFAULT_READ_CELLS_PER_REQUEST = 30_000;

/** UTF-8 bytes of JSON.stringify(text) without building the string (quotes and escapes included). */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) bytes += 2; // \b \t \n \f \r
    else if (code < 0x20) bytes += 6; // \u00XX
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

export interface RowChunk {
  start: number; // first row index (0-based, within the block)
  count: number;
}

/**
 * Groups consecutive rows so each chunk's estimated bytes stay within maxBytes.
 * Throws when a single row is larger than the budget (it cannot be sent in one request).
 */
export function chunkRowsByBytes(rowBytes: readonly number[], maxBytes: number, where = 'block'): RowChunk[] {
  const chunks: RowChunk[] = [];
  let start = 0;
  let size = 0;
  for (let r = 0; r < rowBytes.length; r++) {
    const b = rowBytes[r];
    if (b > maxBytes) throw new Error(`${where}: row ${r + 1} needs about ${b} bytes, more than the ${maxBytes}-byte request limit`);
    if (size + b > maxBytes && r > start) {
      chunks.push({ start, count: r - start });
      start = r;
      size = 0;
    }
    size += b;
  }
  if (rowBytes.length > start) chunks.push({ start, count: rowBytes.length - start });
  return chunks;
}

/** Row chunks for reading rows x cols cells with at most cellsPerRequest cells per request. */
export function chunkRowsByCells(rows: number, cols: number, cellsPerRequest = DEFAULT_READ_CELLS_PER_REQUEST): RowChunk[] {
  const per = Math.max(1, Math.floor(cellsPerRequest / Math.max(1, cols)));
  const chunks: RowChunk[] = [];
  for (let start = 0; start < rows; start += per) chunks.push({ start, count: Math.min(per, rows - start) });
  return chunks;
}
