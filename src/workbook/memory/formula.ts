/**
 * Evaluates "trivial" formulas for the in-memory workbook so the preview shows numbers:
 * numbers, same-sheet cell references, + - * / with parentheses and unary minus, and
 * SUM / AVERAGE / MIN / MAX / COUNT over references or ranges. Anything else (other functions,
 * other sheets, text operands, division by zero) returns null and the formula text is kept.
 * It is not a spreadsheet engine (HyperFormula is GPL and stays out of the bundle).
 */
import { parseCell, parseRange, type RangeRef } from '../address';
import type { CellValue } from '../plan';

export type CellReader = (row: number, col: number) => CellValue;

class NotTrivial extends Error {}

const TOKEN_RE = /\s*(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|[A-Za-z]+(?=\()|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+*/(),])/y;

function tokenize(src: string): string[] {
  const tokens: string[] = [];
  TOKEN_RE.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(src);
    if (!m) throw new NotTrivial();
    tokens.push(m[1]);
    pos = TOKEN_RE.lastIndex;
  }
  return tokens;
}

const AGGREGATES: Record<string, (xs: number[]) => number> = {
  SUM: (xs) => xs.reduce((a, b) => a + b, 0),
  AVERAGE: (xs) => {
    if (xs.length === 0) throw new NotTrivial(); // Excel: #DIV/0!
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  },
  MIN: (xs) => (xs.length ? Math.min(...xs) : 0),
  MAX: (xs) => (xs.length ? Math.max(...xs) : 0),
  COUNT: (xs) => xs.length,
};

/** The computed number of a trivial formula ("=SUM(B2:B4)"), or null when not trivial. */
export function evaluateTrivialFormula(formula: string, read: CellReader): number | null {
  if (!formula.startsWith('=')) return null;
  let tokens: string[];
  try {
    tokens = tokenize(formula.slice(1));
  } catch {
    return null;
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];

  const scalarAt = (row: number, col: number): number => {
    const v = read(row, col);
    if (v === null) return 0; // Excel treats a blank as 0 in arithmetic
    if (typeof v === 'number') return v;
    throw new NotTrivial();
  };
  const numbersIn = (r: RangeRef): number[] => {
    const xs: number[] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const v = read(row, col);
        if (typeof v === 'number') xs.push(v); // SUM and friends skip text and blanks
      }
    }
    return xs;
  };

  function primary(): number {
    const t = take();
    if (t === undefined) throw new NotTrivial();
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '(') {
      const v = expr();
      if (take() !== ')') throw new NotTrivial();
      return v;
    }
    if (/^\d/.test(t)) return Number(t);
    const fn = AGGREGATES[t.toUpperCase()];
    if (fn && peek() === '(') {
      take();
      const xs: number[] = [];
      for (;;) {
        const arg = take();
        const range = arg ? parseRange(arg) : null;
        if (!range) throw new NotTrivial();
        xs.push(...numbersIn(range));
        const sep = take();
        if (sep === ')') break;
        if (sep !== ',') throw new NotTrivial();
      }
      return fn(xs);
    }
    const cell = parseCell(t);
    if (cell) return scalarAt(cell.row, cell.col);
    throw new NotTrivial();
  }
  function term(): number {
    let v = primary();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const rhs = primary();
      if (op === '/' && rhs === 0) throw new NotTrivial(); // Excel: #DIV/0!
      v = op === '*' ? v * rhs : v / rhs;
    }
    return v;
  }
  function expr(): number {
    let v = term();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + term() : v - term();
    return v;
  }

  try {
    const v = expr();
    return i === tokens.length && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}
