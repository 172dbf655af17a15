import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAndValidate } from '../../src/data/parseAndValidate';
import { isClose } from '../helpers/tolerance';
import { DataImportError, type ValidationResult } from '../../src/data/types';

const DIR = join(__dirname, '..', 'fixtures', 'import');
const TODAY = '2026-11-28';

interface Expected {
  kind: string;
  ok: boolean;
  rule?: string;
  row?: number;
  column?: string;
  message?: string;
  today?: string;
  rows?: number;
  first?: Record<string, string | number>;
}

async function run(kind: string, bytes: Uint8Array, name: string, today = TODAY): Promise<ValidationResult | DataImportError> {
  try {
    return await parseAndValidate(kind, bytes, name, { today });
  } catch (error) {
    if (error instanceof DataImportError) return error;
    throw error;
  }
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.input.csv'))
  .map((f) => f.replace('.input.csv', ''));

describe('import fixtures (tests/fixtures/import)', () => {
  it('has the fixtures the issue asks for', () => {
    const malformed = [
      'unclosed-quote',
      'unclosed-quote-merges-rows',
      'text-after-quote',
      'ragged-row-extra-fields',
      'ragged-row-quoted-line-break',
    ];
    for (const n of [
      'wrong-delimiter',
      'missing-column',
      'text-in-number',
      'ragged-row',
      'invalid-date',
      'duplicate-key',
      'empty',
      'zero-byte',
      'binary',
      'utf16-bom',
      ...malformed,
    ]) {
      expect(names).toContain(n);
    }
  });

  it.each(names)('%s', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(DIR, `${name}.input.csv`)));
    const expected = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Expected;
    const result = await run(expected.kind, bytes, `${name}.input.csv`, expected.today);
    if (!expected.ok) {
      if (result instanceof DataImportError) {
        expect(result.rule).toBe(expected.rule);
        expect(result.message).toContain(expected.message);
        return;
      }
      expect(result.summary.valid).toBe(false);
      const issue = result.issues.find((i) => i.rule === expected.rule && i.severity === 'error');
      expect(issue, `issue ${expected.rule} in ${JSON.stringify(result.issues)}`).toBeDefined();
      expect(issue!.message).toContain(expected.message);
      if (expected.row !== undefined) expect(issue!.row).toBe(expected.row);
      if (expected.column !== undefined) expect(issue!.column).toBe(expected.column);
      return;
    }
    expect(result).not.toBeInstanceOf(DataImportError);
    const ok = result as ValidationResult;
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(ok.records).toHaveLength(expected.rows!);
    for (const [k, v] of Object.entries(expected.first ?? {})) {
      const actual = ok.records[0][k];
      if (typeof v === 'number') expect(isClose(actual as number, v)).toBe(true);
      else expect(actual).toBe(v);
    }
  });

  it('reports the encoding it detected', async () => {
    const cases: [string, string, string][] = [
      ['utf16-bom', 'tariffs', 'utf-16le'],
      ['utf16be-bom', 'outlooks', 'utf-16be'],
      ['windows-1252', 'outlooks', 'windows-1252'],
    ];
    for (const [name, kind, encoding] of cases) {
      const r = (await run(kind, new Uint8Array(readFileSync(join(DIR, `${name}.input.csv`))), name)) as ValidationResult;
      expect(r.summary.encoding).toBe(encoding);
    }
  });

  it('rejects a 60 MB file with the size and the limit, before parsing', async () => {
    const bytes = new Uint8Array(60 * 1024 * 1024).fill(0x41);
    const r = await run('suppliers', bytes, 'huge.csv');
    expect(r).toBeInstanceOf(DataImportError);
    expect((r as DataImportError).rule).toBe('file-too-large');
    expect((r as DataImportError).message).toBe(
      '"huge.csv" is 60.0 MB; the import limit is 50 MB. Split the file or filter it before importing.',
    );
  });
});
