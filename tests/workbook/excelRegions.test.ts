import { describe, expect, it } from 'vitest';
import { formatRange, parseRange, type RangeRef } from '../../src/workbook/address';
import { contains, splitAroundTables, subtract, withoutCovered } from '../../src/workbook/excel/excelRegions';

const r = (a: string) => parseRange(a)!;
const names = (xs: RangeRef[]) => xs.map((x) => formatRange(x)).sort();

describe('excelRegions', () => {
  it('subtracts holes into disjoint bands that cover exactly the rest', () => {
    const pieces = subtract(r('A1:E10'), [r('B3:C5'), r('E9:E12')]);
    expect(names(pieces)).toEqual(['A1:E2', 'A3:A5', 'A6:E8', 'A9:D10', 'D3:E5']);
    let cells = 0;
    for (const p of pieces) cells += (p.bottom - p.top + 1) * (p.right - p.left + 1);
    expect(cells).toBe(50 - 6 - 2);
    for (const [i, p] of pieces.entries())
      for (const q of pieces.slice(i + 1)) expect(p.bottom < q.top || q.bottom < p.top || p.right < q.left || q.right < p.left).toBe(true);
    expect(subtract(r('A1:B2'), [r('A1:B2')])).toEqual([]);
    expect(subtract(r('A1:B2'), [r('D4:E5')])).toEqual([r('A1:B2')]);
  });

  it('cuts a region holding a whole table at the table header row, so no copy pastes a table', () => {
    const tables = [r('B3:D8'), r('F20:G22')];
    const pieces = splitAroundTables([r('A1:H30')], tables);
    expect(names(pieces)).toEqual(['A1:H2', 'A20:H20', 'A21:H30', 'A3:H3', 'A4:H19']);
    for (const p of pieces) for (const t of tables) expect(contains(p, t)).toBe(false);
    expect(splitAroundTables([r('C4:D6')], tables)).toEqual([r('C4:D6')]); // part of a table stays whole
  });

  it('drops regions another one covers', () => {
    expect(withoutCovered([r('A1:C3'), r('B2'), r('A1:C3'), r('E1')])).toEqual([r('A1:C3'), r('E1')]);
  });
});
