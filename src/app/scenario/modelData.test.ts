import { describe, expect, it } from 'vitest';
import { referenceTable } from '../../data/reference/index';
import { modelDataFromRecords, nevHistoryFromCells, nevHistoryFromText, projectionsFromRecords } from './modelData';

describe('modelDataFromRecords (the bundled records of data/reference)', () => {
  const records = (kind: 'nev-sales' | 'tariffs' | 'exports' | 'outlooks') => referenceTable(kind).records;
  const data = modelDataFromRecords({ 'nev-sales': records('nev-sales'), tariffs: records('tariffs'), exports: records('exports') });

  it('runs the @example: every history row, with the BEV split where the row has it', () => {
    expect(data.nevHistory).toHaveLength(74);
    expect(data.nevHistory.find((p) => p.region === 'China' && p.year === 2023)!.bevSales).toBe(5_400_000);
    expect(data.nevHistory.find((p) => p.region === 'China' && p.year === 2025 && p.dataset?.startsWith('OWID'))!.bevSales).toBeUndefined();
  });

  it('keeps the full-year trade rows the export block is anchored on', () => {
    const cars = data.trade!.find((t) => t.metric === 'eu_car_imports_from_china_value' && t.year === 2023)!;
    expect(cars).toMatchObject({ to: 'EU27', units: 706_976, eurBn: 12.9 });
    expect(data.trade!.find((t) => t.metric === 'eu_ev_imports_from_china_value' && t.year === 2023)!.usdBn).toBe(11.5);
    expect(data.trade!.some((t) => t.metric === 'nev_exports' && t.year === 2025)).toBe(true);
    expect(data.trade!.every((t) => Number.isInteger(t.year))).toBe(true); // partial-year rows dropped
  });

  it('reads history rows with share in percent and the implied market', () => {
    const china2025 = data.nevHistory.find((p) => p.region === 'China' && p.year === 2025 && p.dataset?.startsWith('OWID'))!;
    expect(china2025).toMatchObject({ evSales: 13_300_000, sharePct: 53, totalMarket: 25_094_340 });
    const bench = data.nevHistory.find((p) => p.region === 'China' && p.year === 2025 && p.dataset?.startsWith('Benchmark'))!;
    expect(Number.isNaN(bench.sharePct)).toBe(true);
  });

  it('keeps dated tariff steps with a rate and maps jurisdictions to destinations', () => {
    expect(data.tariffs).toHaveLength(40); // 43 rows minus MFN-without-date, EU guidance, BIS rule
    const s301 = data.tariffs.find((t) => /Lists 1-3/.test(t.scope))!;
    expect(s301).toMatchObject({ destination: 'North America', ratePct: 25, effectiveDate: '2018-07-06' });
    const ev = data.tariffs.find((t) => /Section 301.*: Electric vehicles$/.test(t.scope))!;
    expect(ev).toMatchObject({ ratePct: 100, baseMfnPct: 2.5, previousRatePct: 25 });
    expect(data.tariffs.find((t) => t.company === 'BYD Group' && /Definitive/.test(t.scope))!.ratePct).toBe(17);
    const provisional = data.tariffs.find((t) => /Provisional/.test(t.scope))!;
    expect(provisional.endDate).toBe('2024-10-29');
    const definitive = data.tariffs.find((t) => /Definitive/.test(t.scope))!;
    expect(definitive.endDate).toBeUndefined(); // a review date, not an expiry
    expect(data.tariffs.find((t) => t.jurisdiction === 'Brazil')!.destination).toBe('Rest of world');
  });

  it('keeps full-year CAAM NEV exports only', () => {
    expect((data.chinaNevExports ?? []).map((p) => [p.year, p.units])).toEqual([
      [2021, 310_000],
      [2022, 679_000],
      [2023, 1_203_000],
      [2024, 1_284_000],
      [2025, 2_615_000],
    ]);
  });

  it('reads the outlooks when given', () => {
    const projections = projectionsFromRecords(records('outlooks'));
    const steps = projections.find((p) => p.region === 'China' && p.year === 2035 && p.scenario === 'STEPS')!;
    expect(steps.sharePct).toBe(85);
  });
});

describe('errors name file, line and column (the import parser and the nev-sales schema)', () => {
  const header = 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,dataset,status\n';
  const read = (text: string) => nevHistoryFromText(text, 'nev_sales_by_region.csv');
  it('refuses shares outside 0-100 % and negative counts, naming the line', () => {
    expect(() => read(header + 'China,2015,100,1,d,ok\nChina,2016,200,140,d,ok\n')).toThrow(
      'nev_sales_by_region.csv line 3 (data row 2): 140 in ev_sales_share_new_cars_pct is above the maximum 100 (a share in percent)',
    );
    expect(() => read(header + 'China,2015,-5,1,d,ok\n')).toThrow(
      'line 2 (data row 1): -5 in ev_sales_total_vehicles: a volume cannot be negative',
    );
  });
  it('says a number is too large instead of "not a number"', () => {
    expect(() => read(header + 'China,2015,1e400,1,d,ok\n')).toThrow(
      'line 2 (data row 1): "1e400" is too large to be a number (column ev_sales_total_vehicles)',
    );
  });
  it('rejects a non-numeric value and says how many more problems there are', () => {
    expect(() => read(header + 'China,2015,100,1,d,ok\nChina,2016,many,2,d,ok\nChina,2017,few,3,d,ok\n')).toThrow(
      'nev_sales_by_region.csv line 3 (data row 2): "many" is not a number (column ev_sales_total_vehicles holds vehicles) (and 1 more problem)',
    );
  });
  it('rejects a missing year, a missing required column and a missing column the model needs', () => {
    expect(() => read(header + 'China,,1,1,d,x\n')).toThrow('line 2 (data row 1): year is required but empty');
    expect(() => read('region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,status\nChina,2015,1,1,x\n')).toThrow(
      'Required column "dataset" is missing',
    );
    expect(() => read('region,year,dataset,status\nChina,2015,d,x\n')).toThrow(
      'nev_sales_by_region.csv: missing column(s) ev_sales_total_vehicles, ev_sales_share_new_cars_pct',
    );
  });
  it('refuses an unclosed quote with its line instead of merging the rows after it (3 rows are never "2 rows")', () => {
    const text = header + 'China,2015,100,1,d,ok\nChina,2016,200,2,"d,ok\nChina,2017,300,3,d,ok\n';
    expect(() => read(text)).toThrow(/nev_sales_by_region.csv: Line 3: the quote opening the field .* is never closed/);
  });
  it('refuses a ragged row (more or fewer fields than the header) with its line', () => {
    expect(() => read(header + 'China,2015,100,1,d,ok,extra\n')).toThrow(
      'data row 1: has 7 fields but the header has 6 (ragged row, file line 2)',
    );
    expect(() => read(header + 'China,2015,100,1,d,ok\nChina,2016,200\n')).toThrow(
      'data row 2: has 3 fields but the header has 6 (ragged row, file line 3)',
    );
  });
});

describe('the NEV history of a workbook table (cells, no CSV text in between)', () => {
  const table = [
    ['region', 'year', 'ev_sales_total_vehicles', 'ev_sales_share_new_cars_pct', 'dataset', 'status'],
    ['China', 2015, 331_000, 0.1 + 0.2, 'd', 'ok'],
    ['China', 2016, 507_000, 1.8, 'd', 'ok'],
  ];
  it('keeps every number to the bit, including a comma or quote in a text cell', () => {
    const points = nevHistoryFromCells([...table, ['China, "mainland"', 2017, 579_000, 2.2, 'd', 'ok']], 'workbook table tblNevSales');
    expect(points.map((p) => p.sharePct)).toEqual([0.1 + 0.2, 1.8, 2.2]);
    expect(points[2].region).toBe('China, "mainland"');
  });
  it('reads a source date Excel turned into a serial number as the date it shows', () => {
    const dated = [
      [...table[0], 'source_date'],
      [...table[1], 45658],
      [...table[2], '2025-01'],
    ];
    expect(nevHistoryFromCells(dated, 'workbook table tblNevSales')).toHaveLength(2);
  });
  it('names the table and data row of a bad cell', () => {
    const bad = [...table, ['China', 2017, 'many', 2, 'd', 'ok']];
    expect(() => nevHistoryFromCells(bad, 'workbook table tblNevSales')).toThrow(
      'workbook table tblNevSales data row 3: "many" is not a number',
    );
  });
});
