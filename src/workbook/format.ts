/**
 * A small number formatter for the in-browser sheet preview. Covers the formats the planner uses
 * ("0", "0.0", "0.0%", "#,##0", "#,##0.00", "yyyy-mm-dd", "@", "General"), thousands scaling by
 * trailing commas with a quoted suffix ('#,##0.0,," M'), and up to three ';' sections with
 * conditions ('[>=1000000]#,##0.0,," M";#,##0'); any other format falls back to General so the
 * preview never throws.
 */
import type { CellValue } from './plan';

/** Excel's day 0 for serials >= 61 (the 1900 leap-year bug makes 1899-12-30 the working epoch). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

function withThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** General: integers as is, others with up to 10 decimals trimmed (Excel shows ~11 significant digits). */
function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  if (n !== 0 && (Math.abs(n) >= 1e11 || Math.abs(n) < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace('E+', 'E+');
  return String(Number(n.toPrecision(10)));
}

function formatSerialDate(serial: number, pattern: string): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.round(serial * MS_PER_DAY));
  const pad = (v: number) => String(v).padStart(2, '0');
  return pattern
    .replace(/yyyy/g, String(d.getUTCFullYear()))
    .replace(/mm/g, pad(d.getUTCMonth() + 1))
    .replace(/dd/g, pad(d.getUTCDate()));
}

/** One number pattern: digits, decimals, thousands scaling, percent, quoted literals around it. */
const NUMBER_PATTERN = /^((?:"[^"]*"|[\s()$+-])*)(#,##)?0(?:\.(0+))?(,*)(%)?((?:"[^"]*"|[\s()$+-])*)$/;
const CONDITION = /^\[(<=|>=|<>|<|>|=)(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\]/;

const literal = (text: string) => text.replace(/"([^"]*)"/g, '$1');

function formatPattern(value: number, pattern: string, signed: boolean): string | null {
  const m = NUMBER_PATTERN.exec(pattern);
  if (!m) return null;
  const decimals = m[3]?.length ?? 0;
  let scaled = m[5] ? value * 100 : value;
  scaled /= 1000 ** m[4].length;
  const fixed = Math.abs(scaled).toFixed(decimals);
  const [intPart, frac] = fixed.split('.');
  const body = (m[2] ? withThousands(intPart) : intPart) + (frac ? `.${frac}` : '');
  const negative = signed && scaled < 0 && Number(fixed) !== 0;
  return `${literal(m[1])}${negative ? '-' : ''}${body}${m[5] ? '%' : ''}${literal(m[6])}`;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of fmt) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function meets(value: number, op: string, limit: number): boolean {
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '=':
      return value === limit;
    default:
      return value !== limit;
  }
}

/** Picks the section Excel would use: the first whose condition holds, else positive;negative;zero. */
function formatSections(value: number, fmt: string): string | null {
  const sections = splitSections(fmt);
  if (sections.length > 4) return null;
  const conditional = sections.some((s) => CONDITION.test(s));
  if (conditional) {
    const plain: string[] = [];
    for (const section of sections) {
      const c = CONDITION.exec(section);
      if (!c) {
        plain.push(section);
        continue;
      }
      if (meets(value, c[1], Number(c[2]))) return formatPattern(value, section.slice(c[0].length), true);
    }
    return plain.length > 0 ? formatPattern(value, plain[0], true) : null;
  }
  if (sections.length === 1) return formatPattern(value, sections[0], true);
  if (value < 0) return formatPattern(Math.abs(value), sections[1], false);
  if (value === 0 && sections.length >= 3) return formatPattern(value, sections[2], false) ?? literal(sections[2]);
  return formatPattern(value, sections[0], true);
}

/** The text a cell shows for `value` under `numberFormat`. */
export function formatCellDisplay(value: CellValue, numberFormat = 'General'): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const fmt = numberFormat.trim();
  if (fmt === '@') return String(value);
  if (/^y{2,4}-m{2}-d{2}$/i.test(fmt)) return formatSerialDate(value, fmt.toLowerCase());
  return formatSections(value, fmt) ?? formatGeneral(value);
}
