import { describe, expect, it } from 'vitest';
import { formatValue } from './format';

describe('formatValue', () => {
  it('shows fractions as percentages and keeps a "per" or "of" suffix', () => {
    expect(formatValue(0.853, 'fraction of new-car sales')).toBe('85.3 % of new-car sales');
    expect(formatValue(0.08, 'fraction per year')).toBe('8.0 % per year');
    expect(formatValue(0.5, 'fraction')).toBe('50.0 %');
  });
  it('shows money in M / bn USD and rounds vehicle counts', () => {
    expect(formatValue(13_300_000, 'vehicles')).toBe('13.30 M vehicles');
    expect(formatValue(211_000.4, 'vehicles')).toBe('211,000 vehicles');
    expect(formatValue(2.5e9, 'USD')).toBe('2.5 bn USD');
    expect(formatValue(187_749_064.659, 'USD')).toBe('187.7 M USD');
    expect(formatValue(680, 'USD m per year')).toBe('680.0 M USD per year');
    expect(formatValue(4672, 'USD m')).toBe('4.7 bn USD');
  });
  it('prints years as whole numbers and a value the model does not have as blank, never NaN', () => {
    expect(formatValue(2030, 'year')).toBe('2030');
    expect(formatValue(Number.NaN, 'USD')).toBe('');
    expect(formatValue(Number.POSITIVE_INFINITY, 'fraction')).toBe('');
  });
});
