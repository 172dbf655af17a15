/**
 * The parameter registry against the shipped CSVs: every default, low and high that cites a data row is
 * recomputed here from that row, so a changed CSV (or a mistyped default) fails the build instead of drifting.
 * Assumptions carry no data row and are labelled "assumption" in the registry (tested in src/model/params.test.ts).
 * The rows are the bundled records of src/data/reference (the one parser, typed by the dataset schemas), and the
 * last test fails when a parameter that cites data has a default no test here recomputes.
 */
import { describe, expect, it } from 'vitest';
import { referenceTable } from '../../src/data/reference/index';
import type { DataRecord } from '../../src/data/types';
import { PARAMS, paramById } from '../../src/model/params';
import type { ParamMeta } from '../../src/model/types';
import { assertClose } from '../helpers/tolerance';

const parameters = referenceTable('parameters').records;
const projections = referenceTable('outlooks').records;
const nev = referenceTable('nev-sales').records;
const suppliers = referenceTable('suppliers').records;
const tariffs = referenceTable('tariffs').records;
const str = (r: DataRecord, column: string) => String(r[column] ?? '');

function mp(parameter: string, scope: RegExp, field: 'value_low' | 'value_central' | 'value_high'): number {
  const row = parameters.find((r) => r.parameter === parameter && scope.test(str(r, 'region_or_scope')));
  if (!row) throw new Error(`modelling_parameters.csv has no ${parameter} for ${scope}`);
  const value = row[field];
  if (typeof value !== 'number') throw new Error(`modelling_parameters.csv ${parameter} ${scope}: ${field} is empty`);
  return value;
}
const mpRow = (parameter: string) => parameters.find((r) => r.parameter === parameter)!;
const outlook = (region: string, year: number, scenario: string) =>
  (projections.find((r) => str(r, 'region').startsWith(region) && r.year === year && r.scenario === scenario)!
    .ev_sales_share_new_cars_pct as number) / 100;

/** Every "<id> <field>" a test below reads (default, or min/mode/max of the distribution). */
const checked = new Set<string>();
const watch = <T extends object>(id: string, target: T): T =>
  new Proxy(target, { get: (t, field) => (typeof field === 'string' && checked.add(`${id} ${field}`), Reflect.get(t, field)) });
const param = (id: string) => watch(id, paramById(id)!);
const tri = (id: string) => {
  const d = paramById(id)!.distribution;
  if (d?.kind !== 'triangular') throw new Error(`${id} has no triangular distribution`);
  return watch(id, d);
};

describe('parameter defaults and ranges recomputed from the data rows they cite', () => {
  it('NEV ceilings: IEA STEPS 2035 (GEVO 2024) as default, lowest published outlook and APS 2035 as the range', () => {
    for (const [key, region] of [
      ['China', 'China'],
      ['Europe', 'Europe'],
      ['UnitedStates', 'United States'],
      ['RestOfWorld', 'Rest of world'],
    ]) {
      assertClose(param(`nev.ceiling.${key}`).default, outlook(region, 2035, 'STEPS'));
    }
    assertClose(tri('nev.ceiling.Europe').max, outlook('Europe', 2035, 'APS'));
    assertClose(tri('nev.ceiling.RestOfWorld').max, outlook('Rest of world', 2035, 'APS'));
    assertClose(tri('nev.ceiling.RestOfWorld').min, outlook('Rest of world', 2030, 'STEPS'));
    assertClose(tri('nev.ceiling.Europe').min, outlook('Europe', 2030, 'BNEF EVO 2025 base case'));
    assertClose(tri('nev.ceiling.UnitedStates').min, outlook('United States', 2030, 'BNEF EVO 2025 base case'));
    assertClose(tri('nev.ceiling.China').min, outlook('China', 2030, 'BNEF EVO 2025 base case'));
  });

  it('market growth: the 2015-2025 CAGR of the implied new-car market', () => {
    for (const [key, region] of [
      ['China', 'China'],
      ['Europe', 'Europe'],
      ['UnitedStates', 'United States'],
      ['RestOfWorld', 'Rest of world (derived)'],
    ]) {
      const market = (year: number) =>
        nev.find((r) => r.region === region && r.year === year && /IEA GEVO 2024|OWID/.test(str(r, 'dataset')))!
          .total_car_sales_implied_vehicles as number;
      const cagr = (market(2025) / market(2015)) ** (1 / 10) - 1;
      assertClose(param(`nev.marketGrowth.${key}`).default, cagr, 0.02, 2e-4); // rounded to 0.1 pp in the registry
    }
  });

  it('trade parameters: elasticities, cost advantage, margin, freight, prices', () => {
    assertClose(param('nev.priceElasticity').default, mp('own_price_elasticity_BEV', /Norway/, 'value_central'));
    assertClose(tri('nev.priceElasticity').min, mp('own_price_elasticity_PHEV', /Norway/, 'value_central'));
    assertClose(tri('nev.priceElasticity').max, mp('own_price_elasticity_gasoline_car', /Norway/, 'value_central'));
    assertClose(param('nev.vehiclePriceUsd').default, mp('average_export_price_china_vehicles', /./, 'value_central'));
    assertClose(tri('nev.vehiclePriceUsd').max, mp('example_price_eu', /BYD Seal U/, 'value_central') * 1.08);
    assertClose(param('exports.costAdvantage').default, mp('china_component_cost_advantage', /Valeo/, 'value_central') / 100);
    assertClose(tri('exports.costAdvantage').min, mp('china_ev_cost_advantage', /European OEMs/, 'value_low') / 100);
    assertClose(tri('exports.costAdvantage').max, mp('china_ev_production_cost_advantage_vs_legacy', /VW ID\.3/, 'value_central') / 100);
    const margin = mp('example_profit_china', /BYD Seal U/, 'value_central') / mp('example_price_china', /BYD Seal U/, 'value_central');
    assertClose(param('exports.exporterMargin').default, margin, 0.01);
    const euMargin = mp('example_profit_eu', /BYD Seal U/, 'value_central') / mp('example_price_eu', /BYD Seal U/, 'value_central');
    assertClose(tri('exports.exporterMargin').max, euMargin, 0.01);
    const freight = (f: 'value_low' | 'value_high') =>
      mp('ocean_freight_per_vehicle', /China to overseas/, f) / mp('average_export_price_china_vehicles', /./, 'value_central');
    for (const d of ['Europe', 'NorthAmerica', 'RestOfWorld']) {
      assertClose(tri(`exports.freight.${d}`).min, freight('value_low'), 0.01);
      assertClose(tri(`exports.freight.${d}`).max, freight('value_high'), 0.01);
      assertClose(param(`exports.freight.${d}`).default, (freight('value_low') + freight('value_high')) / 2, 0.01);
    }
    const mahle = suppliers.find((r) => r.company === 'MAHLE' && r.attribute === 'global_revenue')!;
    const ebit = Number(/EBIT EUR (\d+) m/.exec(str(mahle, 'value_text'))![1]);
    assertClose(tri('exports.exporterMargin').min, ebit / ((mahle.value_num as number) * 1000), 0.01);
    assertClose(tri('nev.vehiclePriceUsd').max, mp('example_price_eu', /BYD Seal U/, 'value_central') * 1.08);
    // The US connected-vehicle rule: "software prohibition from model year 2027" in the BIS row of tariffs.csv.
    const bis = tariffs.find((r) => /BIS connected-vehicle rule/.test(str(r, 'measure')))!;
    expect(param('exports.adasBanYear.NorthAmerica').default).toBe(
      Number(/software prohibition from model year (\d{4})/.exec(str(bis, 'status'))![1]),
    );
    assertClose(
      param('exports.vehicleImportElasticity').default,
      mp('implied_import_elasticity_wrt_tariff', /EU imports of Chinese EVs/, 'value_central'),
    );
    assertClose(tri('exports.vehicleImportElasticity').min, mp('implied_import_elasticity_wrt_tariff', /KITE/, 'value_central'));
    assertClose(param('exports.logitBeta').default, mp('armington_sigma_among_imports', /GTAP/, 'value_central'));
    assertClose(tri('exports.logitBeta').min, mp('armington_sigma_domestic_vs_import', /GTAP/, 'value_central'));
  });

  it('R&D parameters: cost ratio, component development times, the MAHLE ratio', () => {
    assertClose(tri('rnd.engineerCostRatio.China').min, mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_low'));
    assertClose(tri('rnd.engineerCostRatio.China').max, mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_high'));
    const ratioMid =
      (mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_low') + mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_high')) /
      2;
    assertClose(param('rnd.engineerCostRatio.China').default, ratioMid, 0.01);
    // Marelli: lead times "from 36" months down to the 12-month target (unit column of the row).
    assertClose(param('rnd.cycleBaseMonths').default, Number(/from (\d+)/.exec(str(mpRow('component_lead_time_target'), 'unit'))![1]));
    assertClose(param('rnd.cycleMinMonths').default, mp('component_lead_time_target', /Marelli/, 'value_central'));
    assertClose(
      tri('rnd.cycleMinMonths').min,
      (mp('component_development_time', /Valeo/, 'value_low') + mp('component_development_time', /Valeo/, 'value_high')) / 2,
    );
    const mahle = suppliers.find((r) => r.company === 'MAHLE' && r.attribute === 'global_revenue')!;
    const ebit = Number(/EBIT EUR (\d+) m/.exec(str(mahle, 'value_text'))![1]);
    const rnd = Number(/R&D EUR (\d+) m/.exec(str(mahle, 'value_text'))![1]);
    assertClose(param('rnd.valueToBudgetRatio').default, (ebit + rnd) / rnd, 0.01);
    assertClose(param('rnd.budgetUsdM').default, rnd * 1.08, 0.01);
  });
});

/** A parameter whose value cites data (its source is not an assumption or a lever). */
const citesData = (p: ParamMeta) => !/^(assumption|lever|estimate \(assumption\))/i.test(p.source);

describe('coverage', () => {
  // Runs after the tests above have read the registry (vitest runs the tests of a file in order).
  it('recomputes the default of every parameter that cites a data row', () => {
    const cited = PARAMS.filter(citesData).map((p) => p.id);
    expect(cited.length).toBeGreaterThan(20);
    expect(cited.filter((id) => !checked.has(`${id} default`))).toEqual([]);
  });
});
