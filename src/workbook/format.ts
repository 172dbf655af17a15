/**
 * A small number formatter for the in-browser sheet preview. Covers the formats the planner uses
 * ("0", "0.0", "0.0%", "#,##0", "#,##0.00", "yyyy-mm-dd", "@", "General"); any other format falls
 * back to General so the preview never throws.
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
  if (n !== 0 && (Math.abs(n) >= 1e11 || Math.abs(n) < 1e-9)) return n.toExponential(5).replace(/\.?0+e/, 'E').replace('E+', 'E+');
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

/** The text a cell shows for `value` under `numberFormat`. */
export function formatCellDisplay(value: CellValue, numberFormat = 'General'): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  const fmt = numberFormat.trim();
  if (fmt === '@') return String(value);
  if (/^y{2,4}-m{2}-d{2}$/i.test(fmt)) return formatSerialDate(value, fmt.toLowerCase());
  const m = /^(#,##)?0(\.(0+))?(%)?$/.exec(fmt);
  if (!m) return formatGeneral(value);
  const decimals = m[3]?.length ?? 0;
  const scaled = m[4] ? value * 100 : value;
  const fixed = Math.abs(scaled).toFixed(decimals);
  const [intPart, frac] = fixed.split('.');
  const body = (m[1] ? withThousands(intPart) : intPart) + (frac ? `.${frac}` : '');
  const negative = scaled < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${body}${m[4] ? '%' : ''}`;
}
