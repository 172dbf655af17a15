import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../workbook/memory/memoryWorkbook';
import type { WritePlan } from '../../workbook/plan';
import { isClose } from '../../../tests/helpers/tolerance';
import { REFERENCE_VERSION } from '../../data/reference/index';
import { importData, importUrl, loadReferenceData } from './importData';
import { readModelInputs } from '../scenario/modelInputs';
import { refreshAll } from './refresh';
import { scriptedFetch } from '../../../tests/helpers/scriptedFetch';
import { combineSources, parseTableLink } from './sources';

const enc = (s: string) => new TextEncoder().encode(s);
const clock = (iso: string) => () => iso;
const T0 = clock('2026-11-28T09:00:00Z');
const T1 = clock('2026-11-28T10:00:00Z');
const HEADER = 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\n';
// Fictional user rows (a dealer survey for a region the reference does not cover); test input only.
const USER_V1 = HEADER + 'Thailand,2023,76000,9.8,My dealer survey,assumption\nThailand,2024,100000,12.5,My dealer survey,assumption\n';
const USER_V2 = HEADER + 'Thailand,2024,104000,13,My dealer survey,assumption\nThailand,2025,130000,16,My dealer survey,assumption\n';
const URL_ = 'https://example.com/thailand.csv';

async function referenceWorkbook(): Promise<{ wb: MemoryWorkbook; referenceRows: number; firstKey: string[] }> {
  const wb = new MemoryWorkbook();
  await loadReferenceData(wb, T0);
  const cells = (await wb.readTable('tblNevSales'))!;
  const [header, first] = cells;
  const firstKey = ['region', 'year', 'dataset'].map((k) => String(first[header.indexOf(k)]));
  return { wb, referenceRows: cells.length - 1, firstKey };
}

function countApplies(wb: MemoryWorkbook): WritePlan[] {
  const plans: WritePlan[] = [];
  const apply = wb.apply.bind(wb);
  wb.apply = async (plan) => {
    plans.push(plan);
    return apply(plan);
  };
  return plans;
}

describe('import with append', () => {
  it('adds user rows after the reference NEV sales in one apply, and the model history reads them', async () => {
    const { wb, referenceRows } = await referenceWorkbook();
    const plans = countApplies(wb);
    const report = await importData(wb, { kind: 'nev-sales', bytes: enc(USER_V1), fileName: 'thailand.csv', append: true }, T1);
    expect(report.ok).toBe(true);
    expect(plans).toHaveLength(1);
    expect(report.message).toBe(
      `Appended 2 rows to NEV sales (tblNevSales): ${referenceRows} existing + 2 new = ${referenceRows + 2} rows.`,
    );
    const cells = (await wb.readTable('tblNevSales'))!;
    expect(cells.length - 1).toBe(referenceRows + 2);
    expect(cells.slice(-2).map((r) => [r[cells[0].indexOf('region')], r[cells[0].indexOf('year')]])).toEqual([
      ['Thailand', 2023],
      ['Thailand', 2024],
    ]);
    const link = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    expect(link.rows).toBe(referenceRows + 2);
    expect(link.source).toEqual({
      kind: 'combined',
      parts: [
        { kind: 'bundled', dataset: 'nev-sales', version: REFERENCE_VERSION },
        { kind: 'file', name: 'thailand.csv', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ],
    });
    const inputs = await readModelInputs(wb);
    expect(inputs.historySource).toContain(`${referenceRows + 2} rows`);
    const thai = inputs.data.nevHistory.filter((p) => p.region === 'Thailand');
    expect(thai.map((p) => p.year)).toEqual([2023, 2024]);
    expect(isClose(thai[1].evSales, 100000)).toBe(true);
    expect(isClose(thai[1].sharePct, 12.5)).toBe(true);
    // Implied market = sales / share when the column is empty: 100000 / 0.125.
    expect(isClose(thai[1].totalMarket, 800000)).toBe(true);
  });

  it('refuses a row whose key is already in the table, names it, and leaves the workbook unchanged', async () => {
    const { wb, firstKey } = await referenceWorkbook();
    const [region, year, dataset] = firstKey;
    const clash = `${HEADER}Thailand,2024,100000,12.5,My dealer survey,assumption\n${region},${year},1,0.5,"${dataset}",assumption\n`;
    const before = JSON.stringify(wb.serialize());
    const report = await importData(wb, { kind: 'nev-sales', bytes: enc(clash), fileName: 'clash.csv', append: true }, T1);
    expect(report.ok).toBe(false);
    expect(report.written).toBe(false);
    expect(report.message).toContain('Nothing written: 1 rows of clash.csv repeat keys (region, year, dataset) already in tblNevSales');
    const keyValue = `region=${region}, year=${year}, dataset=${dataset}`;
    // Report lines cut long values at 40 characters; the message keeps the whole key.
    const shown = keyValue.length > 40 ? `${keyValue.slice(0, 40)}…` : keyValue;
    expect(report.details).toEqual([
      `error row 2, region+year+dataset = "${shown}" [duplicate-key]: Row 2: its key (${keyValue}) is already in tblNevSales (table row 1); append adds new keys only`,
    ]);
    expect(JSON.stringify(wb.serialize())).toBe(before);
  });

  it('with acceptValidRows appends the new keys and lists the clash on "Rejected rows"', async () => {
    const { wb, referenceRows, firstKey } = await referenceWorkbook();
    const [region, year, dataset] = firstKey;
    const clash = `${HEADER}Thailand,2024,100000,12.5,My dealer survey,assumption\n${region},${year},1,0.5,"${dataset}",assumption\n`;
    const report = await importData(
      wb,
      { kind: 'nev-sales', bytes: enc(clash), fileName: 'clash.csv', append: true, acceptValidRows: true },
      T1,
    );
    expect(report.ok).toBe(true);
    expect(report.message).toBe(
      `Appended 1 rows to NEV sales (tblNevSales): ${referenceRows} existing + 1 new = ${referenceRows + 1} rows; 1 rejected rows on "Rejected rows".`,
    );
    expect((await wb.readTable('tblNevSales'))!.length - 1).toBe(referenceRows + 1);
    const rejected = (await wb.readTable('tblRejectedRows'))!;
    expect(rejected[0].slice(0, 3)).toEqual(['row', 'reasons', 'region']);
    expect(rejected).toHaveLength(2);
    expect(rejected[1][0]).toBe(2);
    expect(rejected[1][1]).toBe(
      `its key (region=${region}, year=${year}, dataset=${dataset}) is already in tblNevSales (table row 1); append adds new keys only`,
    );
    expect(rejected[1][2]).toBe(region);
  });

  it('behaves like a normal import when the table does not exist yet', async () => {
    const wb = new MemoryWorkbook();
    const report = await importData(wb, { kind: 'nev-sales', bytes: enc(USER_V1), fileName: 'thailand.csv', append: true }, T1);
    expect(report.message).toBe('Wrote 2 rows to NEV sales (tblNevSales).');
    expect(parseTableLink(await wb.getMetadata('link:tblNevSales'))!.source.kind).toBe('file');
  });

  it('appends a second file as a third part and still refuses an invalid new file', async () => {
    const { wb, referenceRows } = await referenceWorkbook();
    await importData(wb, { kind: 'nev-sales', bytes: enc(USER_V1), fileName: 'a.csv', append: true }, T1);
    const more = HEADER + 'Vietnam,2024,90000,25,My dealer survey,assumption\n';
    const second = await importData(wb, { kind: 'nev-sales', bytes: enc(more), fileName: 'b.csv', append: true }, T1);
    expect(second.ok).toBe(true);
    const link = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    expect(link.source.kind === 'combined' && link.source.parts.map((p) => p.kind)).toEqual(['bundled', 'file', 'file']);
    expect(link.rows).toBe(referenceRows + 3);
    const before = JSON.stringify(wb.serialize());
    const bad = await importData(
      wb,
      { kind: 'nev-sales', bytes: enc(HEADER + 'Laos,2024,lots,1,Mine,assumption\n'), fileName: 'c.csv', append: true },
      T1,
    );
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('Nothing written: c.csv is not valid');
    expect(JSON.stringify(wb.serialize())).toBe(before);
  });
});

describe('combined links', () => {
  it('parses combined links and keeps reading single-source links', () => {
    const single = { table: 't', sheet: 's', schema: 'nev-sales', source: { kind: 'url', url: URL_ }, loadedAt: 'x', rows: 1 };
    expect(parseTableLink(JSON.stringify(single))!.source).toEqual({ kind: 'url', url: URL_ });
    const combined = {
      ...single,
      source: combineSources({ kind: 'bundled', dataset: 'nev-sales', version: 'v' }, { kind: 'url', url: URL_ }),
    };
    expect(parseTableLink(JSON.stringify(combined))!.source).toEqual({
      kind: 'combined',
      parts: [
        { kind: 'bundled', dataset: 'nev-sales', version: 'v' },
        { kind: 'url', url: URL_ },
      ],
    });
    expect(parseTableLink(JSON.stringify({ ...single, source: { kind: 'combined', parts: [] } }))).toBeNull();
    expect(parseTableLink(JSON.stringify({ ...single, source: { kind: 'combined', parts: [{ kind: 'ftp' }] } }))).toBeNull();
  });

  it('refresh re-reads the file part, keeps the bundled part and reports the diff', async () => {
    const { wb, referenceRows } = await referenceWorkbook();
    await importData(wb, { kind: 'nev-sales', bytes: enc(USER_V1), fileName: 'thailand.csv', append: true }, T1);
    const read: string[] = [];
    const readFile = async (name: string) => (read.push(name), enc(USER_V2));
    const report = await refreshAll(wb, { fetchUrl: scriptedFetch([]), readFile, now: clock('2026-11-28T11:00:00Z') });
    expect(read).toEqual(['thailand.csv']);
    const nev = report.tables.find((t) => t.table === 'tblNevSales')!;
    expect(nev).toMatchObject({ status: 'updated', diff: { added: 1, changed: 1, removed: 1, unchanged: referenceRows } });
    expect(report.details).toContain(
      'tblNevSales: updated (+1 ~1 -1); e.g. changed Thailand|2024|My dealer survey: ev_sales_total_vehicles 100000 -> 104000 (+1 more) | added Thailand|2025|My dealer survey',
    );
    const cells = (await wb.readTable('tblNevSales'))!;
    expect(cells.length - 1).toBe(referenceRows + 2);
    expect(cells[cells.length - 1][cells[0].indexOf('year')]).toBe(2025);
    const link = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    expect(link.loadedAt).toBe('2026-11-28T11:00:00Z');
    const again = await refreshAll(wb, { fetchUrl: scriptedFetch([]), readFile, now: clock('2026-11-28T12:00:00Z') });
    expect(again.tables.find((t) => t.table === 'tblNevSales')).toMatchObject({ status: 'unchanged', reason: 'no part modified' });
  });

  it('refresh re-pulls a URL part conditionally and fetches it again when another part changed', async () => {
    const { wb, referenceRows } = await referenceWorkbook();
    const fetchUrl = scriptedFetch([
      { status: 200, bytes: enc(USER_V1), etag: '"v1"' },
      { status: 304, bytes: new Uint8Array(0) },
      { status: 304, bytes: new Uint8Array(0) },
      { status: 200, bytes: enc(USER_V1), etag: '"v1"' },
    ]);
    const imported = await importUrl(wb, URL_, 'nev-sales', false, { fetchUrl, now: T1 }, { append: true });
    expect(imported.ok).toBe(true);
    const first = await refreshAll(wb, { fetchUrl, now: clock('2026-11-28T11:00:00Z') });
    expect(fetchUrl.calls[1]).toEqual({ 'If-None-Match': '"v1"' });
    expect(first.tables.find((t) => t.table === 'tblNevSales')).toMatchObject({ status: 'unchanged', reason: 'no part modified' });
    // Pretend the workbook was built with an older bundled dataset: that part changed, the URL did not.
    const link = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    const stale = {
      ...link,
      source: {
        kind: 'combined',
        parts: [
          { kind: 'bundled', dataset: 'nev-sales', version: 'older' },
          { kind: 'url', url: URL_, etag: '"v1"' },
        ],
      },
    };
    await wb.apply({ sheets: [], blocks: [], metadata: [{ key: 'link:tblNevSales', value: JSON.stringify(stale) }] });
    const second = await refreshAll(wb, { fetchUrl, now: clock('2026-11-28T12:00:00Z') });
    expect(fetchUrl.calls.slice(2)).toEqual([{ 'If-None-Match': '"v1"' }, {}]);
    expect(second.tables.find((t) => t.table === 'tblNevSales')).toMatchObject({
      status: 'updated',
      diff: { added: 0, changed: 0, removed: 0, unchanged: referenceRows + 2 },
    });
    const after = parseTableLink(await wb.getMetadata('link:tblNevSales'))!;
    expect(after.source).toEqual({
      kind: 'combined',
      parts: [
        { kind: 'bundled', dataset: 'nev-sales', version: REFERENCE_VERSION },
        { kind: 'url', url: URL_, etag: '"v1"' },
      ],
    });
  });

  it('a failing part leaves the table as it was and names the part and the reason', async () => {
    const { wb } = await referenceWorkbook();
    await importUrl(
      wb,
      URL_,
      'nev-sales',
      false,
      { fetchUrl: scriptedFetch([{ status: 200, bytes: enc(USER_V1), etag: '"v1"' }]), now: T1 },
      { append: true },
    );
    const before = JSON.stringify(wb.serialize());
    const report = await refreshAll(wb, {
      fetchUrl: scriptedFetch([{ status: 503, bytes: new Uint8Array(0) }]),
      now: clock('2026-11-28T11:00:00Z'),
    });
    expect(report.ok).toBe(false);
    expect(report.tables.find((t) => t.table === 'tblNevSales')).toMatchObject({
      status: 'failed',
      reason: `part 2 (${URL_}): HTTP 503 from ${URL_}`,
    });
    expect(JSON.stringify(wb.serialize())).toBe(before);
  });

  it('skips a file part it cannot read and refuses a refresh that would duplicate a key', async () => {
    const { wb, firstKey } = await referenceWorkbook();
    await importData(wb, { kind: 'nev-sales', bytes: enc(USER_V1), fileName: 'thailand.csv', append: true }, T1);
    const before = JSON.stringify(wb.serialize());
    const noFiles = await refreshAll(wb, { fetchUrl: scriptedFetch([]), now: clock('2026-11-28T11:00:00Z') });
    expect(noFiles.tables.find((t) => t.table === 'tblNevSales')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^part 2 \(file thailand\.csv \(sha256 [0-9a-f]{12}\)\): cannot be re-read here \(no file access\)$/),
    });
    const [region, year, dataset] = firstKey;
    const clashing = `${USER_V1}${region},${year},1,0.5,"${dataset}",assumption\n`;
    const dup = await refreshAll(wb, {
      fetchUrl: scriptedFetch([]),
      readFile: async () => enc(clashing),
      now: clock('2026-11-28T11:00:00Z'),
    });
    const nev = dup.tables.find((t) => t.table === 'tblNevSales')!;
    expect(nev.status).toBe('failed');
    expect(nev.reason).toContain(
      `1 duplicate keys across parts; first: duplicate key region=${region}, year=${year}, dataset=${dataset} in part 1 (bundled nev-sales ${REFERENCE_VERSION}) and part 2 (file thailand.csv`,
    );
    expect(JSON.stringify(wb.serialize())).toBe(before);
  });
});
