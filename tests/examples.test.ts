/**
 * Runs every JSDoc `@example` of src/ against its module's exports and compares with the value the comment
 * states (format in tests/examples.ts). An example either checks or says `// illustrative: <why>`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DATA } from './helpers/referenceData';
import { referenceTable } from '../src/data/reference/index';
import { extractExamples, isIllustrative, mismatches, parseExpected, type DocExample } from './examples';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (/\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const reference = (name: string) => readFileSync(join(root, 'src/data/reference', name), 'utf8');

/**
 * The free names the examples use besides their module's exports: the reference data and its parts.
 * A new example may use these; anything else it needs it builds in its own code.
 */
const FIXTURES: Record<string, () => unknown> = {
  data: () => REFERENCE_DATA,
  history: () => REFERENCE_DATA.nevHistory,
  rows: () => REFERENCE_DATA.nevHistory,
  steps: () => REFERENCE_DATA.tariffs,
  nevSales: () => reference('nev_sales_by_region.csv'),
  tariffs: () => reference('tariffs.csv'),
  exports: () => reference('china_exports.csv'),
  nevRecords: () => referenceTable('nev-sales').records,
  tariffRecords: () => referenceTable('tariffs').records,
};

/** Exports of the model modules every example may use (defaultValues, REGIONS, ...), under the module's own. */
const SHARED_MODULES = ['src/model/params.ts', 'src/model/presets.ts', 'src/model/ids.ts', 'src/model/data.ts'];

/** Splits `a; b; c` at top-level semicolons (outside brackets and strings). */
function statements(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let k = 0; k < code.length; k++) {
    const c = code[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) {
      parts.push(code.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(code.slice(start));
  return parts.map((s) => s.trim()).filter((s) => s !== '');
}

/** Compiles the example's TypeScript into a function of the scope's names returning the last statement's value. */
function compileExample(code: string, names: string[]): (...args: unknown[]) => unknown {
  const parts = statements(code);
  const last = parts.pop()!;
  const body = `${parts.map((s) => s + ';').join('\n')}\nreturn (${last});`;
  const js = transformSync(`function __example() {\n${body}\n}`, { loader: 'ts' }).code;
  return new Function(...names, `${js}\nreturn __example();`) as (...args: unknown[]) => unknown;
}

async function scopeFor(file: string): Promise<Record<string, unknown>> {
  const scope: Record<string, unknown> = {};
  for (const m of SHARED_MODULES) Object.assign(scope, await import(pathToFileURL(join(root, m)).href));
  for (const [name, make] of Object.entries(FIXTURES)) scope[name] = make();
  Object.assign(scope, await import(pathToFileURL(file).href));
  return scope;
}

const files = listSources(join(root, 'src'));
const examples: (DocExample & { path: string })[] = files.flatMap((full) => {
  const path = relative(root, full).split(sep).join('/');
  return extractExamples(path, readFileSync(full, 'utf8')).map((e) => ({ ...e, path: full }));
});

describe('@example blocks of src/', () => {
  it('finds the examples (the scan works)', () => {
    expect(examples.length).toBeGreaterThan(15);
    expect(examples.some((e) => e.file === 'src/model/trade.ts' && e.code.startsWith('breakEvenTariff('))).toBe(true);
  });

  it('compares at the stated decimals and reads notes, literals and statements', () => {
    expect(mismatches(0.34014, parseExpected('0.3401 (a note)'))).toEqual([]);
    expect(mismatches(0.34016, parseExpected('0.3401'))).toEqual(['value: 0.34016 does not round to 0.3401 (4 decimals)']);
    expect(mismatches(45.4, parseExpected('45'))).toEqual([]);
    expect(mismatches(45.6, parseExpected('45'))).toHaveLength(1);
    expect(mismatches({ ok: true, share: 0.1251, extra: 1 }, parseExpected('{ ok: true, share: ~0.125 }'))).toEqual([]);
    expect(mismatches({ ok: false, share: 0.1251 }, parseExpected('{ ok: true, share: ~0.125 }'))).toEqual([
      'value.ok: expected true, got false',
    ]);
    expect(mismatches(['a'], parseExpected('["a", "b"]'))).toHaveLength(1);
    expect(mismatches('53.1 %', parseExpected('"53.1 %"'))).toEqual([]);
    expect(() => parseExpected('same value on every run')).toThrow(/no expected value/);
    expect(() => parseExpected('1400 x 1.066 = 2238.6')).toThrow(/after the expected value/);
    const [ex] = extractExamples('x.ts', '/**\n * @example const a = f(1);\n *   a.b // 2\n * @param x\n */');
    expect(ex).toMatchObject({ line: 2, code: 'const a = f(1); a.b', expected: '2' });
    expect(compileExample(ex.code, ['f'])((n: number) => ({ b: n + 1 }))).toBe(2);
  });

  it('gives every example a checkable value or marks it illustrative', () => {
    const problems = examples.flatMap((e) => {
      if (isIllustrative(e)) return [];
      try {
        parseExpected(e.expected);
        return [];
      } catch (error) {
        return [`${e.file}:${e.line}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  for (const example of examples.filter((e) => !isIllustrative(e))) {
    it(`${example.file}:${example.line} ${example.code} // ${example.expected}`, async () => {
      const scope = await scopeFor(example.path);
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
      let actual: unknown;
      try {
        actual = await compileExample(example.code, names)(...names.map((n) => scope[n]));
      } catch (error) {
        throw new Error(`${example.file}:${example.line}: the example fails to run: ${(error as Error).message}`, { cause: error });
      }
      expect(mismatches(actual, parseExpected(example.expected)), `${example.file}:${example.line}`).toEqual([]);
    });
  }
});
