import { describe, expect, it } from 'vitest';
import { isFormulaLike, isSafeHyperlink } from './escape';
import type { WritePlan } from './plan';
import { assertValidPlan, PlanValidationError, validatePlan } from './validate';

const ok: WritePlan = {
  sheets: [{ name: 'NEV', clear: true }],
  blocks: [
    {
      sheet: 'NEV',
      address: 'A1',
      values: [
        ['Region', 'Share'],
        ['China', 0.5],
      ],
      table: { name: 'tblNev' },
      names: [{ name: 'RL_nev.share', address: 'B2' }],
    },
  ],
  metadata: [{ key: 'k', value: 'v' }],
  activate: 'NEV',
};

describe('validatePlan', () => {
  it('accepts a good plan', () => {
    expect(validatePlan(ok)).toEqual([]);
    expect(() => assertValidPlan(ok)).not.toThrow();
  });
  it('lists every problem with where it is', () => {
    const bad: WritePlan = {
      sheets: [
        { name: 'Bad:Name', clear: false },
        { name: 'nev', clear: false },
        { name: 'NEV', clear: false, freeze: { rows: -1, columns: 0 } },
      ],
      blocks: [
        {
          sheet: 'NEV',
          address: 'A1',
          values: [
            ['Region', 'region'],
            [1, Infinity],
          ],
          table: { name: 'tblNev' },
        },
        {
          sheet: 'NEV',
          address: 'B2',
          values: [[1]],
          names: [
            { name: 'tblNev', address: 'B2' },
            { name: 'A1', address: 'zz' },
          ],
        },
        { sheet: 'Other', address: '1A', values: [[1]] },
        { sheet: 'Other', address: 'C3', values: [[1, 2], [3]] },
        { sheet: 'Other', address: 'XFD1', values: [[1, 2]] },
        { sheet: '_rlab_meta', address: 'A1', values: [[{ formula: 'SUM(A1)' }]] },
      ],
      metadata: [
        { key: 'k', value: 'a' },
        { key: 'k', value: 'b' },
      ],
      activate: 'Nowhere',
    };
    const messages = validatePlan(bad).map((p) => `${p.where}: ${p.message}`);
    const expected = [
      /sheets\[0\] "Bad:Name": sheet name "Bad:Name" contains/,
      /sheets\[2\] "NEV": sheet "NEV" is listed twice/,
      /freeze rows\/columns/,
      /duplicate header "region"/,
      /NEV!B2: number Infinity is not finite/,
      /block 2 \(NEV!B2\): overlaps block 1 \(NEV!A1\)/,
      /named range "tblNev" duplicates a name already used at block 1/,
      /named range name "A1" looks like a cell/,
      /named range address "zz" is not an A1 range/,
      /block 3 \(Other!1A\): address "1A" is not a single A1 cell/,
      /block 4 \(Other!C3\): ragged rows: row 2 has 1 cells, row 1 has 2/,
      /block 5 \(Other!XFD1\): block of 1x2 at XFD1 runs past the sheet edge/,
      /sheet "_rlab_meta" is reserved/,
      /_rlab_meta!A1: formula "SUM\(A1\)" must be text starting with "="/,
      /metadata\[1\] "k": metadata key "k" is set twice/,
      /activate: sheet "Nowhere"/,
    ];
    for (const re of expected)
      expect(
        messages.some((m) => re.test(m)),
        re.source,
      ).toBe(true);
    expect(() => assertValidPlan(bad)).toThrow(PlanValidationError);
    expect(() => assertValidPlan(bad)).toThrow(/nothing was written.*\(\+\d+ more\)/);
  });
  it('rejects a plan without arrays', () => {
    expect(validatePlan({} as WritePlan)).toEqual([{ where: 'plan', message: 'plan must have "sheets" and "blocks" arrays' }]);
  });
});

describe('escaping rules', () => {
  it('flags formula triggers per OWASP CSV injection guidance', () => {
    expect(['=1+1', '+1', '-x', '@SUM(A1)', '\t=1', '\r=1'].every(isFormulaLike)).toBe(true);
    expect(['China', ' =1', 'a=b', ''].some(isFormulaLike)).toBe(false);
  });
  it('links only http(s) and mailto', () => {
    expect(isSafeHyperlink('https://www.iea.org/reports/global-ev-outlook-2025')).toBe(true);
    expect(isSafeHyperlink('mailto:a@b.org')).toBe(true);
    expect(isSafeHyperlink('javascript:alert(1)')).toBe(false);
    expect(isSafeHyperlink('file:///etc/passwd')).toBe(false);
  });
});
