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

/** A number pattern taken apart once (the preview formats every cell of a sheet on each change, with few formats). */
interface NumberPattern {
  prefix: string;
  thousands: boolean;
  decimals: number;
  /** Powers of 1,000 the value is divided by (one per trailing comma). */
  scale: number;
  percent: boolean;
  suffix: string;
}

/** Parsed patterns and section lists by format text; cleared when it grows past CACHE_LIMIT (formats are few). */
const CACHE_LIMIT = 512;
const patternCache = new Map<string, NumberPattern | null>();
const sectionCache = new Map<string, Section[] | null>();
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function numberPattern(pattern: string): NumberPattern | null {
  const known = patternCache.get(pattern);
  if (known !== undefined) return known;
  const m = NUMBER_PATTERN.exec(pattern);
  return remember(
    patternCache,
    pattern,
    m && {
      prefix: literal(m[1]),
      thousands: Boolean(m[2]),
      decimals: m[3]?.length ?? 0,
      scale: m[4].length,
      percent: Boolean(m[5]),
      suffix: literal(m[6]),
    },
  );
}

function formatPattern(value: number, pattern: string, signed: boolean): string | null {
  const p = numberPattern(pattern);
  if (!p) return null;
  let scaled = p.percent ? value * 100 : value;
  scaled /= 1000 ** p.scale;
  const fixed = Math.abs(scaled).toFixed(p.decimals);
  const [intPart, frac] = fixed.split('.');
  const body = (p.thousands ? withThousands(intPart) : intPart) + (frac ? `.${frac}` : '');
  const negative = signed && scaled < 0 && Number(fixed) !== 0;
  return `${p.prefix}${negative ? '-' : ''}${body}${p.percent ? '%' : ''}${p.suffix}`;
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

/** One ';' section of a format: its condition ('[>=1000000]'), if any, and its number pattern. */
interface Section {
  condition: { op: string; limit: number } | null;
  pattern: string;
}

/** The sections of a format, parsed once; null when there are more than four (not a format Excel accepts). */
function sectionsOf(fmt: string): Section[] | null {
  const known = sectionCache.get(fmt);
  if (known !== undefined) return known;
  const parts = splitSections(fmt);
  return remember(
    sectionCache,
    fmt,
    parts.length > 4
      ? null
      : parts.map((part) => {
          const c = CONDITION.exec(part);
          return c
            ? { condition: { op: c[1], limit: Number(c[2]) }, pattern: part.slice(c[0].length) }
            : { condition: null, pattern: part };
        }),
  );
}

/** Picks the section Excel would use: the first whose condition holds, else positive;negative;zero. */
function formatSections(value: number, fmt: string): string | null {
  const sections = sectionsOf(fmt);
  if (!sections) return null;
  if (sections.some((s) => s.condition)) {
    let plain: string | null = null;
    for (const { condition, pattern } of sections) {
      if (!condition) plain ??= pattern;
      else if (meets(value, condition.op, condition.limit)) return formatPattern(value, pattern, true);
    }
    return plain !== null ? formatPattern(value, plain, true) : null;
  }
  if (sections.length === 1) return formatPattern(value, sections[0].pattern, true);
  if (value < 0) return formatPattern(Math.abs(value), sections[1].pattern, false);
  if (value === 0 && sections.length >= 3) return formatPattern(value, sections[2].pattern, false) ?? literal(sections[2].pattern);
  return formatPattern(value, sections[0].pattern, true);
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
