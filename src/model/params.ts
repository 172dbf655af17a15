/**
 * The one parameter registry. Every default cites a row of the reference data (modelling_parameters.csv,
 * ev_share_projections.csv, nev_sales_by_region.csv, tariffs.csv, suppliers.csv, china_exports.csv) or is
 * labelled "assumption" with its reason. Every parameter applies to the projection years only (after the
 * last observed year): the history is the data, never a scenario's (docs/models.md, "History is history").
 *
 * Roles: an "uncertain" input carries a distribution (from the data's low/central/high where it has one,
 * else an assumption range stated in `source`); a "lever" is a decision a scenario sets (extra tariffs, a
 * shock, a ban year, R&D caps, the speed multiplier) and is never sampled. docs/models.md lists both.
 */
import type { Distribution, ParamMeta } from './types';
import { DESTINATIONS, LOCATIONS, PRODUCTS, REGIONS } from './ids';

const IEA_STEPS_2024 =
  'IEA, Global EV Outlook 2024 - Global EV Data Explorer, STEPS projections (ev_share_projections.csv), https://www.iea.org/data-and-statistics/data-product/global-ev-outlook-2024';
const IEA_HISTORY = 'IEA GEVO 2024 data explorer 2015-2023 + OWID (IEA) 2024-2025, nev_sales_by_region.csv';
const MP = 'modelling_parameters.csv';

type Spec = Omit<ParamMeta, 'step' | 'role'> & { step?: number; role?: ParamMeta['role'] };

function p(meta: Spec): ParamMeta {
  return { step: meta.step ?? 0.01, role: meta.role ?? (meta.distribution ? 'uncertain' : 'lever'), ...meta };
}
const tri = (min: number, mode: number, max: number): Distribution => ({ kind: 'triangular', min, mode, max });
/** Assumption range of +-f around a central value, for inputs the data gives no range for. */
const around = (central: number, f: number): Distribution => tri(central * (1 - f), central, central * (1 + f));

/**
 * Ceilings (long-run saturation share): IEA STEPS 2035 (GEVO 2024); low = lowest published outlook, high = APS
 * 2035 or the 100 % bound. Triangular(low, STEPS, high); a mode at an end is a valid triangle (US).
 */
const CEILINGS: Record<string, { central: number; low: number; high: number; note: string }> = {
  China: {
    central: 0.85,
    low: 0.8,
    high: 1,
    note: 'STEPS 2035 85 %; low 80 % (IEA GEVO 2025 / BNEF EVO 2025, 2030); high = 100 % physical bound',
  },
  Europe: { central: 0.87, low: 0.52, high: 0.92, note: 'STEPS 2035 87 %; low 52 % (BNEF EVO 2025, 2030); high APS 2035 92 %' },
  UnitedStates: {
    central: 0.71,
    low: 0.27,
    high: 0.71,
    note: 'STEPS 2035 71 % (GEVO 2024 vintage, before the 2025 US policy change; also APS 2035, so the high end); low 27 % (BNEF EVO 2025, 2030)',
  },
  RestOfWorld: {
    central: 0.2,
    low: 0.14,
    high: 0.46,
    note: 'STEPS 2035 20 % (IEA "Rest of world" aggregate); low STEPS 2030 14 %; high APS 2035 46 %',
  },
};

/** Historical CAGR of the implied new-car market 2015-2025 (derived from nev_sales_by_region.csv). */
const MARKET_GROWTH: Record<string, number> = { China: 0.0175, Europe: -0.0025, UnitedStates: -0.0062, RestOfWorld: 0.0046 };

const nevParams: ParamMeta[] = [
  ...REGIONS.map((r) => {
    const c = CEILINGS[r.key];
    return p({
      id: `nev.ceiling.${r.key}`,
      label: `NEV share ceiling, ${r.label}`,
      unit: 'fraction of new-car sales',
      min: 0.05,
      max: 1,
      default: c.central,
      group: 'nev',
      status: 'published (outlook anchor; scenario input)',
      source: `${IEA_STEPS_2024}; ${c.note}`,
      distribution: tri(c.low, c.central, c.high),
    });
  }),
  ...REGIONS.map((r) =>
    p({
      id: `nev.marketGrowth.${r.key}`,
      label: `New-car market growth, ${r.label}`,
      unit: 'fraction per year',
      min: -0.05,
      max: 0.08,
      step: 0.001,
      default: MARKET_GROWTH[r.key],
      group: 'nev',
      status: 'derived',
      source: `CAGR 2015-2025 of implied new-car sales (EV sales / EV share), ${IEA_HISTORY}; distribution: assumption +-1 pp per year`,
      distribution: tri(MARKET_GROWTH[r.key] - 0.01, MARKET_GROWTH[r.key], MARKET_GROWTH[r.key] + 0.01),
    }),
  ),
  p({
    id: 'nev.speedMultiplier',
    label: 'Adoption-speed multiplier (projection years)',
    unit: 'x',
    min: 0.3,
    max: 3,
    default: 1,
    group: 'nev',
    status: 'assumption (lever)',
    source: 'lever: 1 = the pace calibrated on the history continues; presets move it',
  }),
  p({
    id: 'nev.pacePersistence',
    label: 'Persistence of the last observed annual change (damping phi)',
    unit: 'fraction per year',
    min: 0,
    max: 0.98,
    default: 0.8,
    group: 'nev',
    status: 'assumption (literature)',
    distribution: tri(0.7, 0.8, 0.9),
    source:
      'assumption: damped-trend coefficient; 0.8 is the lower end of the 0.8-0.98 range used for damped trends (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., section 8.2); range 0.7-0.9 assumption',
  }),
  p({
    id: 'nev.shock.year',
    label: 'Shock year',
    unit: 'year',
    min: 2026,
    max: 2040,
    step: 1,
    default: 2030,
    group: 'nev',
    status: 'assumption (lever)',
    source: 'lever: placeholder year; no effect while the shock size is 0',
  }),
  p({
    id: 'nev.shock.sizePct',
    label: 'Shock to the NEV share ceiling from the shock year on',
    unit: '% of ceiling',
    min: -80,
    max: 80,
    step: 1,
    default: 0,
    group: 'nev',
    status: 'assumption (lever)',
    source: 'lever: no shock in the baseline; the share follows a moved ceiling within the speed limit (no jump)',
  }),
  p({
    id: 'nev.priceElasticity',
    label: 'Own-price elasticity of the NEV share',
    unit: 'elasticity',
    min: -3,
    max: 0,
    default: -1.27,
    group: 'nev',
    status: 'published',
    distribution: tri(-1.72, -1.27, -1.08),
    source: `Fridstrom & Ostli, European Transport Research Review (Norway 2002-2016): BEV -1.27; range PHEV -1.72 .. gasoline car -1.08 (${MP})`,
  }),
  p({
    id: 'nev.vehiclePriceUsd',
    label: 'Average NEV price (base of the price feedback; value of vehicle exports)',
    unit: 'USD per vehicle',
    min: 5000,
    max: 80000,
    step: 500,
    default: 19000,
    group: 'nev',
    status: 'published (CPCA)',
    distribution: tri(19000, 19000, 45360),
    source: `CPCA average export price of China vehicles Jan-May 2024, via EVMagz (${MP} average_export_price_china_vehicles); high: BYD Seal U EU price EUR 42,000 (Rhodium Group via FT, ${MP}) x 1.08 USD/EUR (assumption)`,
  }),
];

/**
 * Per-unit price of a Western/local supplier and content per NEV: assumptions (the data has no component
 * prices); distributions +-25 % (cost) and +-20 % (content), assumption.
 */
const PRODUCT_ASSUMPTIONS: Record<string, { usd: number; content: number; why: string; contentWhy: string }> = {
  edrive: {
    usd: 2000,
    content: 1,
    why: 'motor+inverter+reducer module, order of magnitude of supplier quotes',
    contentWhy: 'one drive unit per NEV',
  },
  adas: {
    usd: 800,
    content: 1,
    why: 'L2/L2+ domain controller, order of magnitude',
    contentWhy: 'one controller per new NEV (L2 is standard on new NEVs)',
  },
  sbw: {
    usd: 1500,
    content: 0.03,
    why: 'steer-by-wire system incl. actuators, order of magnitude',
    contentWhy: 'few production programmes yet (Cybertruck, NIO ET9 with ZF, suppliers.csv)',
  },
  thermal: {
    usd: 900,
    content: 1,
    why: 'integrated heat-pump thermal module, order of magnitude',
    contentWhy: 'one thermal module per NEV',
  },
  sic: {
    usd: 1200,
    content: 0.25,
    why: '800 V SiC traction inverter, order of magnitude',
    contentWhy: 'share of NEVs on 800 V SiC platforms',
  },
  battery: { usd: 9000, content: 1, why: '60 kWh pack at about 150 USD/kWh', contentWhy: 'one pack per NEV' },
};

const SIGMA_MAX = [0.6, 0.4, 0.9];
const SIGMA_MAX_WHY = [
  'assumption: EU local-content pressure and OEM dual-sourcing rules',
  'assumption: USMCA rules of origin and Section 301/232 exposure',
  'assumption: few local-content rules outside EU/NA',
];

const exportParams: ParamMeta[] = [
  ...PRODUCTS.map((k) =>
    p({
      id: `exports.content.${k.key}`,
      label: `Content per NEV, ${k.label}`,
      unit: 'units per vehicle',
      min: 0,
      max: 2,
      default: PRODUCT_ASSUMPTIONS[k.key].content,
      group: 'exports',
      status: 'assumption',
      distribution: around(PRODUCT_ASSUMPTIONS[k.key].content, 0.2),
      source: `assumption: ${PRODUCT_ASSUMPTIONS[k.key].contentWhy}; range +-20 % assumption`,
    }),
  ),
  ...PRODUCTS.map((k) =>
    p({
      id: `exports.localCostUsd.${k.key}`,
      label: `Local (Western) unit price, ${k.label}`,
      unit: 'USD per unit',
      min: 50,
      max: 50000,
      step: 10,
      default: PRODUCT_ASSUMPTIONS[k.key].usd,
      group: 'exports',
      status: 'assumption',
      distribution: around(PRODUCT_ASSUMPTIONS[k.key].usd, 0.25),
      source: `assumption: ${PRODUCT_ASSUMPTIONS[k.key].why}; no component price in the data; range +-25 % assumption`,
    }),
  ),
  p({
    id: 'exports.costAdvantage',
    label: 'China production-cost advantage vs local supply',
    unit: 'fraction',
    min: 0,
    max: 0.6,
    default: 0.3,
    group: 'exports',
    status: 'published',
    distribution: tri(0.2, 0.3, 0.35),
    source: `Valeo CEO 2025 (cash.ch/AWP): equipment made in China 30 % cheaper; range 20 % (McKinsey via dpa) .. 35 % (UBS, BYD Seal vs ID.3) (${MP}); one figure for every product line: the data has no per-product advantage`,
  }),
  p({
    id: 'exports.exporterMargin',
    label: 'China exporter margin over cost (room to absorb tariffs)',
    unit: 'fraction of cost',
    min: 0,
    max: 0.6,
    step: 0.001,
    default: 0.063,
    group: 'exports',
    status: 'derived',
    distribution: tri(0.036, 0.063, 0.34),
    source: `derived: Rhodium Group (via FT) BYD Seal U profit in China EUR 1,300 on EUR 20,500 = 6.3 %; low MAHLE FY2024 EBIT EUR 423 m / revenue EUR 11.7 bn = 3.6 % (suppliers.csv); high Rhodium EU profit EUR 14,300 / EUR 42,000 = 34 % (${MP})`,
  }),
  ...DESTINATIONS.map((d) =>
    p({
      id: `exports.freight.${d.key}`,
      label: `Freight and insurance to ${d.label}`,
      unit: 'fraction of value',
      min: 0,
      max: 0.3,
      step: 0.001,
      default: 0.066,
      group: 'exports',
      status: 'derived estimate',
      distribution: tri(0.057, 0.066, 0.075),
      source: `derived: ocean freight 1,081-1,428 USD per vehicle (FBASZ, 2023-Q1) / 19,000 USD average export price (CPCA); components assumed to ship at a similar cost per value (${MP})`,
    }),
  ),
  ...DESTINATIONS.map((d) =>
    p({
      id: `exports.tariff.${d.key}`,
      label: `Extra tariff on China components, ${d.label} (on top of the dated schedule)`,
      unit: 'fraction',
      min: 0,
      max: 2,
      default: 0,
      group: 'exports',
      status: 'lever',
      source: 'lever: 0 = the dated schedule of tariffs.csv only; presets add duties here',
    }),
  ),
  ...DESTINATIONS.map((d) =>
    p({
      id: `exports.vehicleTariff.${d.key}`,
      label: `Change of the tariff on China NEVs, ${d.label} (on top of the dated schedule)`,
      unit: 'fraction',
      min: -1.5,
      max: 2,
      default: 0,
      group: 'exports',
      status: 'lever',
      source:
        'lever: 0 = the dated schedule (EU MFN 10 % + countervailing duties on BEVs by company, US Section 301 100 % + MFN 2.5 % + Section 232 25 %); negative values remove duties (the rate never goes below 0)',
    }),
  ),
  p({
    id: 'exports.vehicleImportElasticity',
    label: 'Response of China NEV imports to the vehicle tariff',
    unit: 'change of ln(imports) per unit of tariff',
    min: -5,
    max: 0,
    default: -1.25,
    group: 'exports',
    status: 'derived',
    distribution: tri(-2, -1.25, -1.25),
    source: `derived: IfW Kiel, 20 % tariff -> -25 % EU imports of Chinese EVs (-1.25); KITE long run 21 % CVD -> -42 % (-2.0) (${MP})`,
  }),
  p({
    id: 'exports.fxFactor',
    label: 'FX factor on China costs (destination currency per CNY, index)',
    unit: 'index',
    min: 0.5,
    max: 1.5,
    default: 1,
    group: 'exports',
    status: 'assumption',
    distribution: tri(0.9, 1, 1.1),
    source: 'assumption: constant real exchange rate; range +-10 % assumption',
  }),
  p({
    id: 'exports.passThrough',
    label: 'Tariff pass-through to buyer prices (components and vehicles)',
    unit: 'fraction',
    min: 0,
    max: 1,
    default: 0.5,
    group: 'exports',
    status: 'assumption (bounded by published evidence)',
    distribution: tri(0, 0.5, 1),
    source: `assumption: Rhodium Group (via FT) shows margins absorb much of a 30 % tariff, i.e. pass-through < 1; 0.5 is the midpoint of 0..1 (${MP}); the exporter never absorbs more than its margin`,
  }),
  p({
    id: 'exports.logitBeta',
    label: 'Price sensitivity of the sourcing choice (logit beta)',
    unit: '1/relative price gap',
    min: 0.5,
    max: 20,
    step: 0.1,
    default: 5.6,
    group: 'exports',
    status: 'UNVERIFIED',
    distribution: tri(2.8, 5.6, 5.6),
    source: `GTAP Armington elasticity among imports, motor vehicles and parts, 5.6; low: domestic vs import 2.8 (both UNVERIFIED, ${MP})`,
  }),
  p({
    id: 'exports.inertia',
    label: 'Sourcing inertia lambda (share of the gap closed per year)',
    unit: 'fraction per year',
    min: 0.02,
    max: 1,
    default: 0.2,
    group: 'exports',
    status: 'assumption',
    distribution: tri(0.1, 0.2, 0.33),
    source: 'assumption: supply contracts last about 5 years (lambda = 1/5); range 3-10 years',
  }),
  ...DESTINATIONS.map((d, i) =>
    p({
      id: `exports.sigmaMax.${d.key}`,
      label: `Maximum China sourcing share, ${d.label}`,
      unit: 'fraction',
      min: 0,
      max: 1,
      default: SIGMA_MAX[i],
      group: 'exports',
      status: 'assumption',
      distribution: tri(Math.max(0, SIGMA_MAX[i] - 0.1), SIGMA_MAX[i], Math.min(1, SIGMA_MAX[i] + 0.1)),
      source: `${SIGMA_MAX_WHY[i]}; range +-10 pp assumption`,
    }),
  ),
  p({
    id: 'exports.adasBanYear.NorthAmerica',
    label: 'US connected-vehicle rule: China ADAS software banned from model year',
    unit: 'model year',
    min: 2026,
    max: 2040,
    step: 1,
    default: 2027,
    group: 'exports',
    status: 'published (lever)',
    source: 'BIS connected-vehicle rule, 15 CFR Part 791, final rule 2025-01-16: software prohibition from model year 2027 (tariffs.csv)',
  }),
  p({
    id: 'exports.capacityHeadroom',
    label: 'China component capacity above its own NEV production',
    unit: 'fraction of domestic use',
    min: 0,
    max: 3,
    default: 0.5,
    group: 'exports',
    status: 'assumption',
    distribution: tri(0.25, 0.5, 1),
    source: 'assumption: reported component overcapacity; no capacity figure in the data; range 0.25-1 assumption',
  }),
];

const rndParams: ParamMeta[] = [
  p({
    id: 'rnd.budgetUsdM',
    label: 'R&D budget per year',
    unit: 'USD m per year',
    min: 10,
    max: 10000,
    step: 10,
    default: 680,
    group: 'rnd',
    status: 'derived (lever)',
    source:
      'MAHLE FY2024 R&D EUR 630 m (suppliers.csv, Autocar Professional) x 1.08 USD/EUR (assumption: 2024 average rate); the programme size a scenario sets',
  }),
  p({
    id: 'rnd.engineerCostUsdK.EU',
    label: 'Loaded cost per engineer-year, Germany/EU',
    unit: 'USD k per year',
    min: 50,
    max: 400,
    step: 5,
    default: 150,
    group: 'rnd',
    status: 'estimate',
    distribution: around(150, 0.2),
    source: 'estimate (assumption): VDA 62 EUR/h labour cost (tset) x ~1,600 h plus overheads; range +-20 % assumption',
  }),
  p({
    id: 'rnd.engineerCostUsdK.US',
    label: 'Loaded cost per engineer-year, United States',
    unit: 'USD k per year',
    min: 50,
    max: 400,
    step: 5,
    default: 180,
    group: 'rnd',
    status: 'estimate',
    distribution: around(180, 0.2),
    source: 'estimate (assumption): US engineering salaries above German levels; range +-20 % assumption',
  }),
  p({
    id: 'rnd.engineerCostRatio.China',
    label: 'Engineer cost China / developed country',
    unit: 'ratio',
    min: 0.2,
    max: 1,
    default: 0.415,
    group: 'rnd',
    status: 'estimate (dated source)',
    distribution: tri(0.33, 0.415, 0.5),
    source: `estimate: "one third to one half" (GlobalAutoIndustry.com 2005; blog 2013), DATED/low reliability; mode = midpoint (${MP})`,
  }),
  p({
    id: 'rnd.engineerCostRatio.India',
    label: 'Engineer cost India / Germany-EU',
    unit: 'ratio',
    min: 0.1,
    max: 1,
    default: 0.3,
    group: 'rnd',
    status: 'estimate',
    distribution: around(0.3, 0.25),
    source: 'estimate (assumption): no published automotive figure in the data; range +-25 % assumption',
  }),
  ...LOCATIONS.map((l) => {
    const cap = { China: 0.6, EU: 1, US: 0.4, India: 0.3 }[l.key];
    const why = {
      China: 'talent and governance limit; Bosch >10,000 China R&D associates shows large shares are feasible (suppliers.csv)',
      EU: 'no cap at home',
      US: 'talent availability',
      India: 'talent availability',
    }[l.key];
    return p({
      id: `rnd.cap.${l.key}`,
      label: `Cap on ${l.label} share of R&D`,
      unit: 'fraction',
      min: 0,
      max: 1,
      default: cap,
      group: 'rnd',
      status: 'assumption (lever)',
      source: `lever: ${why}`,
    });
  }),
  ...LOCATIONS.slice(1).map((l) => {
    const weight = { EU: 0.6, US: 0.3, India: 0.1 }[l.key as 'EU' | 'US' | 'India'];
    return p({
      id: `rnd.weight.${l.key}`,
      label: `Weight of ${l.label} in the non-China split`,
      unit: 'weight',
      min: 0,
      max: 1,
      default: weight,
      group: 'rnd',
      status: 'assumption (lever)',
      source: 'lever: home-base heavy footprint',
    });
  }),
  p({
    id: 'rnd.cycleBaseMonths',
    label: 'Component development time without China R&D',
    unit: 'months',
    min: 12,
    max: 60,
    step: 1,
    default: 36,
    group: 'rnd',
    status: 'published (secondary)',
    distribution: tri(30, 36, 42),
    source:
      'Marelli "China Speed" strategy (Just Auto, 2025-06, suppliers.csv): product lead times of 3 years (36 months) before; range +-6 months assumption. (OEM vehicle programmes take 45-53 months, McKinsey 2025: not the supplier programme modelled here)',
  }),
  p({
    id: 'rnd.cycleMinMonths',
    label: 'Component development time at China speed (floor)',
    unit: 'months',
    min: 3,
    max: 36,
    step: 0.5,
    default: 12,
    group: 'rnd',
    status: 'published (secondary)',
    distribution: tri(7.5, 12, 12),
    source:
      'Marelli target 12 months (Just Auto, 2025-06); low: Valeo projects with Chinese OEMs take 7-8 months in 2024, 12 months in 2018-2022 (China Daily, suppliers.csv). (New Chinese EV OEM vehicle programmes: 24 months, McKinsey 2025)',
  }),
  p({
    id: 'rnd.kappa',
    label: 'Cycle-time response to the China share of R&D (kappa)',
    unit: '1/share',
    min: 0.1,
    max: 10,
    default: 2.3,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(1.15, 2.3, 4.6),
    source:
      'assumption: the data gives the two end points (36 and 12 months) but not the path between them; kappa = ln 10 puts an all-China footprint within 10 % of the floor gap; range half to double',
  }),
  p({
    id: 'rnd.valueToBudgetRatio',
    label: 'Margin the R&D programme earns per unit of R&D budget (home-only footprint)',
    unit: 'x budget',
    min: 0.5,
    max: 5,
    default: 1.67,
    group: 'rnd',
    status: 'derived',
    distribution: around(1.67, 0.25),
    source: 'derived: MAHLE FY2024 (EBIT EUR 423 m + R&D EUR 630 m) / R&D EUR 630 m = 1.67 (suppliers.csv); range +-25 % assumption',
  }),
  p({
    id: 'rnd.speedDecayPerYear',
    label: 'Programme value lost per year of development time',
    unit: 'fraction per year',
    min: 0,
    max: 1,
    default: 0.3,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(0.15, 0.3, 0.45),
    source: 'assumption: a year of delay loses about 30 % of a market window (exp(-0.3)); range 15-45 %',
  }),
  p({
    id: 'rnd.productivityElasticity',
    label: 'Output elasticity to engineer headcount',
    unit: 'elasticity',
    min: 0,
    max: 1,
    default: 0.5,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(0.3, 0.5, 0.7),
    source: 'assumption: diminishing returns to headcount; range 0.3-0.7',
  }),
  p({
    id: 'rnd.discountRate',
    label: 'Discount rate',
    unit: 'fraction per year',
    min: 0,
    max: 0.3,
    step: 0.005,
    default: 0.08,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(0.06, 0.08, 0.1),
    source: 'assumption: typical supplier WACC; range 6-10 %',
  }),
  p({
    id: 'rnd.horizonYears',
    label: 'Planning horizon of the R&D footprint',
    unit: 'years',
    min: 1,
    max: 30,
    step: 1,
    default: 15,
    group: 'rnd',
    status: 'assumption (lever)',
    source: 'lever: 2026-2040, the projection horizon of the other models',
  }),
  p({
    id: 'rnd.decouplingProbability',
    label: 'Annual probability of decoupling',
    unit: 'fraction per year',
    min: 0,
    max: 1,
    default: 0.05,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(0.01, 0.05, 0.15),
    source: 'assumption: one event in about 20 years; range 1-15 %',
  }),
  p({
    id: 'rnd.decouplingLossMultiple',
    label: 'Loss if decoupled at 100 % China R&D, in years of R&D budget',
    unit: 'x annual budget',
    min: 0,
    max: 50,
    step: 0.1,
    default: 11.7,
    group: 'rnd',
    status: 'assumption',
    distribution: tri(5, 11.7, 20),
    source:
      'assumption: seven years of the programme margin (7 x 1.67) stranded (programmes, IP); enters as x_China^2 (convex risk); range 5-20',
  }),
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

/** Parameter defaults in registry order (the reference run that fills unobserved history years). */
export function defaultVector(): Float64Array {
  return Float64Array.from(PARAMS, (m) => m.default);
}
