import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../../../tests/helpers/fakeIo';
import { jsonChunks } from './import';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'import');

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, `${name}.input.csv`)));

describe('reversal-lab import', () => {
  it('prints the report and exits 1 for an invalid file, naming row, column, value and rule', async () => {
    const { io, out } = fakeIo({ 'bad.csv': fixture('text-in-number') });
    const code = await runCli(['import', 'bad.csv', '--kind', 'nev-sales', '--today', '2026-11-28'], io);
    expect(code).toBe(1);
    const text = out.join('');
    expect(text).toContain('1 rows read, 0 valid, 1 rejected; 1 errors, 0 warnings');
    expect(text).toContain('error row 1 (line 2), bev_sales_vehicles = "lots" [not-a-number]');
    expect(text.trim().endsWith('INVALID')).toBe(true);
  });

  it('writes validated records with --json and reads them back identically', async () => {
    const csv =
      'company,attribute,value_num,value_text,verification_status\nAcme,hotline,,+49 711 400,published\nAcme,revenue,1.25,"=HYPERLINK(""x"")",published\n';
    const first = fakeIo({ 'acme.csv': csv });
    expect(await runCli(['import', 'acme.csv', '--kind', 'suppliers', '--json', 'acme.json', '--today', '2026-11-28'], first.io)).toBe(0);
    const payload = JSON.parse(first.written['acme.json']);
    expect(payload.kind).toBe('suppliers');
    expect(payload.records[1]).toMatchObject({ company: 'Acme', value_num: 1.25, value_text: '=HYPERLINK("x")' });
    const second = fakeIo({ 'acme.json': first.written['acme.json'] });
    expect(await runCli(['import', 'acme.json', '--kind', 'suppliers', '--json', 'again.json', '--today', '2026-11-28'], second.io)).toBe(
      0,
    );
    expect(second.written['again.json'].replace('"source": "acme.json"', '"source": "acme.csv"')).toBe(first.written['acme.json']);
  });

  it('rejects bad files with a clear message and exit 1', async () => {
    const { io, err } = fakeIo({ 'zero.csv': new Uint8Array(0) });
    expect(await runCli(['import', 'zero.csv', '--kind', 'suppliers'], io)).toBe(1);
    expect(err.join('')).toBe('reversal-lab import: "zero.csv" is a 0-byte file: there is nothing to import. [empty-file]\n');
  });

  it('exits 2 on bad usage and names the known kinds', async () => {
    const { io, err } = fakeIo({});
    expect(await runCli(['import', 'x.csv', '--kind', 'widgets'], io)).toBe(2);
    expect(err.join('')).toContain(
      'unknown kind "widgets" (one of suppliers, nev-sales, china-share, exports, tariffs, outlooks, parameters)',
    );
  });

  it('validates the bundled tariffs file as VALID', async () => {
    const tariffs = readFileSync(join(__dirname, '..', '..', 'data', 'reference', 'tariffs.csv'));
    const { io, out } = fakeIo({ 'tariffs.csv': new Uint8Array(tariffs) });
    expect(await runCli(['import', 'tariffs.csv', '--kind', 'tariffs', '--today', '2026-11-28'], io)).toBe(0);
    expect(out.join('')).toContain('43 rows read, 43 valid, 0 rejected');
  });

  it('refuses an unclosed quote with its line, and writes nothing even with --accept-valid-rows', async () => {
    const { io, out, written } = fakeIo({ 'broken.csv': new Uint8Array(readFileSync(join(FIXTURES, 'unclosed-quote.input.csv'))) });
    const code = await runCli(
      [
        'import',
        'broken.csv',
        '--kind',
        'suppliers',
        '--today',
        '2026-11-28',
        '--accept-valid-rows',
        '--xlsx',
        'out.xlsx',
        '--json',
        'out.json',
      ],
      io,
    );
    expect(code).toBe(1);
    const text = out.join('');
    expect(text).toContain('1 rows read, 1 valid, 0 rejected; 1 errors, 0 warnings');
    expect(text).toContain(
      '  error line 3 [unclosed-quote]: Line 3: the quote opening the field «"plants,2,verified↵Gamma,engineers,3,verified↵» is never closed, so lines 3-4 (the rest of the file) would be read as one value.',
    );
    expect(text).toContain('nothing written to out.json\nnothing written to out.xlsx\n');
    expect(Object.keys(written)).toEqual([]);
  });

  it('names the file line of a ragged row', async () => {
    const { io, out } = fakeIo({ 'ragged.csv': new Uint8Array(readFileSync(join(FIXTURES, 'ragged-row-extra-fields.input.csv'))) });
    expect(await runCli(['import', 'ragged.csv', '--kind', 'suppliers', '--today', '2026-11-28'], io)).toBe(1);
    expect(out.join('')).toContain(
      '  error row 2 (line 3) = "Beta,plants,2,verified,extra,fields" [ragged-row]: Row 2: has 6 fields but the header has 4 (ragged row, file line 3)',
    );
  });

  it('writes JSON in pieces exactly as JSON.stringify(..., null, 2) would, for any number of records', () => {
    const head = { kind: 'suppliers', source: 'x[].csv' };
    const record = (i: number) => ({
      company: `A"${i}\n`,
      value_num: i % 3 ? i * 1.5 : null,
      ok: i % 2 === 0,
      nested: i === 7 ? { a: [1, 2] } : 'x',
    });
    for (const n of [0, 1, 2, 199, 200, 201, 1001]) {
      const records = Array.from({ length: n }, (_, i) => record(i));
      expect([...jsonChunks(head, 'records', records)].join(''), `${n} records`).toBe(JSON.stringify({ ...head, records }, null, 2) + '\n');
    }
  });

  it('shows progress while it reads a big file', async () => {
    const lines = ['region,year,scenario,ev_sales_share_new_cars_pct,status'];
    for (let i = 0; lines.length < 80_000; i++) lines.push(`Region ${i},2030,Case ${i % 7},${(i % 1000) / 10},assumption`);
    const { io } = fakeIo({ 'big.csv': lines.join('\n') });
    const seen: [string, number][] = [];
    io.progress = (label, fraction) => seen.push([label, fraction]);
    expect(await runCli(['import', 'big.csv', '--kind', 'outlooks', '--today', '2026-11-28'], io)).toBe(0);
    expect(seen.length).toBeGreaterThanOrEqual(3); // 1 MB pieces of a 3.3 MB file
    expect(seen.every(([label]) => label === 'reading big.csv')).toBe(true);
    expect(seen.map(([, f]) => f)).toEqual([...seen.map(([, f]) => f)].sort((a, b) => a - b));
    expect(seen[seen.length - 1][1]).toBe(1);
  });
});
