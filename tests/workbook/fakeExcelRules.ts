/**
 * Excel's own naming and table rules, written out independently of src/workbook (so the fake can catch
 * an adapter whose validators are wrong). Sources are listed in docs/workbook.md ("What the fake models").
 */
import type { RangeRef } from '../../src/workbook/address';

/** Worksheet names: 1-31 characters, none of : \ / ? * [ ], no leading/trailing apostrophe, not "History". */
export function fakeSheetNameError(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'a sheet name cannot be blank';
  if (name.length > 31) return `"${name}" is longer than 31 characters`;
  if (/[:\\/?*[\]]/.test(name)) return `"${name}" contains one of : \\ / ? * [ ]`;
  if (name.startsWith("'") || name.endsWith("'")) return `"${name}" begins or ends with an apostrophe`;
  if (name.toLowerCase() === 'history') return '"History" is reserved by Excel';
  return null;
}

const MAX_COL = 16_384;
const MAX_ROW = 1_048_576;

function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Defined names and table names: Excel's "Names in formulas" rules. */
export function fakeNameError(name: string): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'a name cannot be blank';
  if (name.length > 255) return `"${name.slice(0, 20)}..." is longer than 255 characters`;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return `"${name}" has a character Excel does not allow in names`;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1 && lettersToCol(a1[1]) <= MAX_COL && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROW)
    return `"${name}" looks like a cell reference`;
  if (/^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name)) return `"${name}" looks like an R1C1 reference`;
  return null;
}

/**
 * Excel's table header rule: every header is text, a blank one becomes "ColumnN" and a repeated one
 * (case-insensitive) gets a number appended ("Year2"). `headers` are the values of the header row.
 */
export function normaliseHeaders(headers: unknown[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  headers.forEach((h, i) => {
    let text = h === null || h === undefined ? '' : String(h);
    if (text.trim() === '') text = `Column${i + 1}`;
    let candidate = text;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${text}${n}`;
    seen.add(candidate.toLowerCase());
    out.push(candidate);
  });
  return out;
}

/**
 * Deleting a table breaks the structured references to it: Excel rewrites `tblX[...]` (and `tblX[[..]]`)
 * in every formula as #REF!. Returns the rewritten formula, or the same string when nothing refers to it.
 */
export function breakStructuredRefs(formula: string, table: string): string {
  const lower = formula.toLowerCase();
  const needle = table.toLowerCase();
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const at = lower.indexOf(needle, i);
    if (at < 0) break;
    const before = at === 0 ? '' : formula[at - 1];
    const after = formula[at + table.length];
    if (/[\p{L}\p{N}_.\\]/u.test(before) || after !== '[') {
      out += formula.slice(i, at + table.length);
      i = at + table.length;
      continue;
    }
    let depth = 0;
    let end = at + table.length;
    for (; end < formula.length; end++) {
      if (formula[end] === '[') depth++;
      else if (formula[end] === ']' && --depth === 0) break;
    }
    out += formula.slice(i, at) + '#REF!';
    i = end + 1;
  }
  return out + formula.slice(i);
}

export function boxesOverlap(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function boxContains(outer: RangeRef, inner: RangeRef): boolean {
  return outer.top <= inner.top && outer.left <= inner.left && outer.bottom >= inner.bottom && outer.right >= inner.right;
}
