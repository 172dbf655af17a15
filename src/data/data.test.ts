import { describe, expect, it } from 'vitest';
import { isoDateStart } from './cells';
import { parseDelimited } from './csv';
import { diffRecords, tableToRecords } from './diff';
import { parseAndValidate } from './parseAndValidate';
import { SCHEMAS } from './schemas';
import { sha256Hex, sha256HexAsync } from './sha256';
import { statusLabel } from './status';
import { isClose } from '../../tests/helpers/tolerance';
import { DataImportError } from './types';

const TODAY = '2026-11-28';
const enc = (s: string) => new TextEncoder().encode(s);
const SUP_HEADER =
  'company,hq_country,company_type,attribute,value_num,value_unit,value_text,as_of,verification_status,source_publisher,source_title,source_url,source_date';

describe('statusLabel', () => {
  it.each([
    ['UNVERIFIED - article claim only', 'per article'],
    ['per article', 'per article'],
    ['derived estimate (World minus China, Europe, United States)', 'derived'],
    ['verified in source', 'verified'],
    ['value verified; numerator definition = inference (unverified)', 'verified'],
    ['published (IEA rounds to 2 significant figures)', 'published'],
    ['in force (5 years); total_rate = additive (derived)', 'in force'],
    ['NOT RETRIEVED', 'not retrieved'],
  ])('%s -> %s', (status, label) => expect(statusLabel(status)).toBe(label));

  it('marks 2025 NEV sales rows provisional', () => {
    expect(statusLabel('published (OWID re-publication of IEA data)', { kind: 'nev-sales', year: 2025 })).toBe('provisional');
    expect(statusLabel('published (OWID re-publication of IEA data)', { kind: 'nev-sales', year: 2024 })).toBe('published');
  });
});

describe('cells', () => {
  it('accepts full and partial ISO dates and rejects impossible ones', () => {
    expect(isoDateStart('2024-02-29')).toBe('2024-02-29');
    expect(isoDateStart('2025-01')).toBe('2025-01-01');
    expect(isoDateStart('2026')).toBe('2026-01-01');
    expect(isoDateStart('2023-02-29')).toBeNull();
    expect(isoDateStart('31/12/2024')).toBeNull();
  });
});

describe('parseDelimited', () => {
  it('detects tab, semicolon and pipe delimiters and keeps quoted delimiters and newlines', async () => {
    for (const d of ['\t', ';', '|', ',']) {
      const t = await parseDelimited(`a${d}b${d}c\n1${d}"x${d}y\nz"${d}3\n`);
      expect(t.delimiter).toBe(d);
      expect(t.header).toEqual(['a', 'b', 'c']);
      expect(t.rows).toEqual([['1', `x${d}y\nz`, '3']]);
    }
  });

  it('reports progress in chunks and can be cancelled between chunks', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},"q,${i}",${i * 2}`);
    const text = lines.join('\n');
    const progress: number[] = [];
    const full = await parseDelimited(text, { chunkChars: 64 * 1024, onProgress: (p) => progress.push(p.done / p.total) });
    expect(full.rows).toHaveLength(50_000);
    expect(full.rows[49_999]).toEqual(['49999', 'q,49999', '99998']);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress[progress.length - 1]).toBe(1);

    const controller = new AbortController();
    const cancelled = parseDelimited(text, {
      chunkChars: 64 * 1024,
      signal: controller.signal,
      onProgress: (p) => p.done > 100_000 && controller.abort(),
    });
    await expect(cancelled).rejects.toThrow('Import cancelled by the user.');
  });
});

describe('parseAndValidate', () => {
  it('keeps formula-like text as text and warns; round trip import -> JSON -> import is identical', async () => {
    const csv = [
      SUP_HEADER,
      'Acme GmbH,Germany,Western Tier 1,hotline,,,+49 711 400,2025,published,"=HYPERLINK(""http://evil"",""x"")",@SUM(A1),https://example.com/a,2025-03-01',
      'Acme GmbH,Germany,Western Tier 1,china_rd_engineers,-0,persons,"-2 % y/y, ""quoted""",FY2024,verified in source,Acme,Report,https://example.com/b,2025-03',
    ].join('\r\n');
    const first = await parseAndValidate('suppliers', enc(csv), 'acme.csv', { today: TODAY });
    expect(first.summary.valid).toBe(true);
    expect(first.records[0].value_text).toBe('+49 711 400');
    expect(first.records[0].source_publisher).toBe('=HYPERLINK("http://evil","x")');
    expect(first.issues.filter((i) => i.rule === 'formula-like-text').map((i) => i.column)).toEqual([
      'value_text',
      'source_publisher',
      'source_title',
      'value_text',
    ]);
    const json = JSON.stringify({ kind: 'suppliers', records: first.records });
    const second = await parseAndValidate('suppliers', enc(json), 'acme.json', { today: TODAY });
    expect(second.summary.format).toBe('json');
    expect(second.records).toEqual(first.records);
  });

  it('refuses JSON declared for another kind', async () => {
    const json = JSON.stringify({ kind: 'tariffs', records: [] });
    await expect(parseAndValidate('suppliers', enc(json), 'x.json', { today: TODAY })).rejects.toThrow(
      'holds kind "tariffs" but "suppliers" was requested',
    );
  });

  it('reads header aliases case- and space-insensitively and a "%" suffix in percent columns', async () => {
    const csv = 'Region,YEAR,Scenario,EV Share (%),Status\nChina,2030,Mine,68.5%,assumption\n';
    const r = await parseAndValidate('outlooks', enc(csv), 'o.csv', { today: TODAY });
    expect(r.summary.valid).toBe(true);
    expect(isClose(r.records[0].ev_sales_share_new_cars_pct as number, 68.5)).toBe(true);
  });

  it('caps the issue list at 200 and keeps the total count', async () => {
    const rows = [SUP_HEADER];
    for (let i = 0; i < 300; i++) rows.push(`Co${i},DE,T1,attr,abc,EUR bn,,2024,published,P,T,https://e.com,2024-01-01`);
    const r = await parseAndValidate('suppliers', enc(rows.join('\n')), 'many.csv', { today: TODAY });
    expect(r.issues).toHaveLength(200);
    expect(r.issueCount).toBe(300);
    expect(r.rejected).toHaveLength(300);
    expect(r.rejected[0]).toMatchObject({ row: 1, reasons: ['"abc" is not a number (column value_num holds numbers)'] });
  });

  it('reports a percent above 100 in a share column', async () => {
    const r = await parseAndValidate(
      'outlooks',
      enc('region,year,scenario,ev_sales_share_new_cars_pct,status\nChina,2030,A,68,x\nEU,2030,A,180,x\n'),
      'o.csv',
      { today: TODAY },
    );
    expect(r.issues[0]).toMatchObject({ row: 2, rule: 'percent-over-100', column: 'ev_sales_share_new_cars_pct' });
  });

  it('imports the first or a named sheet of an .xlsx file', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Notes').addRow(['not data']);
    const ws = wb.addWorksheet('Data');
    ws.addRow(['region', 'year', 'scenario', 'ev_sales_share_new_cars_pct', 'status', 'source_date']);
    ws.addRow(['China', 2030, 'Mine', 68.5, 'assumption', new Date(Date.UTC(2025, 4, 15))]);
    ws.addRow(['Europe', 2030, 'Mine', { formula: '50+5', result: 55 }, 'assumption', '2025-05']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await parseAndValidate('outlooks', bytes, 'book.xlsx', { today: TODAY, sheetName: 'Data' });
    expect(r.summary.format).toBe('xlsx');
    expect(r.summary.valid).toBe(true);
    expect(r.records.map((x) => x.source_date)).toEqual(['2025-05-15', '2025-05']);
    expect(r.records[1].ev_sales_share_new_cars_pct).toBe(55);
    const first = await parseAndValidate('outlooks', bytes, 'book.xlsx', { today: TODAY });
    expect(first.issues.find((i) => i.rule === 'missing-column')).toBeDefined();
    await expect(parseAndValidate('outlooks', bytes, 'book.xlsx', { today: TODAY, sheetName: 'Nope' })).rejects.toThrow(
      'has no sheet "Nope" (sheets: Notes, Data)',
    );
  });

  it('reports a value in the wrong currency as a unit mismatch', async () => {
    const csv =
      'period,metric,geography_from,geography_to,value_usd_bn,status\n2024,export_value,China,World,12.5 EUR,published\n2023,export_value,China,World,€9.4,published\n';
    const r = await parseAndValidate('exports', enc(csv), 'x.csv', { today: TODAY });
    expect(r.issues.map((i) => [i.row, i.rule, i.message])).toEqual([
      [1, 'unit-mismatch', 'Row 1: Unit mismatch: "12.5 EUR" is in EUR but value_usd_bn expects USD bn'],
      [2, 'unit-mismatch', 'Row 2: Unit mismatch: "€9.4" is in EUR but value_usd_bn expects USD bn'],
    ]);
  });

  it('names the unknown kind', async () => {
    await expect(parseAndValidate('widgets', enc('a,b\n1,2'), 'w.csv', { today: TODAY })).rejects.toThrow('Unknown dataset kind "widgets"');
  });

  it('raises DataImportError with a rule for bad files', async () => {
    const err = await parseAndValidate('suppliers', new Uint8Array(0), 'none.csv', { today: TODAY }).catch((e) => e);
    expect(err).toBeInstanceOf(DataImportError);
    expect(err.rule).toBe('empty-file');
  });
});

describe('diffRecords / tableToRecords', () => {
  it('counts added, changed and removed records by key', () => {
    const schema = SCHEMAS.outlooks;
    const before = [
      { region: 'China', year: 2030, scenario: 'A', ev_sales_share_new_cars_pct: 68 },
      { region: 'EU', year: 2030, scenario: 'A', ev_sales_share_new_cars_pct: 55 },
    ];
    const after = [
      { region: 'China', year: 2030, scenario: 'A', ev_sales_share_new_cars_pct: 70 },
      { region: 'US', year: 2030, scenario: 'A', ev_sales_share_new_cars_pct: 30 },
    ];
    const d = diffRecords(schema, before, after);
    expect([d.added, d.changed, d.removed, d.unchanged]).toEqual([1, 1, 1, 0]);
    expect(d.examples).toContain('changed China|2030|A: ev_sales_share_new_cars_pct 68 -> 70');
  });

  it('reads table cells back, converting Excel date serials to ISO and ignoring extra columns', () => {
    const recs = tableToRecords(SCHEMAS.tariffs, [
      ['jurisdiction', 'effective_date', 'tariff_rate_pct', 'status', 'status_label'],
      ['EU', 45595, '17', 'in force', 'in force'],
    ]);
    expect(recs[0].effective_date).toBe('2024-10-30');
    expect(recs[0].tariff_rate_pct).toBe(17);
    expect(recs[0].measure).toBeNull();
  });
});

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex(enc(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(enc('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(enc('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with crypto.subtle around block boundaries', async () => {
    for (const n of [0, 3, 55, 56, 63, 64, 65, 1000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 255);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const expected = Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
      expect(sha256Hex(bytes)).toBe(expected);
      expect(await sha256HexAsync(bytes)).toBe(expected);
    }
  });
});
