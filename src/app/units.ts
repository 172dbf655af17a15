/**
 * Units as people read them: what a cell or a figure shows for a model unit, the Excel number format
 * that shows it, and how a typed value is read back. Pure; shared by the write plans (every sheet the
 * add-in writes), the pane and the chart specs, so a number looks the same everywhere.
 *
 * Model units stay as the model defines them (shares are fractions 0..1, money in USD or USD m); only
 * the display changes: fractions show as %, USD as M / bn, vehicle counts rounded.
 */

export type UnitKind =
  | 'share' // fraction 0..1, shown as %
  | 'percent' // already in percent (e.g. "% of share")
  | 'usd' // USD, shown as M / bn
  | 'usdM' // USD millions
  | 'usdK' // USD thousands
  | 'usdPer' // USD per unit / vehicle
  | 'count' // vehicles, units: rounded, M above a million
  | 'engineers'
  | 'months'
  | 'year'
  | 'plain';

/** Classifies a model unit string ("fraction of new-car sales", "USD m per year", "vehicles"...). */
export function unitKind(unit: string): UnitKind {
  const u = unit.trim().toLowerCase();
  if (/^(fraction|share)\b/.test(u)) return 'share';
  if (u === '%' || u.startsWith('% ')) return 'percent';
  if (u === 'usd') return 'usd';
  if (/^usd m\b/.test(u)) return 'usdM';
  if (/^usd k\b/.test(u)) return 'usdK';
  if (/^usd per\b/.test(u)) return 'usdPer';
  if (u === 'vehicles' || u === 'units') return 'count';
  if (u.startsWith('engineer')) return 'engineers';
  if (u === 'months') return 'months';
  if (u === 'year' || u === 'model year') return 'year';
  return 'plain';
}

/** The words after the number: "fraction per year" -> "% per year", "fraction of value" -> "% of value". */
export function displayUnit(unit: string): string {
  const u = unit.trim();
  switch (unitKind(u)) {
    case 'share':
      return u.replace(/^(fraction|share)/i, '%');
    case 'usdM':
      return u.replace(/^USD m/i, 'USD m');
    default:
      return u;
  }
}

/** M / bn for money: 187.7 M, 1.23 bn; a negative value keeps its sign. */
const USD_FORMAT = '[>=1000000000]#,##0.0,,," bn";[>=1000000]#,##0.0,," M";#,##0';
/** Counts: 15.75 M above a million, whole numbers below. */
const COUNT_FORMAT = '[>=1000000]#,##0.00,," M";#,##0';

/** The Excel number format that shows a unit's values as the pane does. */
export function excelFormat(unit: string): string {
  switch (unitKind(unit)) {
    case 'share':
      return '0.0%';
    case 'percent':
      return '0.0';
    case 'usd':
      return USD_FORMAT;
    case 'usdM':
    case 'usdK':
    case 'usdPer':
    case 'engineers':
      return '#,##0';
    case 'count':
      return COUNT_FORMAT;
    case 'months':
      return '0.0';
    case 'year':
      return '0';
    default:
      return '#,##0.00';
  }
}

// One formatter per number of decimals: building an Intl.NumberFormat per call (what toLocaleString with
// options does) costs tens of microseconds, which a chart with a hundred points pays on every slider event.
const FORMATTERS: Intl.NumberFormat[] = [];

/** A number with thousands separators and exactly `decimals` decimals, e.g. grouped(15749999, 0) = "15,749,999". */
export function grouped(v: number, decimals: number): string {
  const d = Math.max(0, Math.min(20, Math.round(decimals)));
  const f = (FORMATTERS[d] ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }));
  return f.format(v);
}

/** A number without its unit words: "85.0 %", "187.7 M", "1.23 bn", "15.75 M", "32.4". Blank when not finite. */
export function formatNumber(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '';
  const abs = Math.abs(value);
  switch (unitKind(unit)) {
    case 'share':
      return `${grouped(value * 100, 1)} %`;
    case 'percent':
      return `${grouped(value, 1)} %`;
    case 'usd':
      return money(value);
    case 'usdM':
      return money(value * 1e6);
    case 'usdK':
      return money(value * 1e3);
    case 'usdPer':
      return grouped(value, 0);
    case 'count':
      return abs >= 1e6 ? `${grouped(value / 1e6, 2)} M` : grouped(Math.round(value), 0);
    case 'engineers':
      return grouped(Math.round(value), 0);
    case 'months':
      return grouped(value, 1);
    case 'year':
      return String(Math.round(value));
    default:
      return plain(value);
  }
}

function money(usd: number): string {
  const abs = Math.abs(usd);
  if (abs >= 1e9) return `${grouped(usd / 1e9, 1)} bn`;
  if (abs >= 1e6) return `${grouped(usd / 1e6, 1)} M`;
  if (abs >= 1e3) return `${grouped(usd / 1e3, 1)} k`;
  return grouped(usd, 0);
}

function plain(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e4) return grouped(value, 0);
  if (abs >= 100) return grouped(value, 1);
  return grouped(value, abs >= 1 || abs === 0 ? 2 : 3);
}

/** The unit words after a formatted number ("" when the number carries them, e.g. "%"). */
function unitWords(unit: string): string {
  const u = unit.trim();
  switch (unitKind(u)) {
    case 'share':
    case 'percent':
      return u.replace(/^(fraction|share|%)\s*/i, '');
    case 'usd':
      return 'USD';
    case 'usdM':
      return `USD${u.slice(5)}`; // "USD m per year" -> "USD per year" (the M / bn carries the scale)
    case 'usdK':
      return `USD${u.slice(5)}`;
    case 'year':
      return '';
    default:
      return u;
  }
}

/** A value with its unit, as the pane shows it: "85.0 %", "8.0 % per year", "1.23 bn USD", "15.75 M vehicles". */
export function formatValue(value: number, unit: string): string {
  const n = formatNumber(value, unit);
  if (n === '') return '';
  const words = unitWords(unit);
  return words ? `${n} ${words}` : n;
}

/** The scale of a money unit in USD (USD m -> 1e6); 1 for other units. */
function moneyScale(kind: UnitKind): number {
  return kind === 'usdM' ? 1e6 : kind === 'usdK' ? 1e3 : 1;
}

export type ParsedEntry = { ok: true; value: number } | { ok: false; message: string };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Reads a typed value in the unit of a parameter or output: "60", "60%", "60 %" and "0.6" are all 60 %
 * for a share (a number of 1 or more is read as percent, below 1 as a fraction, unless only the other
 * reading lies in the range); "1,234" and "1.2 bn" for money; a value outside [min, max] is refused with
 * the range in the same units.
 */
export function parseEntry(text: string, meta: { unit: string; min?: number; max?: number; label?: string }): ParsedEntry {
  const kind = unitKind(meta.unit);
  let t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { ok: false, message: 'Type a number.' };
  const percentSign = /%$/.test(t);
  if (percentSign) t = t.slice(0, -1).trim();
  // A unit word typed after the number is ignored when it is this unit's ("85 % of new-car sales").
  let suffixScale = 1;
  const suffix = /^(.*?\d)\s*(k|m|mn|bn|b)\b\.?\s*(usd)?$/i.exec(t);
  if (suffix && (kind === 'usd' || kind === 'usdM' || kind === 'usdK' || kind === 'count' || kind === 'usdPer' || kind === 'plain')) {
    t = suffix[1];
    const s = suffix[2].toLowerCase();
    suffixScale = s === 'k' ? 1e3 : s === 'm' || s === 'mn' ? 1e6 : 1e9;
  }
  const plainText = t.replace(/,(?=\d{3}(\D|$))/g, '').replace(/\s+/g, '');
  if (!NUMBER.test(plainText)) return { ok: false, message: `"${text.trim()}" is not a number.` };
  const n = Number(plainText);
  const inRange = (v: number) => (meta.min === undefined || v >= meta.min - 1e-12) && (meta.max === undefined || v <= meta.max + 1e-12);
  // Shares and percents carry their unit in the number ("60.0 %"); other units say it once, at the end.
  const bare = kind === 'share' || kind === 'percent';
  const num = (v: number) => (bare ? formatNumber(v, meta.unit) : formatNumber(v, meta.unit) || String(v));
  const words = bare ? '' : unitWords(meta.unit);
  const rangeText = () =>
    meta.min !== undefined && meta.max !== undefined ? ` ${num(meta.min)} to ${num(meta.max)}${words ? ` ${words}` : ''}` : '';
  const refuse = (v: number): ParsedEntry => ({
    ok: false,
    message: `${num(v)}${words && !rangeText() ? ` ${words}` : ''} is outside the range${rangeText()}.`,
  });
  if (kind === 'share') {
    if (percentSign || suffixScale !== 1) return inRange(n / 100) ? { ok: true, value: n / 100 } : refuse(n / 100);
    const readings = Math.abs(n) < 1 ? [n, n / 100] : [n / 100, n];
    const hit = readings.find(inRange);
    return hit === undefined ? refuse(readings[0]) : { ok: true, value: hit };
  }
  if (percentSign && kind !== 'percent') {
    // "5%" for a plain number: read as 0.05 (a rate typed as percent).
    const v = n / 100;
    return inRange(v) ? { ok: true, value: v } : refuse(v);
  }
  const scaled = suffixScale === 1 ? n : (n * suffixScale) / moneyScale(kind);
  return inRange(scaled) ? { ok: true, value: scaled } : refuse(scaled);
}

/** What a screen reader hears for a slider or a figure: the value with its unit words ("85.0 % of new-car sales"). */
export function ariaValueText(value: number, unit: string): string {
  return formatValue(value, unit) || 'no value';
}

/** "1 change", "2 changes". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${grouped(n, Number.isInteger(n) ? 0 : 2)} ${n === 1 ? one : many}`;
}
