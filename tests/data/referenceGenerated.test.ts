import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, readReferenceCsvs, renderReferenceModule } from '../../scripts/build-reference';
import { statusLabel } from '../../src/data/status';
import { REFERENCE_AS_OF, REFERENCE_FILES, REFERENCE_VERSION } from '../../src/data/reference/dataset.generated';
import { loadReferenceDataset } from '../../src/data/reference/index';

describe('generated reference dataset', () => {
  it('is up to date with src/data/reference/*.csv (run `npx tsx scripts/build-reference.ts` if this fails)', () => {
    const expected = renderReferenceModule(readReferenceCsvs());
    expect(readFileSync(GENERATED_PATH, 'utf8') === expected).toBe(true);
  });

  it('stores each CSV byte for byte with its SHA-256 (checked against node:crypto)', () => {
    const csvs = readReferenceCsvs();
    for (const entry of REFERENCE_FILES) {
      expect(entry.csv).toBe(csvs[entry.file]);
      expect(entry.sha256).toBe(createHash('sha256').update(csvs[entry.file], 'utf8').digest('hex'));
    }
  });

  it('has the row counts of src/data/reference/README.md, a version and an as-of date', () => {
    const rows = Object.fromEntries(REFERENCE_FILES.map((f) => [f.file, f.rows]));
    expect(rows).toEqual({
      'suppliers.csv': 68,
      'nev_sales_by_region.csv': 74,
      'china_share_of_global_nev.csv': 6,
      'china_exports.csv': 32,
      'tariffs.csv': 43,
      'ev_share_projections.csv': 49,
      'modelling_parameters.csv': 67,
    });
    expect(REFERENCE_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    // Latest source_date in the files (OWID electric car sales page, 2026-05-27).
    expect(REFERENCE_AS_OF).toBe('2026-05-27');
  });
});

describe('loadReferenceDataset', () => {
  it('validates every bundled file without a single error and keeps source and status columns', async () => {
    const ds = await loadReferenceDataset();
    expect(ds.tables.map((t) => t.kind)).toEqual(['suppliers', 'nev-sales', 'china-share', 'exports', 'tariffs', 'outlooks', 'parameters']);
    for (const t of ds.tables) {
      expect(t.validation.summary.errors).toBe(0);
      expect(t.records.length).toBe(REFERENCE_FILES.find((f) => f.file === t.file)!.rows);
      expect(Object.keys(t.records[0])).toContain('source_url');
    }
    const bosch = ds.tables[0].records[0];
    expect(bosch.company).toBe('Bosch (Robert Bosch GmbH)');
    expect(bosch.attribute).toBe('global_revenue');
    expect(bosch.value_num).toBe(90.5);
    expect(bosch.value_unit).toBe('EUR bn');
    expect(bosch.source_date).toBe('2025-01-31');
  });

  it('keeps region-year rows of different datasets apart (the key includes the dataset)', async () => {
    const ds = await loadReferenceDataset();
    const nev = ds.tables.find((t) => t.kind === 'nev-sales')!.records;
    const china2024 = nev.filter((r) => r.region === 'China' && r.year === 2024);
    expect(china2024.length).toBeGreaterThan(1);
    expect(new Set(china2024.map((r) => r.dataset)).size).toBe(china2024.length);
  });

  it('labels statuses: per article, provisional (2025 NEV sales), derived, verified, published', async () => {
    const ds = await loadReferenceDataset();
    const suppliers = ds.tables[0].records;
    const labels = new Set(suppliers.map((r) => statusLabel(String(r.verification_status))));
    expect(labels).toContain('per article');
    expect(labels).toContain('verified');
    expect(labels).toContain('derived');
    const nev = ds.tables.find((t) => t.kind === 'nev-sales')!.records;
    for (const r of nev.filter((x) => x.year === 2025)) {
      expect(statusLabel(String(r.status), { kind: 'nev-sales', year: 2025 })).toBe('provisional');
    }
  });

  it('builds one summary row per company from the supplier facts', async () => {
    const ds = await loadReferenceDataset();
    const companies = new Set(ds.tables[0].records.map((r) => r.company));
    expect(ds.supplierSummary.rows).toHaveLength(companies.size);
    expect(companies.size).toBe(14);
    const bosch = ds.supplierSummary.rows[0];
    expect(bosch.global_revenue).toBe('90.5 EUR bn (FY2024) [verified]');
    const facts = ds.supplierSummary.rows.reduce((n, r) => n + (r.fact_count as number), 0);
    expect(facts).toBe(68);
  });
});
