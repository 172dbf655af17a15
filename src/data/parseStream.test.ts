/** The streamed import (parseAndValidate on delimited text): pieces, encodings found late, limits, progress, cancel. */
import { describe, expect, it } from 'vitest';
import { parseAndValidate } from './parseAndValidate';
import { DataImportError } from './types';

const TODAY = '2026-11-28';
const HEADER = 'region,year,scenario,ev_sales_share_new_cars_pct,status\n';
const rows = (n: number, region = (i: number) => `Region ${i}`) =>
  Array.from({ length: n }, (_, i) => `${region(i)},2030,Case ${i % 7},${(i % 1000) / 10},assumption\n`).join('');

function windows1252(text: string): Uint8Array {
  // Enough for the test text: ASCII plus é (0xE9) and € (0x80 in windows-1252).
  return Uint8Array.from([...text].map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
}

describe('streamed import of delimited text', () => {
  it('gives the same result in 64-byte pieces as in one piece, line numbers included', async () => {
    const text = HEADER + rows(300) + 'Bad,2030,X,lots,assumption\n' + 'Quoted,2030,"Case\nwith break",5,assumption\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await parseAndValidate('outlooks', bytes, 'o.csv', { today: TODAY });
    const pieces = await parseAndValidate('outlooks', bytes, 'o.csv', { today: TODAY, chunkBytes: 64 });
    expect(pieces).toEqual(whole);
    expect(whole.records).toHaveLength(301);
    expect(whole.records[300]).toMatchObject({ region: 'Quoted', scenario: 'Case\nwith break' });
    expect(whole.issues[0]).toMatchObject({ row: 301, line: 302, rule: 'not-a-number' });
  });

  it('reads windows-1252 when the first invalid UTF-8 byte comes pieces after the start', async () => {
    const text = HEADER + rows(200) + 'Café €,2030,Late,5,assumption\n';
    const r = await parseAndValidate('outlooks', windows1252(text), 'late.csv', { today: TODAY, chunkBytes: 256 });
    expect(r.summary.encoding).toBe('windows-1252');
    expect(r.records[200].region).toBe('Café €');
  });

  it('keeps UTF-8 that holds a real U+FFFD, and multi-byte characters cut between pieces', async () => {
    const text = HEADER + rows(50, (i) => `Région ${i} \ufffd €`);
    for (const chunkBytes of [1, 2, 3, 7, 4096]) {
      const r = await parseAndValidate('outlooks', new TextEncoder().encode(text), 'u.csv', { today: TODAY, chunkBytes });
      expect(r.summary.encoding).toBe('utf-8');
      expect(r.records.map((x) => x.region)).toEqual(Array.from({ length: 50 }, (_, i) => `Région ${i} \ufffd €`));
    }
  });

  it('decodes UTF-16 with a BOM in pieces', async () => {
    const text = HEADER + rows(20, (i) => `区域 ${i}`);
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      le[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const r = await parseAndValidate('outlooks', le, 'w.csv', { today: TODAY, chunkBytes: 33 });
    expect(r.summary.encoding).toBe('utf-16le');
    expect(r.records[19].region).toBe('区域 19');
  });

  it('applies the size limit it is given (the CLI allows more than the pane)', async () => {
    const bytes = new TextEncoder().encode(HEADER + rows(40_000));
    const error = await parseAndValidate('outlooks', bytes, 'big.csv', { today: TODAY, maxBytes: 1024 * 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(DataImportError);
    expect(error.message).toBe(
      `"big.csv" is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the import limit is 1 MB. Split the file or filter it before importing.`,
    );
    expect((await parseAndValidate('outlooks', bytes, 'big.csv', { today: TODAY, maxBytes: 4 * 1024 * 1024 })).records).toHaveLength(
      40_000,
    );
  });

  it('reports progress per piece and stops between pieces when cancelled', async () => {
    const bytes = new TextEncoder().encode(HEADER + rows(20_000));
    const done: number[] = [];
    await parseAndValidate('outlooks', bytes, 'p.csv', {
      today: TODAY,
      chunkBytes: 64 * 1024,
      onProgress: (p) => done.push(p.done / p.total),
    });
    expect(done.length).toBeGreaterThan(5);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[done.length - 1]).toBe(1);
    const controller = new AbortController();
    const cancelled = parseAndValidate('outlooks', bytes, 'p.csv', {
      today: TODAY,
      chunkBytes: 64 * 1024,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ rule: 'cancelled', message: 'Import cancelled by the user.' });
  });

  it('refuses a file whose first row never ends (no line break in 8 MB) as not delimited text', async () => {
    const bytes = new Uint8Array(9 * 1024 * 1024).fill(0x41);
    const r = await parseAndValidate('suppliers', bytes, 'blob.csv', { today: TODAY });
    expect(r.summary.fileErrors).toBe(1);
    expect(r.issues[0]).toMatchObject({ row: 0, line: 1, rule: 'row-too-long' });
    expect(r.issues[0].message).toBe(
      'Line 1: the row starting here runs for more than 8 MB without a line break; this does not look like delimited text (CSV, TSV).',
    );
  });
});
