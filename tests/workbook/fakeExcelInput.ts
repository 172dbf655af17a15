/**
 * What Excel makes of a string written through Range.values / Range.formulas into a cell whose number
 * format is not "@" (Text): the same parser as typing into the cell. The subset modelled here is the one
 * the issue listed: formulas (= + - @), a leading apostrophe, error literals, TRUE/FALSE, numbers with
 * thousands separators, exponents, percent and currency, fractions ("1 1/2"), dates ("2024-01-02",
 * "1/2", "Jan 2024", "Jun 30, 2025", "30-Jun-2025"), times ("12:30", "12:30:45.5", "1:30 PM") and the
 * locale's decimal and thousands separators ("1.234,5" is 1234.5 in de-DE, text in en-US).
 * A date or time becomes its serial number and, like Excel, gets a date/time number format.
 */
export type FakeLocale = 'en-US' | 'de-DE';

export interface ParsedInput {
  value?: string | number | boolean;
  formula?: string;
  /** Error literal such as "#N/A" (Excel stores an error value, not text). */
  error?: string;
  /** Format Excel applies when it recognises a date, time, percent, currency or fraction. */
  numberFormat?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ERRORS = ['#N/A', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];
const EPOCH = Date.UTC(1899, 11, 30);

function serial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return null;
  return (t - EPOCH) / 86_400_000;
}

function month(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i >= 0 && (word.length === 3 || MONTHS[i] === word.slice(0, 3).toLowerCase()) ? i + 1 : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

function parseNumber(t: string, locale: FakeLocale): number | null {
  const [group, decimal] = locale === 'de-DE' ? ['.', ','] : [',', '.'];
  const g = group === '.' ? '\\.' : group;
  const d = decimal === '.' ? '\\.' : decimal;
  const re = new RegExp(`^[+-]?(\\d+|\\d{1,3}(${g}\\d{3})+)?(${d}\\d*)?([eE][+-]?\\d+)?$`);
  if (!re.test(t) || !/\d/.test(t)) return null;
  return Number(t.split(group).join('').replace(decimal, '.'));
}

function parseDate(t: string, locale: FakeLocale, year: number): ParsedInput | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return wrapDate(serial(+m[1], +m[2], +m[3]), 'yyyy-mm-dd');
  m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/.exec(t);
  if (m) {
    const [a, b] = locale === 'de-DE' ? [+m[2], +m[1]] : [+m[1], +m[2]];
    return wrapDate(serial(m[3] ? fullYear(m[3]) : year, a, b), 'm/d/yyyy');
  }
  m = /^([A-Za-z]{3,9})[\s-](\d{4})$/.exec(t); // Jan 2024
  if (m && month(m[1])) return wrapDate(serial(+m[2], month(m[1])!, 1), 'mmm-yy');
  m = /^([A-Za-z]{3,9})\s(\d{1,2}),?\s(\d{4})$/.exec(t); // Jun 30, 2025
  if (m && month(m[1])) return wrapDate(serial(+m[3], month(m[1])!, +m[2]), 'd-mmm-yy');
  m = /^(\d{1,2})[\s-]([A-Za-z]{3,9})(?:[\s-](\d{2,4}))?$/.exec(t); // 30-Jun-2025, 30 Jun
  if (m && month(m[2])) return wrapDate(serial(m[3] ? fullYear(m[3]) : year, month(m[2])!, +m[1]), 'd-mmm-yy');
  m = /^([A-Za-z]{3,9})[\s-](\d{1,2})$/.exec(t); // Jan-24: the 24th of January this year
  if (m && month(m[1])) return wrapDate(serial(year, month(m[1])!, +m[2]), 'd-mmm');
  return null;
}

function wrapDate(value: number | null, numberFormat: string): ParsedInput | null {
  return value === null ? null : { value, numberFormat };
}

function parseTime(t: string): ParsedInput | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:[.,]\d+)?))?\s*([ap]m)?$/i.exec(t);
  if (!m) return null;
  let h = +m[1];
  if (m[4]) h = (h % 12) + (m[4].toLowerCase() === 'pm' ? 12 : 0);
  const s = m[3] ? Number(m[3].replace(',', '.')) : 0;
  if (h > 23 || +m[2] > 59 || s >= 60) return null;
  return { value: (h * 3600 + +m[2] * 60 + s) / 86_400, numberFormat: m[3] ? 'h:mm:ss' : 'h:mm' };
}

/** Excel's reading of `text` typed into a General cell. */
export function parseTypedInput(text: string, locale: FakeLocale = 'en-US', year = 2026): ParsedInput {
  if (text.startsWith("'")) return { value: text.slice(1) }; // the apostrophe only marks text
  if (text.startsWith('=')) return { formula: text };
  if (text.startsWith('@')) return { formula: `=${text}` };
  const t = text.trim();
  if (ERRORS.includes(t.toUpperCase())) return { error: t.toUpperCase() };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  const n = parseNumber(t, locale);
  if (n !== null) return { value: n };
  if (/^[+-]/.test(t)) return { formula: `=${t}` }; // "+SUM(..)", "-2-3": Excel starts a formula
  const pct = /^(.*\d)\s*%$/.exec(t);
  if (pct) {
    const p = parseNumber(pct[1], locale);
    if (p !== null) return { value: p / 100, numberFormat: /[.,]\d/.test(pct[1]) ? '0.00%' : '0%' };
  }
  const cur = locale === 'de-DE' ? /^(.*\d)\s*€$/.exec(t) : /^\$\s?(.*\d)$/.exec(t);
  if (cur) {
    const c = parseNumber(cur[1], locale);
    if (c !== null) return { value: c, numberFormat: locale === 'de-DE' ? '#,##0.00 €' : '"$"#,##0.00' };
  }
  const neg = /^\((.*\d)\)$/.exec(t);
  if (neg && parseNumber(neg[1], locale) !== null) return { value: -parseNumber(neg[1], locale)! };
  const frac = /^(\d+)\s+(\d+)\/(\d+)$/.exec(t);
  if (frac && +frac[3] !== 0 && +frac[2] < +frac[3]) return { value: +frac[1] + +frac[2] / +frac[3], numberFormat: '# ?/?' };
  const date = parseDate(t, locale, year);
  if (date) return date;
  const time = parseTime(t);
  if (time) return time;
  const dateTime = /^(\S+)\s+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(t);
  if (dateTime) {
    const d = parseDate(dateTime[1], locale, year);
    const h = parseTime(dateTime[2]);
    if (d && h) return { value: (d.value as number) + (h.value as number), numberFormat: 'm/d/yyyy h:mm' };
  }
  return { value: text };
}
