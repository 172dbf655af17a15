import { describe, expect, it } from 'vitest';
import { jsonStringBytes, jsonValueBytes } from './chunk';
import { formatCellDisplay } from './format';
import { evaluateTrivialFormula } from './memory/formula';

describe('formatCellDisplay', () => {
  it('formats the planner formats', () => {
    expect(formatCellDisplay(1234.5, '0')).toBe('1235');
    expect(formatCellDisplay(1234.56, '0.0')).toBe('1234.6');
    expect(formatCellDisplay(0.1234, '0.0%')).toBe('12.3%');
    expect(formatCellDisplay(-1234567.4, '#,##0')).toBe('-1,234,567');
    expect(formatCellDisplay(1234567.891, '#,##0.00')).toBe('1,234,567.89');
    expect(formatCellDisplay(-0.01, '0.0')).toBe('0.0');
    expect(formatCellDisplay(45658, 'yyyy-mm-dd')).toBe('2025-01-01');
    expect(formatCellDisplay(42, '@')).toBe('42');
    expect(formatCellDisplay(0.1 + 0.2, 'General')).toBe('0.3');
    expect(formatCellDisplay(1e12, 'General')).toBe('1E+12');
    expect(formatCellDisplay(true, '0')).toBe('TRUE');
    expect(formatCellDisplay(null, '0')).toBe('');
    expect(formatCellDisplay('=1+1', '0.0')).toBe('=1+1');
    expect(formatCellDisplay(3.5, '[Red]0.00')).toBe('3.5'); // unknown format falls back to General
  });

  it('scales by trailing commas, keeps quoted suffixes and picks conditional sections', () => {
    const usd = '[>=1000000000]#,##0.00,,," bn";[>=1000000]#,##0.0,," M";#,##0'; // two decimals in bn here
    expect(formatCellDisplay(187_749_064.659, usd)).toBe('187.7 M');
    expect(formatCellDisplay(2.5e9, usd)).toBe('2.50 bn');
    expect(formatCellDisplay(950, usd)).toBe('950');
    expect(formatCellDisplay(1_234_567, '#,##0,"k"')).toBe('1,235k');
    expect(formatCellDisplay(-5, '0.0;(0.0)')).toBe('(5.0)');
    expect(formatCellDisplay(0, '0.0;(0.0);"-"')).toBe('-');
  });
});

describe('request size estimates', () => {
  it('counts JSON bytes like JSON.stringify + UTF-8', () => {
    for (const s of ['plain', 'quote " and \\ slash', 'tab\there', 'Zürich', '中国']) {
      expect(jsonStringBytes(s)).toBe(new TextEncoder().encode(JSON.stringify(s)).length);
    }
    expect(jsonValueBytes(12.5)).toBe(5);
    expect(jsonValueBytes(null)).toBe(5);
  });
});

describe('evaluateTrivialFormula', () => {
  const grid: Record<string, number | string | null> = { '0,0': 2, '1,0': 4, '2,0': 'x', '0,1': 10 };
  const read = (r: number, c: number) => grid[`${r},${c}`] ?? null;
  it('computes arithmetic, precedence and aggregates', () => {
    expect(evaluateTrivialFormula('=1+2*3', read)).toBe(7);
    expect(evaluateTrivialFormula('=(1+2)*3', read)).toBe(9);
    expect(evaluateTrivialFormula('=-A1+B1', read)).toBe(8);
    expect(evaluateTrivialFormula('=SUM(A1:A3,B1)', read)).toBe(16);
    expect(evaluateTrivialFormula('=AVERAGE(A1:A3)', read)).toBe(3);
    expect(evaluateTrivialFormula('=MAX(A1:B3)-MIN(A1:B3)', read)).toBe(8);
    expect(evaluateTrivialFormula('=COUNT(A1:A5)', read)).toBe(2);
    expect(evaluateTrivialFormula('=A4+1', read)).toBe(1); // blank is 0
  });
  it('returns null for anything non-trivial', () => {
    for (const f of ['=A3+1', '=B1/0', '=VLOOKUP(1,A1:A2,1)', "='Other'!A1", '=1+', '=1 2', 'A1', '="text"']) {
      expect(evaluateTrivialFormula(f, read), f).toBeNull();
    }
  });
});
