import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { fakeIo } from '../../../tests/helpers/fakeIo';

const FIXTURES = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'import');


const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, `${name}.input.csv`)));

describe('reversal-lab import', () => {
  it('prints the report and exits 1 for an invalid file, naming row, column, value and rule', async () => {
    const { io, out } = fakeIo({ 'bad.csv': fixture('text-in-number') });
    const code = await runCli(['import', 'bad.csv', '--kind', 'nev-sales', '--today', '2026-11-28'], io);
    expect(code).toBe(1);
    const text = out.join('');
    expect(text).toContain('1 rows read, 0 valid, 1 rejected; 1 errors, 0 warnings');
    expect(text).toContain('error row 1, bev_sales_vehicles = "lots" [not-a-number]');
    expect(text.trim().endsWith('INVALID')).toBe(true);
  });

  it('writes validated records with --json and reads them back identically', async () => {
    const csv = 'company,attribute,value_num,value_text,verification_status\nAcme,hotline,,+49 711 400,published\nAcme,revenue,1.25,"=HYPERLINK(""x"")",published\n';
    const first = fakeIo({ 'acme.csv': csv });
    expect(await runCli(['import', 'acme.csv', '--kind', 'suppliers', '--json', 'acme.json', '--today', '2026-11-28'], first.io)).toBe(0);
    const payload = JSON.parse(first.written['acme.json']);
    expect(payload.kind).toBe('suppliers');
    expect(payload.records[1]).toMatchObject({ company: 'Acme', value_num: 1.25, value_text: '=HYPERLINK("x")' });
    const second = fakeIo({ 'acme.json': first.written['acme.json'] });
    expect(await runCli(['import', 'acme.json', '--kind', 'suppliers', '--json', 'again.json', '--today', '2026-11-28'], second.io)).toBe(0);
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
    expect(err.join('')).toContain('unknown kind "widgets" (one of suppliers, nev-sales, china-share, exports, tariffs, outlooks, parameters)');
  });

  it('validates the bundled tariffs file as VALID', async () => {
    const tariffs = readFileSync(join(__dirname, '..', '..', 'data', 'reference', 'tariffs.csv'));
    const { io, out } = fakeIo({ 'tariffs.csv': new Uint8Array(tariffs) });
    expect(await runCli(['import', 'tariffs.csv', '--kind', 'tariffs', '--today', '2026-11-28'], io)).toBe(0);
    expect(out.join('')).toContain('43 rows read, 43 valid, 0 rejected');
  });
});
