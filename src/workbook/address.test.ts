import { describe, expect, it } from 'vitest';
import {
  blockExtent,
  columnIndexToLetters,
  excelNameProblem,
  formatRange,
  isCellLikeName,
  lettersToColumnIndex,
  nameToOutputId,
  outputIdToName,
  parseCell,
  parseRange,
  rangesOverlap,
  sanitizeSheetName,
  sanitizeTableName,
  sheetAddress,
  sheetNameProblem,
} from './address';

describe('A1 helpers', () => {
  it('converts column letters both ways up to XFD', () => {
    expect([0, 25, 26, 701, 702, 16383].map(columnIndexToLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA', 'XFD']);
    expect(['A', 'z', 'AA', 'XFD', 'XFE', 'A1'].map(lettersToColumnIndex)).toEqual([0, 25, 26, 16383, null, null]);
    expect(() => columnIndexToLetters(16384)).toThrow(/outside/);
  });
  it('parses and formats cells and ranges', () => {
    expect(parseCell('$B$5')).toEqual({ row: 4, col: 1 });
    expect(parseCell('A0')).toBeNull();
    expect(parseCell('A1048577')).toBeNull();
    expect(parseRange('D4:B2')).toEqual({ top: 1, left: 1, bottom: 3, right: 3 });
    expect(parseRange('A1:B2:C3')).toBeNull();
    expect(formatRange({ top: 1, left: 1, bottom: 3, right: 3 })).toBe('B2:D4');
    expect(formatRange({ top: 0, left: 0, bottom: 0, right: 0 }, true)).toBe('$A$1');
    expect(sheetAddress("Bob's data", parseRange('B5:AA5')!)).toBe("'Bob''s data'!$B$5:$AA$5");
  });
  it('computes block extents and overlaps', () => {
    expect(blockExtent({ row: 1, col: 1 }, 3, 2)).toEqual({ top: 1, left: 1, bottom: 3, right: 2 });
    expect(blockExtent({ row: 1_048_575, col: 0 }, 2, 1)).toBeNull();
    expect(rangesOverlap(parseRange('A1:B2')!, parseRange('B2:C3')!)).toBe(true);
    expect(rangesOverlap(parseRange('A1:B2')!, parseRange('C1:C9')!)).toBe(false);
  });
});

describe('Excel name rules', () => {
  it('checks and sanitises sheet names', () => {
    expect(sheetNameProblem('NEV share')).toBeNull();
    expect(sheetNameProblem('a/b')).toMatch(/contains one of/);
    expect(sheetNameProblem('x'.repeat(32))).toMatch(/longer than 31/);
    expect(sheetNameProblem("'quoted")).toMatch(/apostrophe/);
    expect(sheetNameProblem('history')).toMatch(/reserved/);
    expect(sanitizeSheetName('Exports [2025]: EU/US?')).toBe('Exports _2025__ EU_US_');
    expect(sanitizeSheetName('A very long sheet name that goes on and on')).toHaveLength(31);
    expect(sanitizeSheetName('///')).toBe('___');
    expect(sanitizeSheetName("''")).toBe('Sheet');
  });
  it('rejects names that look like cells or break the character rules', () => {
    expect(['A1', 'XFD1', 'r1c1', 'R', 'C', 'c12'].every(isCellLikeName)).toBe(true);
    expect(['XFE1', 'RL_x', 'tblA', 'ABCD1'].some(isCellLikeName)).toBe(false);
    expect(excelNameProblem('tblSuppliers')).toBeNull();
    expect(excelNameProblem('1abc')).toMatch(/must start/);
    expect(excelNameProblem('has space')).toMatch(/may only hold/);
    expect(excelNameProblem('B12')).toMatch(/looks like a cell/);
    expect(excelNameProblem('x'.repeat(256))).toMatch(/longer than 255/);
  });
  it('maps output ids to names deterministically and injectively', () => {
    expect(outputIdToName('nev.share.China')).toBe('RL_nev.share.China');
    expect(outputIdToName('exports.units_EU')).toBe('RL_exports.units__EU');
    expect(outputIdToName('a b')).toBe('RL_a_x0020_b');
    expect(outputIdToName('a_x0020_b')).not.toBe(outputIdToName('a b'));
    for (const id of ['nev.share.China', 'a b', 'x_y', 'ü-ß', 'r&d/eu']) {
      expect(excelNameProblem(outputIdToName(id))).toBeNull();
      expect(nameToOutputId(outputIdToName(id))).toBe(id);
    }
    const long = outputIdToName('x'.repeat(400));
    expect(long).toHaveLength(255);
    expect(long).toBe(outputIdToName('x'.repeat(400)));
    expect(long).not.toBe(outputIdToName('x'.repeat(401)));
    expect(sanitizeTableName('Supplier list')).toBe('tblSupplier_list');
  });
});
