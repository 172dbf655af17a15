import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import type { WritePlan } from '../../workbook/plan';
import type { WorkbookPort } from '../../workbook/port';
import { faultAfterBlocks } from '../../../tests/helpers/faults';
import { importData, importUrl, loadReferenceData } from './importData';
import { parseTableLink, type FetchUrl } from './sources';

const NOW = () => '2026-11-28T10:00:00Z';
const enc = (s: string) => new TextEncoder().encode(s);
const VALID =
  'region,year,scenario,ev_sales_share_new_cars_pct,status,source_url\nChina,2030,Mine,68,assumption,https://example.com/o\nEurope,2030,Mine,55,assumption,https://example.com/o\n';
const HALF = 'region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,Mine,68,assumption\nEurope,2030,Mine,abc,assumption\n';

/** A port that records every apply() call and can fail on demand. */
class RecordingPort implements WorkbookPort {
  readonly kind = 'memory' as const;
  readonly applied: WritePlan[] = [];
  constructor(private readonly fail = false) {}
  async apply(plan: WritePlan) {
    if (this.fail) throw new Error('host refused the write');
    this.applied.push(plan);
  }
  async listSheets() {
    return [];
  }
  async readSheet() {
    return null;
  }
  async readTable() {
    return null;
  }
  async getMetadata() {
    return null;
  }
}

describe('importData', () => {
  it('writes a valid file as one table in a single apply call, with its file link', async () => {
    const port = new RecordingPort();
    const report = await importData(port, { kind: 'outlooks', bytes: enc(VALID), fileName: 'mine.csv' }, NOW);
    expect(report.ok).toBe(true);
    expect(report.message).toBe('Wrote 2 rows to Outlooks (tblOutlooks).');
    expect(port.applied).toHaveLength(1);
    const link = parseTableLink(port.applied[0].metadata!.find((m) => m.key === 'link:tblOutlooks')!.value)!;
    expect(link.source).toEqual({ kind: 'file', name: 'mine.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(link.loadedAt).toBe('2026-11-28T10:00:00Z');
  });

  it('writes nothing for an invalid file and returns the report', async () => {
    const wb = new MemoryWorkbook();
    const report = await importData(wb, { kind: 'outlooks', bytes: enc(HALF), fileName: 'half.csv' }, NOW);
    expect(report.ok).toBe(false);
    expect(report.written).toBe(false);
    expect(report.message).toBe('Nothing written: half.csv is not valid (2 rows read, 1 valid, 1 rejected; 1 errors, 0 warnings).');
    expect(report.details![0]).toBe(
      'error row 2 (line 3), ev_sales_share_new_cars_pct = "abc" [not-a-number]: Row 2: "abc" is not a number (column ev_sales_share_new_cars_pct holds %)',
    );
    expect(await wb.listSheets()).toEqual([]);
  });

  it('writes nothing for broken quoting, even with acceptValidRows, and names the line (no rows merged)', async () => {
    const broken =
      'region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,Mine,68,assumption\nEurope,2030,"Mine,55,assumption\nJapan,2030,Mine,40,assumption\n';
    for (const acceptValidRows of [false, true]) {
      const wb = new MemoryWorkbook();
      const report = await importData(wb, { kind: 'outlooks', bytes: enc(broken), fileName: 'broken.csv', acceptValidRows }, NOW);
      expect(report.ok).toBe(false);
      expect(report.written).toBe(false);
      expect(report.message).toBe('Nothing written: broken.csv is not valid (1 rows read, 1 valid, 0 rejected; 1 errors, 0 warnings).');
      expect(report.details![0]).toMatch(
        /^error line 3 \[unclosed-quote\]: Line 3: the quote opening the field «"Mine,55,assumption↵Japan,2030,Mine,40,assumption↵» is never closed, so lines 3-4/,
      );
      expect(await wb.listSheets()).toEqual([]);
    }
  });

  it('with acceptValidRows lists a ragged row with every field on "Rejected rows" (nothing lost)', async () => {
    const wb = new MemoryWorkbook();
    const ragged =
      'region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,Mine,68,assumption\nEurope,2030,Mine,55,assumption,extra\n';
    const report = await importData(wb, { kind: 'outlooks', bytes: enc(ragged), fileName: 'ragged.csv', acceptValidRows: true }, NOW);
    expect(report.ok).toBe(true);
    const rejected = (await wb.readTable('tblRejectedRows'))!;
    expect(rejected[0]).toEqual(['row', 'reasons', 'region', 'year', 'scenario', 'ev_sales_share_new_cars_pct', 'status', 'field 6']);
    expect(rejected[1]).toEqual([
      2,
      'has 6 fields but the header has 5 (ragged row, file line 3)',
      'Europe',
      '2030',
      'Mine',
      '55',
      'assumption',
      'extra',
    ]);
  });

  it('in plain wording (the pane) counts lines as the file does and speaks plain grammar', async () => {
    const wb = new MemoryWorkbook();
    const report = await importData(wb, { kind: 'outlooks', bytes: enc(HALF), fileName: 'half.csv', wording: 'plain' }, NOW);
    expect(report.message).toBe('half.csv is not valid, so nothing was written. 2 rows read: 1 valid, 1 rejected (1 error, no warnings).');
    // Europe is on line 3 of the file: line 1 is the header.
    expect(report.details![0]).toBe(
      'Line 3, column ev_sales_share_new_cars_pct: "abc" is not a number (column ev_sales_share_new_cars_pct holds %)',
    );
    const ok = await importData(
      new MemoryWorkbook(),
      { kind: 'outlooks', bytes: enc(HALF), fileName: 'half.csv', acceptValidRows: true, wording: 'plain' },
      NOW,
    );
    expect(ok.message).toBe('Wrote 1 row to Outlooks (tblOutlooks); 1 rejected row listed on the "Rejected rows" sheet.');
  });

  it('with acceptValidRows writes valid rows and a Rejected rows sheet in the same plan', async () => {
    const wb = new MemoryWorkbook();
    const report = await importData(wb, { kind: 'outlooks', bytes: enc(HALF), fileName: 'half.csv', acceptValidRows: true }, NOW);
    expect(report.ok).toBe(true);
    expect(report.message).toBe('Wrote 1 rows to Outlooks (tblOutlooks); 1 rejected rows on "Rejected rows".');
    const table = await wb.readTable('tblOutlooks');
    expect(table!.slice(1).map((r) => r[0])).toEqual(['China']);
    const rejected = await wb.readTable('tblRejectedRows');
    expect(rejected![1].slice(0, 3)).toEqual([2, '"abc" is not a number (column ev_sales_share_new_cars_pct holds %)', 'Europe']);
  });

  it('leaves no half-written table when the workbook fails midway (fault injected after one block)', async () => {
    const wb = new MemoryWorkbook({ beforeBlock: faultAfterBlocks(1) });
    const report = await importData(wb, { kind: 'outlooks', bytes: enc(VALID), fileName: 'mine.csv' }, NOW);
    expect(report.ok).toBe(false);
    expect(report.message).toContain('Nothing written: the workbook refused the write');
    expect(await wb.listSheets()).toEqual([]);
    expect(await wb.readTable('tblOutlooks')).toBeNull();
    expect(await wb.getMetadata('link:tblOutlooks')).toBeNull();
  });

  it('reports a port failure without throwing', async () => {
    const report = await importData(new RecordingPort(true), { kind: 'outlooks', bytes: enc(VALID), fileName: 'mine.csv' }, NOW);
    expect(report).toMatchObject({
      ok: false,
      written: false,
      message: 'Nothing written: the workbook refused the write (host refused the write).',
    });
  });

  it('keeps "=HYPERLINK(...)" and "+49 711" as text cells in the workbook', async () => {
    const wb = new MemoryWorkbook();
    const csv =
      'company,attribute,value_text,verification_status,source_publisher\nAcme,hotline,+49 711 400,published,"=HYPERLINK(""http://x"",""y"")"\n';
    const report = await importData(wb, { kind: 'suppliers', bytes: enc(csv), fileName: 'acme.csv' }, NOW);
    expect(report.ok).toBe(true);
    expect(report.formulaLikeCells.map((c) => c.value)).toEqual(['+49 711 400', '=HYPERLINK("http://x","y")']);
    const sheet = await wb.readSheet('Suppliers');
    const row = sheet!.values[3];
    expect(row).toContain('+49 711 400');
    expect(row).toContain('=HYPERLINK("http://x","y")');
    expect((sheet!.formulas ?? []).flat().filter((f) => f !== '')).toEqual([]);
  });
});

describe('importUrl', () => {
  it('refuses http URLs and records ETag and Last-Modified for https', async () => {
    const fetchUrl: FetchUrl = async () => ({
      status: 200,
      bytes: enc(VALID),
      etag: '"v1"',
      lastModified: 'Fri, 27 Nov 2026 08:00:00 GMT',
    });
    const http = await importUrl(new MemoryWorkbook(), 'http://example.com/o.csv', 'outlooks', false, { fetchUrl, now: NOW });
    expect(http.message).toBe('Nothing written: Only https URLs can be linked; "http://example.com/o.csv" uses http.');
    const wb = new MemoryWorkbook();
    const ok = await importUrl(wb, 'https://example.com/data/o.csv', 'outlooks', false, { fetchUrl, now: NOW });
    expect(ok.ok).toBe(true);
    expect(parseTableLink(await wb.getMetadata('link:tblOutlooks'))!.source).toEqual({
      kind: 'url',
      url: 'https://example.com/data/o.csv',
      etag: '"v1"',
      lastModified: 'Fri, 27 Nov 2026 08:00:00 GMT',
    });
  });
});

describe('loadReferenceData', () => {
  it('writes the bundled dataset into a memory workbook in one plan', async () => {
    const wb = new MemoryWorkbook();
    const report = await loadReferenceData(wb, NOW);
    expect(report.ok).toBe(true);
    expect(report.message).toMatch(/^Wrote reference dataset 2026\.11\.1 \(as of 2026-05-27\): 339 rows on 8 sheets\.$/);
    expect(await wb.listSheets()).toEqual(
      expect.arrayContaining([
        'Suppliers',
        'Suppliers (summary)',
        'NEV sales',
        'China share',
        'Exports',
        'Tariffs',
        'Outlooks',
        'Parameters',
      ]),
    );
    const tariffs = await wb.readTable('tblTariffs');
    expect(tariffs).toHaveLength(44);
  });
});
