/** Formats a model value for the pane, by unit. Pure; tested. */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '–';
  const u = unit.toLowerCase();
  if (u === 'share' || u === 'fraction' || u === 'share (0-1)') return `${(value * 100).toFixed(1)} %`;
  if (u === '%' || u.startsWith('% ')) return `${value.toFixed(1)} %`;
  const abs = Math.abs(value);
  const fmt = (v: number, d: number) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  let text: string;
  if (abs >= 1e9) text = `${fmt(value / 1e9, 2)} bn`;
  else if (abs >= 1e6) text = `${fmt(value / 1e6, 2)} M`;
  else if (abs >= 1e4) text = fmt(value, 0);
  else if (abs >= 100) text = fmt(value, 1);
  else text = fmt(value, abs >= 1 ? 2 : 3);
  return unit && u !== 'share' ? `${text} ${unit}` : text;
}
