/**
 * The parameter registry against the shipped CSVs: every default, low and high that cites a data row is
 * recomputed here from that row, so a changed CSV (or a mistyped default) fails the build instead of drifting.
 * Assumptions carry no data row and are labelled "assumption" in the registry (tested in src/model/params.test.ts).
 */
import Papa from 'papaparse';
import { describe, it } from 'vitest';
import { REFERENCE_FILES } from '../../src/data/reference/index';
import { paramById } from '../../src/model/params';
import { assertClose } from '../helpers/tolerance';

type Row = Record<string, string>;
const rows = (file: string): Row[] => Papa.parse<Row>(REFERENCE_FILES.find((f) => f.file === file)!.csv, { header: true, skipEmptyLines: 'greedy' }).data;
const parameters = rows('modelling_parameters.csv');
const projections = rows('ev_share_projections.csv');
const nev = rows('nev_sales_by_region.csv');
const suppliers = rows('suppliers.csv');

function mp(parameter: string, scope: RegExp, field: 'value_low' | 'value_central' | 'value_high'): number {
  const row = parameters.find((r) => r.parameter === parameter && scope.test(r.region_or_scope));
  if (!row) throw new Error(`modelling_parameters.csv has no ${parameter} for ${scope}`);
  const value = Number(row[field]);
  if (row[field] === '' || !Number.isFinite(value)) throw new Error(`modelling_parameters.csv ${parameter} ${scope}: ${field} is empty`);
  return value;
}
const outlook = (region: string, year: number, scenario: string) =>
  Number(projections.find((r) => r.region.startsWith(region) && Number(r.year) === year && r.scenario === scenario)!.ev_sales_share_new_cars_pct) / 100;
const param = (id: string) => paramById(id)!;
const tri = (id: string) => {
  const d = param(id).distribution;
  if (d?.kind !== 'triangular') throw new Error(`${id} has no triangular distribution`);
  return d;
};

describe('parameter defaults and ranges recomputed from the data rows they cite', () => {
  it('NEV ceilings: IEA STEPS 2035 (GEVO 2024) as default, lowest published outlook and APS 2035 as the range', () => {
    for (const [key, region] of [['China', 'China'], ['Europe', 'Europe'], ['UnitedStates', 'United States'], ['RestOfWorld', 'Rest of world']]) {
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
    for (const [key, region] of [['China', 'China'], ['Europe', 'Europe'], ['UnitedStates', 'United States'], ['RestOfWorld', 'Rest of world (derived)']]) {
      const market = (year: number) =>
        Number(nev.find((r) => r.region === region && Number(r.year) === year && /IEA GEVO 2024|OWID/.test(r.dataset))!.total_car_sales_implied_vehicles);
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
    const freight = (f: 'value_low' | 'value_high') => mp('ocean_freight_per_vehicle', /China to overseas/, f) / mp('average_export_price_china_vehicles', /./, 'value_central');
    assertClose(tri('exports.freight.Europe').min, freight('value_low'), 0.01);
    assertClose(tri('exports.freight.Europe').max, freight('value_high'), 0.01);
    assertClose(param('exports.vehicleImportElasticity').default, mp('implied_import_elasticity_wrt_tariff', /EU imports of Chinese EVs/, 'value_central'));
    assertClose(tri('exports.vehicleImportElasticity').min, mp('implied_import_elasticity_wrt_tariff', /KITE/, 'value_central'));
    assertClose(param('exports.logitBeta').default, mp('armington_sigma_among_imports', /GTAP/, 'value_central'));
    assertClose(tri('exports.logitBeta').min, mp('armington_sigma_domestic_vs_import', /GTAP/, 'value_central'));
  });

  it('R&D parameters: cost ratio, component development times, the MAHLE ratio', () => {
    assertClose(tri('rnd.engineerCostRatio.China').min, mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_low'));
    assertClose(tri('rnd.engineerCostRatio.China').max, mp('engineer_cost_ratio_china_vs_us_weurope', /./, 'value_high'));
    assertClose(param('rnd.cycleMinMonths').default, mp('component_lead_time_target', /Marelli/, 'value_central'));
    assertClose(tri('rnd.cycleMinMonths').min, (mp('component_development_time', /Valeo/, 'value_low') + mp('component_development_time', /Valeo/, 'value_high')) / 2);
    const mahle = suppliers.find((r) => r.company === 'MAHLE' && r.attribute === 'global_revenue')!;
    const ebit = Number(/EBIT EUR (\d+) m/.exec(mahle.value_text)![1]);
    const rnd = Number(/R&D EUR (\d+) m/.exec(mahle.value_text)![1]);
    assertClose(param('rnd.valueToBudgetRatio').default, (ebit + rnd) / rnd, 0.01);
    assertClose(param('rnd.budgetUsdM').default, rnd * 1.08, 0.01);
  });
});
