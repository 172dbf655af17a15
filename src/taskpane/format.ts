/** Formats a model value for the pane, by unit. Pure; tested. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const u = unit.trim();
  if (/^(fraction|share)\b/i.test(u)) {
    // "fraction per year" -> "8.0 % per year"; "fraction of new-car sales" -> "85.0 %"
    const per = /\bper\b.*$/i.exec(u)?.[0];
    return `${(value * 100).toFixed(1)} %${per ? ` ${per}` : ''}`;
  }
  if (u === '%' || u.startsWith('% ')) return `${value.toFixed(1)} ${u}`;
  const abs = Math.abs(value);
  const fmt = (v: number, d: number) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  let text: string;
  if (u === 'year' || u === 'model year') return String(Math.round(value));
  if (abs >= 1e9) text = `${fmt(value / 1e9, 2)} bn`;
  else if (abs >= 1e6) text = `${fmt(value / 1e6, 2)} M`;
  else if (abs >= 1e4) text = fmt(value, 0);
  else if (abs >= 100) text = fmt(value, 1);
  else text = fmt(value, abs >= 1 || abs === 0 ? 2 : 3);
  return u ? `${text} ${u}` : text;
}
