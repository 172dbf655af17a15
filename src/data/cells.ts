/** Parsing of single cells by column type. Each returns a value or a reason the cell is invalid. */
import type { ColumnSpec } from './types';

export type CellParse = { ok: true; value: string | number | null } | { ok: false; rule: string; message: string };

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA_RE = /^[+-]?\d+,\d+$/;
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

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

/** Validates an ISO date (yyyy, yyyy-mm or yyyy-mm-dd) and returns its first day as yyyy-mm-dd. */
export function isoDateStart(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[3]) return text;
  return `${m[1]}-${m[2] ?? '01'}-01`;
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

/** Parses a trimmed, non-empty cell according to its column. */
export function parseCell(column: ColumnSpec, raw: string, today: string, decimalComma: boolean): CellParse {
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
        if (mismatch) return { ok: false, rule: 'unit-mismatch', message: mismatch };
        return { ok: false, rule: 'not-a-number', message: `"${raw}" is not a number (column ${column.name} holds ${column.unit ?? 'numbers'})` };
      }
      if (column.type !== 'number' && !Number.isInteger(value)) {
        return { ok: false, rule: 'not-an-integer', message: `"${raw}" is not a whole number (column ${column.name})` };
      }
      if (column.min !== undefined && value < column.min) {
        const rule = column.unit === 'vehicles' ? 'negative-volume' : 'out-of-range';
        const what = column.unit === 'vehicles' ? 'a volume cannot be negative' : `below the minimum ${column.min}`;
        return { ok: false, rule, message: `${value} in ${column.name}: ${what}` };
      }
      if (column.max !== undefined && value > column.max) {
        const rule = column.unit === '%' && column.max === 100 ? 'percent-over-100' : 'out-of-range';
        return { ok: false, rule, message: `${value} in ${column.name} is above the maximum ${column.max}${column.unit === '%' ? ' (a share in percent)' : ''}` };
      }
      // -0 would not survive a JSON round trip (JSON.stringify(-0) is "0").
      return { ok: true, value: value === 0 ? 0 : value };
    }
    case 'date': {
      const start = isoDateStart(text);
      if (start === null) {
        return { ok: false, rule: 'invalid-date', message: `"${raw}" is not a valid ISO date (yyyy-mm-dd, yyyy-mm or yyyy) in ${column.name}` };
      }
      if (column.notFuture && start > today) {
        return { ok: false, rule: 'future-date', message: `${raw} in ${column.name} lies after today (${today})` };
      }
      return { ok: true, value: text };
    }
    case 'enum': {
      const match = column.values?.find((v) => v.toLowerCase() === text.toLowerCase());
      if (!match) {
        return { ok: false, rule: 'not-in-list', message: `"${raw}" is not one of ${column.values?.join(', ')} (column ${column.name})` };
      }
      return { ok: true, value: match };
    }
    default:
      return { ok: true, value: text };
  }
}
