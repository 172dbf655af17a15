/** Plain-text formatting of model values for the terminal, by the output's display format. */
import type { OutputFormat } from '../model/outputs';

/**
 * A value in its unit: shares in %, vehicles and units in millions, USD in bn, months with one decimal.
 * @example formatValue(0.531, 'percent') // "53.1 %"
 */
export function formatValue(value: number, format: OutputFormat | undefined, unit = ''): string {
  if (!Number.isFinite(value)) return '-';
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'vehicles':
    case 'units':
    case 'engineers':
      return Math.abs(value) >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : Math.round(value).toLocaleString('en-US');
    case 'usd':
      return Math.abs(value) >= 1e9 ? `${(value / 1e9).toFixed(2)} bn USD` : `${(value / 1e6).toFixed(1)} M USD`;
    case 'usdM':
      return `${value.toFixed(0)} M USD`;
    case 'usdPerUnit':
      return `${value.toFixed(0)} USD`;
    case 'months':
      return `${value.toFixed(1)} months`;
    default:
      return `${Number(value.toPrecision(6))}${unit ? ` ${unit}` : ''}`;
  }
}
