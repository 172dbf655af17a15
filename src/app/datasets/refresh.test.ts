import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import { importData, importUrl, loadReferenceData } from './importData';
import { refreshAll } from './refresh';
import { scriptedFetch } from '../../../tests/helpers/scriptedFetch';
import { parseTableLink, type UrlResponse } from './sources';

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER = 'region,year,scenario,ev_sales_share_new_cars_pct,status\n';
const V1 = HEADER + 'China,2030,Mine,68,assumption\nEurope,2030,Mine,55,assumption\n';
const V2 = HEADER + 'China,2030,Mine,70,assumption\nUnited States,2030,Mine,30,assumption\n';
const URL_ = 'https://example.com/outlook.csv';
const clock = (iso: string) => () => iso;

describe('refreshAll', () => {
  it('leaves bundled tables unchanged when the dataset version and rows are the same', async () => {
    const wb = new MemoryWorkbook();
    await loadReferenceData(wb, clock('2026-11-28T09:00:00Z'));
    const report = await refreshAll(wb, { fetchUrl: scriptedFetch([]), now: clock('2026-11-28T10:00:00Z') });
    expect(report.ok).toBe(true);
    expect(report.message).toBe('Refreshed 8 linked tables: 0 updated, 8 unchanged, 0 failed, 0 skipped.');
  });

  it('re-pulls a URL conditionally, diffs by key and rewrites in one plan', async () => {
    const wb = new MemoryWorkbook();
    const fetchUrl = scriptedFetch([
      { status: 200, bytes: enc(V1), etag: '"v1"' },
      { status: 200, bytes: enc(V2), etag: '"v2"' },
      { status: 304, bytes: new Uint8Array(0) },
    ]);
    await importUrl(wb, URL_, 'outlooks', false, { fetchUrl, now: clock('2026-11-28T09:00:00Z') });
    const first = await refreshAll(wb, { fetchUrl, now: clock('2026-11-28T10:00:00Z') });
    expect(fetchUrl.calls[1]).toEqual({ 'If-None-Match': '"v1"' });
    expect(first.tables[0]).toMatchObject({
      table: 'tblOutlooks',
      status: 'updated',
      diff: { added: 1, changed: 1, removed: 1, unchanged: 0 },
    });
    expect(first.details![0]).toContain('tblOutlooks: updated (+1 ~1 -1)');
    const rows = (await wb.readTable('tblOutlooks'))!.slice(1).map((r) => [r[0], r[3]]);
    expect(rows).toEqual([
      ['China', 70],
      ['United States', 30],
    ]);
    const link = parseTableLink(await wb.getMetadata('link:tblOutlooks'))!;
    expect(link.source).toMatchObject({ kind: 'url', etag: '"v2"' });
    expect(link.loadedAt).toBe('2026-11-28T10:00:00Z');
    const second = await refreshAll(wb, { fetchUrl, now: clock('2026-11-28T11:00:00Z') });
    expect(second.tables[0]).toMatchObject({ status: 'unchanged', reason: 'source not modified' });
  });

  it('keeps a table untouched and says why when its source fails (network, HTTP, invalid content)', async () => {
    const failures: [UrlResponse | Error, string][] = [
      [new Error('ECONNRESET'), 'network error fetching https://example.com/outlook.csv: ECONNRESET'],
      [{ status: 503, bytes: new Uint8Array(0) }, 'HTTP 503 from https://example.com/outlook.csv'],
      [
        { status: 200, bytes: enc(HEADER + 'China,2030,Mine,lots,assumption\n') },
        'invalid content (1 errors; first: Row 1: "lots" is not a number',
      ],
      [{ status: 200, bytes: new Uint8Array([0, 1, 2, 3]) }, 'parse error: "https://example.com/outlook.csv" looks like a binary file'],
    ];
    for (const [response, reason] of failures) {
      const wb = new MemoryWorkbook();
      await importUrl(wb, URL_, 'outlooks', false, {
        fetchUrl: scriptedFetch([{ status: 200, bytes: enc(V1) }]),
        now: clock('2026-11-28T09:00:00Z'),
      });
      const before = JSON.stringify(wb.serialize());
      const report = await refreshAll(wb, { fetchUrl: scriptedFetch([response]), now: clock('2026-11-28T10:00:00Z') });
      expect(report.ok).toBe(false);
      expect(report.tables[0].status).toBe('failed');
      expect(report.tables[0].reason).toContain(reason);
      expect(JSON.stringify(wb.serialize())).toBe(before);
    }
  });

  it('refreshes a linked file when its SHA-256 changed and skips files it cannot read', async () => {
    const wb = new MemoryWorkbook();
    await importData(wb, { kind: 'outlooks', bytes: enc(V1), fileName: 'mine.csv' }, clock('2026-11-28T09:00:00Z'));
    const noFiles = await refreshAll(wb, { fetchUrl: scriptedFetch([]), now: clock('2026-11-28T10:00:00Z') });
    expect(noFiles.tables[0]).toMatchObject({ status: 'skipped', reason: 'file mine.csv cannot be read here (no file access)' });
    const same = await refreshAll(wb, { fetchUrl: scriptedFetch([]), readFile: async () => enc(V1), now: clock('2026-11-28T10:00:00Z') });
    expect(same.tables[0].status).toBe('unchanged');
    const changed = await refreshAll(wb, {
      fetchUrl: scriptedFetch([]),
      readFile: async () => enc(V2),
      now: clock('2026-11-28T10:00:00Z'),
    });
    expect(changed.tables[0]).toMatchObject({ status: 'updated', diff: { added: 1, changed: 1, removed: 1 } });
  });

  it('writes nothing when the final apply fails', async () => {
    const wb = new MemoryWorkbook();
    await importData(wb, { kind: 'outlooks', bytes: enc(V1), fileName: 'mine.csv' }, clock('2026-11-28T09:00:00Z'));
    const before = JSON.stringify(wb.serialize());
    const failing = Object.create(wb) as MemoryWorkbook;
    failing.apply = async () => {
      throw new Error('disk full');
    };
    const report = await refreshAll(failing, {
      fetchUrl: scriptedFetch([]),
      readFile: async () => enc(V2),
      now: clock('2026-11-28T10:00:00Z'),
    });
    expect(report.ok).toBe(false);
    expect(report.message).toBe('Refresh wrote nothing: disk full');
    expect(JSON.stringify(wb.serialize())).toBe(before);
  });
});
