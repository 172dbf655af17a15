import { describe, expect, it } from 'vitest';
import { compileExpression, didYouMean, editDistance, MAX_EXPRESSION_LENGTH } from './math';
import { assertClose } from '../../tests/helpers/tolerance';

const IDS = ['exports.value.total', 'nev.sales.Europe', 'nev.ceiling.China'];

function run(expr: string, scope: Record<string, number | number[]>) {
  const compiled = compileExpression(expr, IDS);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.evaluate(scope);
}

describe('compileExpression', () => {
  it('combines yearly arrays element-wise and broadcasts scalars', () => {
    const result = run('nev.sales.Europe * nev.ceiling.China + 1', {
      'nev.sales.Europe': [10, 20, 30],
      'nev.ceiling.China': 0.5,
    }) as number[];
    expect(result).toHaveLength(3);
    [6, 11, 16].forEach((v, i) => assertClose(result[i], v));
  });

  it('allows the whitelisted functions and powers', () => {
    assertClose(run('max(nev.sales.Europe, 3) ^ 2 + sqrt(16) - abs(-1) + log(exp(2))', { 'nev.sales.Europe': 2 }) as number, 9 + 4 - 1 + 2);
  });

  it('names unknown ids with a suggestion', () => {
    const compiled = compileExpression('nev.sales.Europa * 2', IDS);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toBe("unknown symbol 'nev.sales.Europa' (did you mean 'nev.sales.Europe'?)");
  });

  it.each([
    ['import({}, {override:true})', /character '\{' is not allowed/],
    ['import(1, 2)', /unknown symbol 'import'/],
    ['constructor', /unknown symbol 'constructor'/],
    ['nev.sales.Europe.constructor', /unknown symbol 'nev.sales.Europe.constructor'/],
    ['__proto__', /unknown symbol '__proto__'/],
    ['[1,2].map(f)', /character '\[' is not allowed/],
    ['f(x) = x + 1', /character '=' is not allowed/],
    ['evaluate("1+1")', /character '"' is not allowed/],
    ['parse(1)', /unknown symbol 'parse'/],
    ['cos(1)', /unknown symbol 'cos'/],
    ['1:3', /character ':' is not allowed/],
    ['1; 2', /character ';' is not allowed/],
    ['x.y(1)', /unknown symbol 'x.y'/],
    ['(1, 2)', /cannot parse|not allowed/],
    ['', /empty/],
  ])('rejects the hostile or invalid expression %s', (expr, message) => {
    const compiled = compileExpression(expr, IDS);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toMatch(message);
  });

  it('bounds the length', () => {
    const long = Array.from({ length: 200 }, () => 'nev.sales.Europe').join('+');
    expect(long.length).toBeGreaterThan(MAX_EXPRESSION_LENGTH);
    const compiled = compileExpression(long, IDS);
    expect(compiled.ok).toBe(false);
  });

  it('keeps numbers with exponents intact', () => {
    assertClose(run('1e3 * nev.ceiling.China', { 'nev.ceiling.China': 0.85 }) as number, 850);
  });

  it('reports a missing scope value at evaluation', () => {
    const compiled = compileExpression('nev.ceiling.China * 2', IDS);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect(() => compiled.evaluate({})).toThrow("no value for 'nev.ceiling.China'");
  });
});

describe('edit distance hints', () => {
  it('measures Levenshtein distance', () => {
    expect(editDistance('nev.ceilng.China', 'nev.ceiling.China')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
  });
  it('suggests only close ids', () => {
    expect(didYouMean('nev.ceilng.China', IDS)).toBe(" (did you mean 'nev.ceiling.China'?)");
    expect(didYouMean('completely.else', IDS)).toBe('');
  });
});
