/**
 * The one parameter registry. Every default cites modelling_parameters.csv / ev_share_projections.csv /
 * nev_sales_by_region.csv / tariffs.csv / suppliers.csv rows, or is labelled "assumption" with its reason.
 * Distributions are given only where the data has a low/central/high (triangular).
 */
import type { ParamMeta } from './types';
import { DESTINATIONS, PRODUCTS, REGIONS } from './ids';

const IEA_STEPS_2024 =
  'IEA, Global EV Outlook 2024 - Global EV Data Explorer, STEPS projections (ev_share_projections.csv), https://www.iea.org/data-and-statistics/data-product/global-ev-outlook-2024';
const IEA_HISTORY =
  'IEA GEVO 2024 data explorer 2015-2023 + OWID (IEA) 2024-2025, nev_sales_by_region.csv';
const MP = 'modelling_parameters.csv';

function p(meta: Omit<ParamMeta, 'step'> & { step?: number }): ParamMeta {
  return { step: meta.step ?? 0.01, ...meta };
}

/** Ceilings: IEA STEPS 2035 share (GEVO 2024); low = lowest published outlook, high = APS 2035 or 100 %. */
const CEILINGS: Record<string, { central: number; low: number; high: number; note: string }> = {
  China: { central: 0.85, low: 0.8, high: 1, note: 'STEPS 2035 85 %; low 80 % (IEA GEVO 2025 / BNEF EVO 2025, 2030); high = 100 % physical bound' },
  Europe: { central: 0.87, low: 0.52, high: 0.92, note: 'STEPS 2035 87 %; low 52 % (BNEF EVO 2025, 2030); high APS 2035 92 %' },
  UnitedStates: { central: 0.71, low: 0.27, high: 0.71, note: 'STEPS 2035 71 % (GEVO 2024 vintage, before the 2025 US policy change); low 27 % (BNEF EVO 2025, 2030)' },
  RestOfWorld: { central: 0.2, low: 0.14, high: 0.46, note: 'STEPS 2035 20 % (IEA "Rest of world" aggregate); low STEPS 2030 14 %; high APS 2035 46 %' },
};

/** Historical CAGR of the implied new-car market 2015-2025 (derived from nev_sales_by_region.csv). */
const MARKET_GROWTH: Record<string, number> = { China: 0.0175, Europe: -0.0025, UnitedStates: -0.0062, RestOfWorld: 0.0046 };

const nevParams: ParamMeta[] = [
  ...REGIONS.map((r) => {
    const c = CEILINGS[r.key];
    return p({
      id: `nev.ceiling.${r.key}`, label: `NEV share ceiling, ${r.label}`, unit: 'fraction of new-car sales',
      min: 0.05, max: 1, default: c.central, group: 'nev', status: 'published (outlook anchor; scenario input)',
      source: `${IEA_STEPS_2024}; ${c.note}`,
      distribution: c.low < c.central && c.central < c.high ? { kind: 'triangular', min: c.low, mode: c.central, max: c.high } : undefined,
    });
  }),
  ...REGIONS.map((r) =>
    p({
      id: `nev.marketGrowth.${r.key}`, label: `New-car market growth, ${r.label}`, unit: 'fraction per year',
      min: -0.05, max: 0.08, step: 0.001, default: MARKET_GROWTH[r.key], group: 'nev', status: 'derived',
      source: `CAGR 2015-2025 of implied new-car sales (EV sales / EV share), ${IEA_HISTORY}`,
    }),
  ),
  p({ id: 'nev.speedMultiplier', label: 'Adoption-speed multiplier (after the last history year)', unit: 'x', min: 0.3, max: 3, default: 1,
    group: 'nev', status: 'assumption', source: 'assumption: 1 = the calibrated Bass pace continues; presets move it' }),
  p({ id: 'nev.shock.year', label: 'Shock year', unit: 'year', min: 2026, max: 2040, step: 1, default: 2030,
    group: 'nev', status: 'assumption', source: 'assumption: placeholder year; no effect while the shock size is 0' }),
  p({ id: 'nev.shock.sizePct', label: 'Shock to NEV share from the shock year on', unit: '% of share', min: -80, max: 80, step: 1, default: 0,
    group: 'nev', status: 'assumption', source: 'assumption: no shock in the baseline' }),
  p({ id: 'nev.priceElasticity', label: 'Own-price elasticity of NEV share', unit: 'elasticity', min: -3, max: 0, default: -1.27,
    group: 'nev', status: 'published', distribution: { kind: 'triangular', min: -1.72, mode: -1.27, max: -1.08 },
    source: `Fridstrom & Ostli, European Transport Research Review (Norway 2002-2016): BEV -1.27; range PHEV -1.72 .. gasoline car -1.08 (${MP})` }),
  p({ id: 'nev.vehiclePriceUsd', label: 'Average NEV price (base of the price feedback)', unit: 'USD per vehicle', min: 5000, max: 80000, step: 500,
    default: 19000, group: 'nev', status: 'published (CPCA)',
    source: `CPCA average export price of China vehicles Jan-May 2024, via EVMagz (${MP} average_export_price_china_vehicles)` }),
  p({ id: 'nev.chinaExportShareOfForeignNev', label: 'China NEV exports / NEV sales outside China (projection)', unit: 'fraction',
    min: 0, max: 0.9, default: 0.331, group: 'nev', status: 'derived',
    source: 'derived 2025: CAAM NEV exports 2.615 M (china_exports.csv) / (World 21.2 M - China 13.3 M, OWID/IEA) = 0.331' }),
];

/** Per-unit cost of a Western/local supplier, USD: all assumptions (no component price in the data). */
const UNIT_COST: Record<string, { usd: number; content: number; why: string; contentWhy: string }> = {
  edrive: { usd: 2000, content: 1, why: 'motor+inverter+reducer module, order of magnitude of supplier quotes', contentWhy: 'one drive unit per NEV' },
  adas: { usd: 800, content: 1, why: 'L2/L2+ domain controller, order of magnitude', contentWhy: 'one controller per new NEV (L2 is standard on new NEVs)' },
  sbw: { usd: 1500, content: 0.03, why: 'steer-by-wire system incl. actuators, order of magnitude', contentWhy: 'few production programmes yet (Cybertruck, NIO ET9)' },
  thermal: { usd: 900, content: 1, why: 'integrated heat-pump thermal module, order of magnitude', contentWhy: 'one thermal module per NEV' },
  sic: { usd: 1200, content: 0.25, why: '800 V SiC traction inverter, order of magnitude', contentWhy: 'share of NEVs on 800 V SiC platforms' },
  battery: { usd: 9000, content: 1, why: '60 kWh pack at about 150 USD/kWh', contentWhy: 'one pack per NEV' },
};

const exportParams: ParamMeta[] = [
  ...PRODUCTS.map((k) =>
    p({ id: `exports.content.${k.key}`, label: `Content per NEV, ${k.label}`, unit: 'units per vehicle', min: 0, max: 2, default: UNIT_COST[k.key].content,
      group: 'exports', status: 'assumption', source: `assumption: ${UNIT_COST[k.key].contentWhy}` }),
  ),
  ...PRODUCTS.map((k) =>
    p({ id: `exports.localCostUsd.${k.key}`, label: `Local (Western) unit cost, ${k.label}`, unit: 'USD per unit', min: 50, max: 50000, step: 10,
      default: UNIT_COST[k.key].usd, group: 'exports', status: 'assumption', source: `assumption: ${UNIT_COST[k.key].why}; no component price in the data` }),
  ),
  p({ id: 'exports.costAdvantage', label: 'China cost advantage vs local production', unit: 'fraction', min: 0, max: 0.6, default: 0.3,
    group: 'exports', status: 'published', distribution: { kind: 'triangular', min: 0.2, mode: 0.3, max: 0.35 },
    source: `Valeo CEO 2025 (cash.ch/AWP): equipment made in China 30 % cheaper; range 20 % (McKinsey via dpa) .. 35 % (UBS, BYD Seal vs ID.3) (${MP})` }),
  ...DESTINATIONS.map((d) =>
    p({ id: `exports.freight.${d.key}`, label: `Freight and insurance to ${d.label}`, unit: 'fraction of value', min: 0, max: 0.3, step: 0.001,
      default: 0.066, group: 'exports', status: 'derived estimate', distribution: { kind: 'triangular', min: 0.057, mode: 0.066, max: 0.075 },
      source: `derived: ocean freight 1,081-1,428 USD per vehicle (FBASZ, 2023-Q1) / 19,000 USD average export price (CPCA); components assumed to ship at a similar cost per value (${MP})` }),
  ),
  ...DESTINATIONS.map((d) =>
    p({ id: `exports.tariff.${d.key}`, label: `Extra tariff on China components, ${d.label} (on top of the dated schedule)`, unit: 'fraction',
      min: 0, max: 2, default: 0, group: 'exports', status: 'assumption',
      source: 'assumption: 0 = the dated schedule of tariffs.csv only; presets add duties here' }),
  ),
  p({ id: 'exports.fxFactor', label: 'FX factor on China costs (destination currency per CNY, index)', unit: 'index', min: 0.5, max: 1.5, default: 1,
    group: 'exports', status: 'assumption', source: 'assumption: constant real exchange rate' }),
  p({ id: 'exports.passThrough', label: 'Tariff pass-through to buyer prices', unit: 'fraction', min: 0, max: 1, default: 0.5,
    group: 'exports', status: 'assumption (bounded by published evidence)',
    source: `assumption: Rhodium Group (via FT) shows margins absorb much of a 30 % tariff, i.e. pass-through < 1; 0.5 is the midpoint (${MP})` }),
  p({ id: 'exports.logitBeta', label: 'Price sensitivity of the sourcing choice (logit beta)', unit: '1/relative cost gap', min: 0.5, max: 20, step: 0.1,
    default: 5.6, group: 'exports', status: 'UNVERIFIED',
    source: `GTAP Armington elasticity among imports, motor vehicles and parts, 5.6 (UNVERIFIED, ${MP}) used as the logit sensitivity` }),
  p({ id: 'exports.inertia', label: 'Sourcing inertia lambda (share of the gap closed per year)', unit: 'fraction per year', min: 0.02, max: 1,
    default: 0.2, group: 'exports', status: 'assumption', source: 'assumption: supply contracts last about 5 years (lambda = 1/5)' }),
  ...DESTINATIONS.map((d, i) =>
    p({ id: `exports.sigmaMax.${d.key}`, label: `Maximum China sourcing share, ${d.label}`, unit: 'fraction', min: 0, max: 1,
      default: [0.6, 0.4, 0.9][i], group: 'exports', status: 'assumption',
      source: ['assumption: EU local-content pressure and OEM dual-sourcing rules', 'assumption: USMCA rules of origin and Section 301/232 exposure', 'assumption: few local-content rules outside EU/NA'][i] }),
  ),
  ...DESTINATIONS.map((d, i) =>
    p({ id: `exports.sigmaStart.${d.key}`, label: `China sourcing share in the first model year, ${d.label}`, unit: 'fraction', min: 0, max: 1,
      default: [0.05, 0.05, 0.15][i], group: 'exports', status: 'assumption',
      source: i === 1 ? 'assumption: EPI puts China at 9 % of US auto-parts imports in 2023 (china_exports.csv); domestic supply makes the supply share lower' : 'assumption: small China share of NEV component supply in 2015' }),
  ),
  p({ id: 'exports.adasBanYear.NorthAmerica', label: 'US connected-vehicle rule: China ADAS software banned from model year', unit: 'model year',
    min: 2025, max: 2040, step: 1, default: 2027, group: 'exports', status: 'published',
    source: 'BIS connected-vehicle rule, 15 CFR Part 791, final rule 2025-01-16: software prohibition from model year 2027 (tariffs.csv)' }),
  p({ id: 'exports.capacityHeadroom', label: 'China component capacity above domestic demand', unit: 'fraction of domestic demand', min: 0, max: 3,
    default: 0.5, group: 'exports', status: 'assumption', source: 'assumption: reported component overcapacity; no capacity figure in the data' }),
];

const rndParams: ParamMeta[] = [
  p({ id: 'rnd.budgetUsdM', label: 'R&D budget per year', unit: 'USD m per year', min: 10, max: 10000, step: 10, default: 680, group: 'rnd',
    status: 'derived', source: 'MAHLE FY2024 R&D EUR 630 m (suppliers.csv, Autocar Professional) x 1.08 USD/EUR (assumption: 2024 average rate)' }),
  p({ id: 'rnd.engineerCostUsdK.EU', label: 'Loaded cost per engineer-year, Germany/EU', unit: 'USD k per year', min: 50, max: 400, step: 5, default: 150,
    group: 'rnd', status: 'estimate', source: 'estimate (assumption): VDA 62 EUR/h labour cost (tset) x ~1,600 h plus overheads' }),
  p({ id: 'rnd.engineerCostUsdK.US', label: 'Loaded cost per engineer-year, United States', unit: 'USD k per year', min: 50, max: 400, step: 5,
    default: 180, group: 'rnd', status: 'estimate', source: 'estimate (assumption): US engineering salaries above German levels' }),
  p({ id: 'rnd.engineerCostRatio.China', label: 'Engineer cost China / developed country', unit: 'ratio', min: 0.2, max: 1, default: 0.415,
    group: 'rnd', status: 'estimate (dated source)', distribution: { kind: 'triangular', min: 0.33, mode: 0.415, max: 0.5 },
    source: `estimate: "one third to one half" (GlobalAutoIndustry.com 2005; blog 2013), DATED/low reliability; mode = midpoint (${MP})` }),
  p({ id: 'rnd.engineerCostRatio.India', label: 'Engineer cost India / Germany-EU', unit: 'ratio', min: 0.1, max: 1, default: 0.3,
    group: 'rnd', status: 'estimate', source: 'estimate (assumption): no published automotive figure in the data' }),
  p({ id: 'rnd.cap.China', label: 'Cap on China share of R&D', unit: 'fraction', min: 0, max: 1, default: 0.6, group: 'rnd', status: 'assumption',
    source: 'assumption: talent and governance limit; Bosch >10,000 China R&D associates shows large shares are feasible (suppliers.csv)' }),
  p({ id: 'rnd.cap.EU', label: 'Cap on Germany/EU share of R&D', unit: 'fraction', min: 0, max: 1, default: 1, group: 'rnd', status: 'assumption', source: 'assumption: no cap at home' }),
  p({ id: 'rnd.cap.US', label: 'Cap on United States share of R&D', unit: 'fraction', min: 0, max: 1, default: 0.4, group: 'rnd', status: 'assumption', source: 'assumption: talent availability' }),
  p({ id: 'rnd.cap.India', label: 'Cap on India share of R&D', unit: 'fraction', min: 0, max: 1, default: 0.3, group: 'rnd', status: 'assumption', source: 'assumption: talent availability' }),
  p({ id: 'rnd.weight.EU', label: 'Weight of Germany/EU in the non-China split', unit: 'weight', min: 0, max: 1, default: 0.6, group: 'rnd', status: 'assumption', source: 'assumption: home-base heavy footprint' }),
  p({ id: 'rnd.weight.US', label: 'Weight of United States in the non-China split', unit: 'weight', min: 0, max: 1, default: 0.3, group: 'rnd', status: 'assumption', source: 'assumption' }),
  p({ id: 'rnd.weight.India', label: 'Weight of India in the non-China split', unit: 'weight', min: 0, max: 1, default: 0.1, group: 'rnd', status: 'assumption', source: 'assumption' }),
  p({ id: 'rnd.cycleBaseMonths', label: 'Development time without China R&D', unit: 'months', min: 30, max: 60, step: 1, default: 45, group: 'rnd',
    status: 'published', distribution: { kind: 'triangular', min: 45, mode: 45, max: 53 },
    source: `McKinsey & Company (2025): mass-market OEM 45 (default, mode), sports car 48, premium 53 (max) months to SOP (${MP})` }),
  p({ id: 'rnd.cycleMinMonths', label: 'Development time floor (China speed)', unit: 'months', min: 12, max: 36, step: 1, default: 24, group: 'rnd',
    status: 'published', distribution: { kind: 'triangular', min: 20, mode: 24, max: 24 },
    source: `McKinsey & Company (2025): new Chinese EV OEM 24 months; Bain 20-24 months (${MP})` }),
  p({ id: 'rnd.kappa', label: 'Cycle-time response to China share (kappa)', unit: '1/share', min: 0.1, max: 5, default: 1.627, group: 'rnd',
    status: 'derived', source: 'derived: Valeo 12 -> 7.5 months at full China placement (China Daily) with T_min/T_base = 24/45: kappa = -ln((7.5/12 - 24/45)/(1 - 24/45))' }),
  p({ id: 'rnd.windowValueUsdM', label: 'Gross margin of the market window at zero delay', unit: 'USD m per year', min: 0, max: 20000, step: 10,
    default: 2500, group: 'rnd', status: 'assumption', source: 'assumption: about 3.7x the R&D budget, a typical margin-to-R&D ratio for a Tier 1' }),
  p({ id: 'rnd.speedDecayPerYear', label: 'First-mover value lost per year of development time', unit: 'fraction per year', min: 0, max: 1,
    default: 0.3, group: 'rnd', status: 'assumption', source: 'assumption: a 4-year programme keeps exp(-1.2) = 30 % of the window' }),
  p({ id: 'rnd.productivityElasticity', label: 'Output elasticity to engineer headcount', unit: 'elasticity', min: 0, max: 1, default: 0.5,
    group: 'rnd', status: 'assumption', source: 'assumption: diminishing returns to headcount' }),
  p({ id: 'rnd.discountRate', label: 'Discount rate', unit: 'fraction per year', min: 0, max: 0.3, step: 0.005, default: 0.08, group: 'rnd',
    status: 'assumption', source: 'assumption: typical supplier WACC' }),
  p({ id: 'rnd.decouplingProbability', label: 'Annual probability of decoupling', unit: 'fraction per year', min: 0, max: 1, default: 0.05,
    group: 'rnd', status: 'assumption', source: 'assumption: one event in about 20 years' }),
  p({ id: 'rnd.decouplingLossUsdM', label: 'Loss if decoupled at 100 % China R&D (stranded programmes, IP)', unit: 'USD m', min: 0, max: 100000,
    step: 100, default: 17500, group: 'rnd', status: 'assumption',
    source: 'assumption: about 7 years of the market-window margin (7 x 2,500); enters as x_China^2 (convex risk)' }),
];

/** Every scenario parameter, grouped nev / exports / rnd. */
export const PARAMS: readonly ParamMeta[] = [...nevParams, ...exportParams, ...rndParams];

const BY_ID = new Map(PARAMS.map((m) => [m.id, m]));

/** Parameter metadata by id, or undefined. @example paramById('nev.ceiling.China')?.default // 0.85 */
export function paramById(id: string): ParamMeta | undefined {
  return BY_ID.get(id);
}

/** A fresh id -> default map. @example defaultValues()['exports.costAdvantage'] // 0.3 */
export function defaultValues(): Record<string, number> {
  const values: Record<string, number> = {};
  for (const m of PARAMS) values[m.id] = m.default;
  return values;
}

/** All parameter ids in registry order. */
export const PARAM_IDS: readonly string[] = PARAMS.map((m) => m.id);
