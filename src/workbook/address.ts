/**
 * A1 address helpers and Excel name rules, shared by every adapter and by validatePlan.
 * Rows and columns are 0-based inside the code; A1 text is 1-based as Excel shows it.
 */

/** Excel grid limits (Excel specifications and limits: 1,048,576 rows by 16,384 columns). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** Excel: a sheet name has at most 31 characters. */
export const MAX_SHEET_NAME_LENGTH = 31;
/** Excel: a defined name has at most 255 characters. */
export const MAX_NAME_LENGTH = 255;

export interface CellRef {
  row: number; // 0-based
  col: number; // 0-based
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number; // inclusive
  right: number; // inclusive
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnIndexToLetters(colIndex: number): string {
  if (!Number.isInteger(colIndex) || colIndex < 0 || colIndex >= MAX_COLUMNS) {
    throw new RangeError(`column index ${colIndex} is outside 0..${MAX_COLUMNS - 1}`);
  }
  let n = colIndex + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" -> 0, "AA" -> 26; null when not letters or beyond XFD. */
export function lettersToColumnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1 < MAX_COLUMNS ? n - 1 : null;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

/** Parses "B5" or "$B$5"; null when malformed or outside the grid. */
export function parseCell(address: string): CellRef | null {
  const m = CELL_RE.exec(address.trim());
  if (!m) return null;
  const col = lettersToColumnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col === null || row < 0 || row >= MAX_ROWS) return null;
  return { row, col };
}

/** Parses "B5:AA5", "B5" (one cell) with optional $; the corners are normalised. */
export function parseRange(address: string): RangeRef | null {
  const parts = address.trim().split(':');
  if (parts.length > 2) return null;
  const a = parseCell(parts[0]);
  const b = parts.length === 2 ? parseCell(parts[1]) : a;
  if (!a || !b) return null;
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

export function formatCell(cell: CellRef, absolute = false): string {
  const d = absolute ? '$' : '';
  return `${d}${columnIndexToLetters(cell.col)}${d}${cell.row + 1}`;
}

/** "B2:D4", or "B2" for a single cell. */
export function formatRange(range: RangeRef, absolute = false): string {
  const a = formatCell({ row: range.top, col: range.left }, absolute);
  if (range.top === range.bottom && range.left === range.right) return a;
  return `${a}:${formatCell({ row: range.bottom, col: range.right }, absolute)}`;
}

/** The range covered by a block of rows x cols whose top-left is `topLeft`; null when it leaves the grid. */
export function blockExtent(topLeft: CellRef, rows: number, cols: number): RangeRef | null {
  if (rows < 1 || cols < 1) return null;
  const bottom = topLeft.row + rows - 1;
  const right = topLeft.col + cols - 1;
  if (bottom >= MAX_ROWS || right >= MAX_COLUMNS) return null;
  return { top: topLeft.row, left: topLeft.col, bottom, right };
}

export function rangesOverlap(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** Quotes a sheet name for a reference: 'My Sheet'!A1 (apostrophes doubled, as Excel does). */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** "'Sheet'!$B$5:$AA$5" — the form defined names refer to. */
export function sheetAddress(sheet: string, range: RangeRef, absolute = true): string {
  return `${quoteSheet(sheet)}!${formatRange(range, absolute)}`;
}

const SHEET_FORBIDDEN = /[[\]:*?/\\]/;

/** Why a sheet name breaks Excel's rules, or null when it is valid. */
export function sheetNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'sheet name is empty';
  if (name.length > MAX_SHEET_NAME_LENGTH) return `sheet name "${name}" is longer than ${MAX_SHEET_NAME_LENGTH} characters`;
  if (SHEET_FORBIDDEN.test(name)) return `sheet name "${name}" contains one of [ ] : * ? / \\`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name "${name}" starts or ends with an apostrophe`;
  // Excel reserves "History" for the change-tracking sheet.
  if (name.toLowerCase() === 'history') return 'sheet name "History" is reserved by Excel';
  return null;
}

/** Maps any text to a valid sheet name: forbidden characters become "_", cut to 31 characters. */
export function sanitizeSheetName(raw: string): string {
  let name = raw
    .replace(/[[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (name.length > MAX_SHEET_NAME_LENGTH) name = name.slice(0, MAX_SHEET_NAME_LENGTH).trimEnd();
  if (name.length === 0) name = 'Sheet';
  if (name.toLowerCase() === 'history') name = 'History_';
  return name;
}

/** True for names Excel would read as a cell or R1C1 reference (A1, XFD1048576, R1C1, R, C). */
export function isCellLikeName(name: string): boolean {
  const m = /^([A-Za-z]{1,3})([0-9]+)$/.exec(name);
  if (m && lettersToColumnIndex(m[1]) !== null) return true;
  return /^[Rr]([0-9]*)([Cc][0-9]*)?$/.test(name) || /^[Cc][0-9]*$/.test(name);
}

/** Why a defined name or table name breaks Excel's rules, or null when valid. */
export function excelNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'name is empty';
  if (name.length > MAX_NAME_LENGTH) return `name "${name.slice(0, 40)}…" is longer than ${MAX_NAME_LENGTH} characters`;
  if (!/^[A-Za-z_\\]/.test(name)) return `name "${name}" must start with a letter, "_" or "\\"`;
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return `name "${name}" may only hold letters, digits, "_", "." and "\\"`;
  if (isCellLikeName(name)) return `name "${name}" looks like a cell reference`;
  return null;
}

/** FNV-1a 32-bit hash as 8 hex digits: a short, stable tag for over-long names. */
function fnv1aHex(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * Deterministic, injective mapping of an output id to an Excel defined name:
 * "nev.share.China" -> "RL_nev.share.China". Letters, digits and "." are kept (dots are legal in
 * names); "_" becomes "__" and any other character "_xHHHH_" (its UTF-16 code), so two different
 * ids never collide. The "RL_" prefix makes the name start with a letter and never look like a
 * cell. Names longer than 255 characters are cut and tagged with a hash of the full id.
 */
export function outputIdToName(outputId: string, prefix = 'RL_'): string {
  let body = '';
  for (const ch of outputId) {
    if (/[A-Za-z0-9.]/.test(ch)) body += ch;
    else if (ch === '_') body += '__';
    else {
      for (let i = 0; i < ch.length; i++) body += `_x${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}_`;
    }
  }
  const name = prefix + body;
  if (name.length <= MAX_NAME_LENGTH) return name;
  const tag = `_h${fnv1aHex(outputId)}`;
  return name.slice(0, MAX_NAME_LENGTH - tag.length) + tag;
}

/** Inverse of outputIdToName for names that were not shortened; null otherwise. */
export function nameToOutputId(name: string, prefix = 'RL_'): string | null {
  if (!name.startsWith(prefix)) return null;
  const body = name.slice(prefix.length);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '_') {
      out += ch;
      continue;
    }
    if (body[i + 1] === '_') {
      out += '_';
      i += 1;
      continue;
    }
    const m = /^_x([0-9A-F]{4})_/.exec(body.slice(i));
    if (!m) return null;
    out += String.fromCharCode(parseInt(m[1], 16));
    i += m[0].length - 1;
  }
  return out;
}

/** Maps any text to a valid table name, e.g. "Supplier list" -> "tblSupplier_list". */
export function sanitizeTableName(raw: string, prefix = 'tbl'): string {
  const body = raw.replace(/[^A-Za-z0-9_.]/g, '_');
  const name = (prefix + body).slice(0, MAX_NAME_LENGTH);
  return excelNameProblem(name) === null ? name : `_${name}`.slice(0, MAX_NAME_LENGTH);
}
