import { describe, expect, it } from 'vitest';
import { formatValue } from './format';

describe('formatValue', () => {
  it('shows fractions as percentages and keeps a "per" suffix', () => {
    expect(formatValue(0.853, 'fraction of new-car sales')).toBe('85.3 %');
    expect(formatValue(0.08, 'fraction per year')).toBe('8.0 % per year');
    expect(formatValue(0.5, 'fraction')).toBe('50.0 %');
  });
  it('scales large counts and money', () => {
    expect(formatValue(13_300_000, 'vehicles')).toBe('13.30 M vehicles');
    expect(formatValue(2.5e9, 'USD')).toBe('2.50 bn USD');
    expect(formatValue(680, 'USD m per year')).toBe('680.0 USD m per year');
  });
  it('prints years as whole numbers and non-finite values as a dash', () => {
    expect(formatValue(2030, 'year')).toBe('2030');
    expect(formatValue(Number.NaN, 'USD')).toBe('–');
  });
});
