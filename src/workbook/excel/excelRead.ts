/**
 * Reading cells from Excel within the response limit: Excel on the web rejects a response over 5 MB, and
 * the size of a cell's text is not known before it is read (a cell holds up to 32,767 characters). So rows
 * are read in chunks sized by the bytes the previous chunk really took (UTF-8 JSON), aiming at 3.5 MB;
 * a chunk Excel still refuses (ResponsePayloadSizeLimitExceeded) is halved and read again.
 */
import type { CellValue } from '../plan';
import { officeErrorCode } from './runExcel';

export type Sync = (what: string) => Promise<void>;
export type LoadProp = 'values' | 'formulas' | 'numberFormat';

export interface Box {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** Target bytes per response: 3.5 MB, a margin below Excel on the web's 5 MB for the envelope. */
export const READ_BUDGET_BYTES = 3.5 * 1024 * 1024;
/** Read a box of up to this many cells in one go when nothing says its text is long. */
const OPTIMISTIC_CELLS = 20_000;
/** The most a cell can take in a response: 32,767 characters of up to 3 UTF-8 bytes, quoted. */
const WORST_CELL_BYTES = 32_767 * 3 + 8;

const encoder = new TextEncoder();
export const utf8JsonBytes = (x: unknown) => encoder.encode(JSON.stringify(x)).length;

/**
 * `optimistic`: try a box of up to 20,000 cells in one request (one round trip for ordinary data); a box
 * known to be big starts with the rows that fit even if every cell held the longest text, to measure.
 */
export async function readBoxAdaptive(
  sheet: () => Excel.Worksheet,
  box: Box,
  props: LoadProp[],
  sync: Sync,
  optimistic = true,
  budget = READ_BUDGET_BYTES,
): Promise<Record<LoadProp, unknown[][]>> {
  const out: Record<LoadProp, unknown[][]> = { values: [], formulas: [], numberFormat: [] };
  const cols = Math.max(1, box.cols);
  let rowsPer =
    optimistic && box.rows * cols <= OPTIMISTIC_CELLS
      ? box.rows
      : Math.max(1, Math.floor(budget / (cols * props.length * WORST_CELL_BYTES)));
  for (let start = 0; start < box.rows; ) {
    const n = Math.min(rowsPer, box.rows - start);
    const range = sheet().getRangeByIndexes(box.top + start, box.left, n, box.cols);
    range.load(props);
    try {
      await sync(`reading rows ${box.top + start + 1}-${box.top + start + n}`);
    } catch (e) {
      if (officeErrorCode(e) !== 'ResponsePayloadSizeLimitExceeded' || n === 1) throw e;
      rowsPer = Math.max(1, Math.floor(n / 2));
      continue;
    }
    let bytes = 0;
    for (const p of props) {
      const part = range[p] as unknown[][];
      bytes += utf8JsonBytes(part);
      out[p].push(...part);
    }
    start += n;
    rowsPer = Math.max(1, Math.floor((n * budget) / Math.max(1, bytes)));
  }
  return out;
}

/** "'NEV sales'!A3:F10" -> "A3:F10". */
export function stripSheet(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');
}

/** Excel reports empty cells as "". */
export function fromExcel(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/**
 * A table's rows as the port returns them. Excel cannot hold a table without a data row (a header-only
 * table gets one empty row), so a table whose only data row is empty reads as its header alone.
 */
export function tableRows(values: unknown[][]): CellValue[][] {
  const rows = values.map((row) => row.map(fromExcel));
  if (rows.length === 2 && rows[1].every((v) => v === null)) return rows.slice(0, 1);
  return rows;
}
