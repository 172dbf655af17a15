import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChinaNevExports, parseNevHistory, parseProjections, parseTariffs, toModelData } from './modelData';

const csv = (name: string) => readFileSync(new URL(`../data/reference/${name}`, import.meta.url), 'utf8');

describe('toModelData', () => {
  const data = toModelData({ nevSales: csv('nev_sales_by_region.csv'), tariffs: csv('tariffs.csv'), exports: csv('china_exports.csv') });

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
      [2021, 310_000], [2022, 679_000], [2023, 1_203_000], [2024, 1_284_000], [2025, 2_615_000],
    ]);
  });

  it('reads the outlooks when given', () => {
    const projections = parseProjections(csv('ev_share_projections.csv'));
    const steps = projections.find((p) => p.region === 'China' && p.year === 2035 && p.scenario === 'STEPS')!;
    expect(steps.sharePct).toBe(85);
  });
});

describe('errors name file, line and column', () => {
  const header = 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,status\n';
  it('refuses shares outside 0-100 % and negative counts, naming the row', () => {
    expect(() => parseNevHistory(header + 'China,2015,100,1,ok\nChina,2016,200,140,ok\n')).toThrow(
      'nev_sales_by_region.csv line 3, column ev_sales_share_new_cars_pct: 140 is outside 0-100 % (region China, 2016)',
    );
    expect(() => parseNevHistory(header + 'China,2015,-5,1,ok\n')).toThrow('line 2, column ev_sales_total_vehicles: -5 is negative (region China, 2015)');
  });
  it('says a number is too large instead of "not a number"', () => {
    expect(() => parseNevHistory(header + 'China,2015,1e400,1,ok\n')).toThrow("line 2, column ev_sales_total_vehicles: '1e400' is too large (beyond +-1.8e308)");
  });
  it('rejects a non-numeric value', () => {
    const text = 'region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,status\nChina,2015,100,1,ok\nChina,2016,many,2,ok\n';
    expect(() => parseNevHistory(text)).toThrow("nev_sales_by_region.csv line 3, column ev_sales_total_vehicles: 'many' is not a number");
  });
  it('rejects a missing year and missing columns', () => {
    expect(() => parseNevHistory('region,year,ev_sales_total_vehicles,ev_sales_share_new_cars_pct,status\nChina,,1,1,x\n')).toThrow(
      'nev_sales_by_region.csv line 2, column year: a year is required',
    );
    expect(() => parseTariffs('jurisdiction,measure\nEU,x\n')).toThrow('tariffs.csv: missing column(s) product_scope, tariff_rate_pct, effective_date');
    expect(() => parseChinaNevExports('period,metric\n')).toThrow('china_exports.csv: missing column(s) value_units, status');
  });
});
