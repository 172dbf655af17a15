/** Parsing of single cells by column type. Each returns a value or a reason the cell is invalid. */
import type { ColumnSpec } from './types';

export type CellParse = { ok: true; value: string | number | null } | { ok: false; rule: string; message: string };

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA_RE = /^[+-]?\d+,\d+$/;

/** Leading characters that spreadsheet programs read as a formula (CSV injection). */
export function isFormulaLike(text: string): boolean {
  const c = text.charAt(0);
  return c === '=' || c === '+' || c === '-' || c === '@';
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** The number written by `count` ASCII digits of text at `from`, or -1. */
function digitsAt(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Validates an ISO date (yyyy, yyyy-mm or yyyy-mm-dd) and returns its first day as yyyy-mm-dd. */
export function isoDateStart(text: string): string | null {
  // Read character by character: a regular expression per cell is a noticeable share of a big import.
  const n = text.length;
  if (n !== 4 && n !== 7 && n !== 10) return null;
  const year = digitsAt(text, 0, 4);
  if (year < 0) return null;
  if (n === 4) return `${text}-01-01`;
  const month = text.charCodeAt(4) === 45 ? digitsAt(text, 5, 2) : -1;
  if (month < 1 || month > 12) return null;
  if (n === 7) return `${text}-01`;
  const day = text.charCodeAt(7) === 45 ? digitsAt(text, 8, 2) : -1;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return text;
}

function parseNumber(text: string, decimalComma: boolean): number | null {
  let t = text;
  if (decimalComma && DECIMAL_COMMA_RE.test(t)) t = t.replace(',', '.');
  if (!NUMBER_RE.test(t)) return null;
  return Number(t);
}

const CURRENCY_RE = /\b(USD|EUR|CNY|RMB|GBP|JPY)\b|[$€¥£]/i;
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '¥': 'CNY', '£': 'GBP' };

// "12.5 EUR" in a USD column: say it is the wrong currency rather than "not a number".
function currencyMismatch(column: ColumnSpec, text: string): string | null {
  const expected = column.unit ? /\b(USD|EUR|CNY|GBP|JPY)\b/.exec(column.unit)?.[1] : undefined;
  if (!expected) return null;
  const m = CURRENCY_RE.exec(text);
  if (!m) return null;
  const given = (m[1] ?? SYMBOLS[m[0]] ?? m[0]).toUpperCase().replace('RMB', 'CNY');
  if (given === expected) return `"${text}": write the number only (column ${column.name} is in ${column.unit})`;
  return `Unit mismatch: "${text}" is in ${given} but ${column.name} expects ${column.unit}`;
}

/** Where parseCellValue puts the rule and message of an invalid cell (one object reused for every cell). */
export interface CellProblem {
  rule: string;
  message: string;
}

/** Returned by parseCellValue for an invalid cell; the reason is in the CellProblem passed in. */
export const INVALID: unique symbol = Symbol('invalid cell');

/** Parses a trimmed, non-empty cell according to its column. */
export function parseCell(column: ColumnSpec, raw: string, today: string, decimalComma: boolean): CellParse {
  const problem: CellProblem = { rule: '', message: '' };
  const value = parseCellValue(column, raw, today, decimalComma, problem);
  return value === INVALID ? { ok: false, rule: problem.rule, message: problem.message } : { ok: true, value };
}

function fail(problem: CellProblem, rule: string, message: string): typeof INVALID {
  problem.rule = rule;
  problem.message = message;
  return INVALID;
}

/**
 * parseCell without an object per cell (an import checks millions): the value, or INVALID with the reason
 * written into `problem`.
 */
export function parseCellValue(
  column: ColumnSpec,
  raw: string,
  today: string,
  decimalComma: boolean,
  problem: CellProblem,
): string | number | null | typeof INVALID {
  const text = raw;
  switch (column.type) {
    case 'number':
    case 'integer':
    case 'year': {
      // A trailing "%" is accepted in percent columns ("70.4%" means 70.4).
      const body = column.unit === '%' && text.endsWith('%') ? text.slice(0, -1).trim() : text;
      const value = parseNumber(body, decimalComma);
      if (value === null) {
        const mismatch = currencyMismatch(column, body);
        if (mismatch) return fail(problem, 'unit-mismatch', mismatch);
        return fail(problem, 'not-a-number', `"${raw}" is not a number (column ${column.name} holds ${column.unit ?? 'numbers'})`);
      }
      if (!Number.isFinite(value)) return fail(problem, 'not-a-number', `"${raw}" is too large to be a number (column ${column.name})`);
      if (column.type !== 'number' && !Number.isInteger(value)) {
        return fail(problem, 'not-an-integer', `"${raw}" is not a whole number (column ${column.name})`);
      }
      if (column.min !== undefined && value < column.min) {
        const rule = column.unit === 'vehicles' ? 'negative-volume' : 'out-of-range';
        const what = column.unit === 'vehicles' ? 'a volume cannot be negative' : `below the minimum ${column.min}`;
        return fail(problem, rule, `${value} in ${column.name}: ${what}`);
      }
      if (column.max !== undefined && value > column.max) {
        const rule = column.unit === '%' && column.max === 100 ? 'percent-over-100' : 'out-of-range';
        return fail(
          problem,
          rule,
          `${value} in ${column.name} is above the maximum ${column.max}${column.unit === '%' ? ' (a share in percent)' : ''}`,
        );
      }
      // -0 would not survive a JSON round trip (JSON.stringify(-0) is "0").
      return value === 0 ? 0 : value;
    }
    case 'date': {
      const start = isoDateStart(text);
      if (start === null) {
        return fail(problem, 'invalid-date', `"${raw}" is not a valid ISO date (yyyy-mm-dd, yyyy-mm or yyyy) in ${column.name}`);
      }
      if (column.notFuture && start > today) {
        return fail(problem, 'future-date', `${raw} in ${column.name} lies after today (${today})`);
      }
      return text;
    }
    case 'enum': {
      const match = column.values?.find((v) => v.toLowerCase() === text.toLowerCase());
      if (!match) {
        return fail(problem, 'not-in-list', `"${raw}" is not one of ${column.values?.join(', ')} (column ${column.name})`);
      }
      return match;
    }
    default:
      return text;
  }
}
