import { describe, expect, it } from 'vitest';
import { formatCellDisplay } from '../workbook/format';
import { ariaValueText, displayUnit, excelFormat, formatNumber, parseEntry, plural } from './units';

describe('parseEntry', () => {
  const ceiling = { unit: 'fraction of new-car sales', min: 0.05, max: 1 };
  const growth = { unit: 'fraction per year', min: -0.05, max: 0.08 };
  it('reads 60, 60% and 0.6 as 60 % for a share', () => {
    for (const t of ['60', '60%', '60 %', '0.6', ' 0.60 '])
      expect(parseEntry(t, ceiling)).toEqual({ ok: true, value: expect.closeTo(0.6, 12) });
    expect(parseEntry('1', ceiling)).toEqual({ ok: true, value: 1 });
  });
  it('reads a small rate as percent when only that reading is in range', () => {
    expect(parseEntry('2', growth)).toEqual({ ok: true, value: expect.closeTo(0.02, 12) });
    expect(parseEntry('-1.5%', growth)).toEqual({ ok: true, value: expect.closeTo(-0.015, 12) });
    expect(parseEntry('0.02', growth)).toEqual({ ok: true, value: expect.closeTo(0.02, 12) });
  });
  it('refuses a value outside the range, naming the range in the same units', () => {
    const r = parseEntry('120%', ceiling);
    expect(r).toEqual({ ok: false, message: '120.0 % is outside the range 5.0 % to 100.0 %.' });
    expect(parseEntry('20', { unit: 'USD m per year', min: 10, max: 10000 })).toEqual({ ok: true, value: 20 });
    expect(parseEntry('5', { unit: 'USD m per year', min: 10, max: 10000 })).toEqual({
      ok: false,
      message: '5.0 M is outside the range 10.0 M to 10.0 bn USD per year.',
    });
    expect(parseEntry('lots', ceiling)).toEqual({ ok: false, message: '"lots" is not a number.' });
  });
  it('reads money with separators and M / bn', () => {
    const budget = { unit: 'USD m per year', min: 10, max: 10000 };
    expect(parseEntry('1,200', budget)).toEqual({ ok: true, value: 1200 });
    expect(parseEntry('1.2 bn', budget)).toEqual({ ok: true, value: expect.closeTo(1200, 9) });
    expect(parseEntry('680M', budget)).toEqual({ ok: true, value: expect.closeTo(680, 9) });
    expect(parseEntry('19,000', { unit: 'USD per vehicle', min: 5000, max: 80000 })).toEqual({ ok: true, value: 19000 });
  });
});

describe('sheet formats show what the pane shows', () => {
  const cases: [number, string, string][] = [
    [0.8193, 'fraction', '81.9%'],
    [187_749_064.659, 'USD', '187.7 M'],
    [2.5e9, 'USD', '2.5 bn'],
    [15_749_999, 'vehicles', '15.75 M'],
    [211_000, 'vehicles', '211,000'],
    [780.5139238, '', '780.51'],
    [32.41, 'months', '32.4'],
    [4672.4, 'USD m', '4,672'],
  ];
  it.each(cases)('%s %s -> %s', (value, unit, shown) => {
    expect(formatCellDisplay(value, excelFormat(unit))).toBe(shown);
  });
  it('pane numbers agree with the cells up to the space before %', () => {
    expect(formatNumber(0.8193, 'fraction')).toBe('81.9 %');
    expect(formatNumber(187_749_064.659, 'USD')).toBe('187.7 M');
    expect(formatNumber(15_749_999, 'vehicles')).toBe('15.75 M');
  });
});

describe('unit words', () => {
  it('says what the cells show', () => {
    expect(displayUnit('fraction')).toBe('%');
    expect(displayUnit('fraction per year')).toBe('% per year');
    expect(displayUnit('vehicles')).toBe('vehicles');
  });
  it('gives screen readers the unit and plural grammar', () => {
    expect(ariaValueText(0.85, 'fraction of new-car sales')).toBe('85.0 % of new-car sales');
    expect(ariaValueText(Number.NaN, 'USD')).toBe('no value');
    expect(plural(1, 'change')).toBe('1 change');
    expect(plural(2, 'error')).toBe('2 errors');
  });
});
