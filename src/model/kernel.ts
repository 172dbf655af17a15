/**
 * The one implementation of the three models. createKernel does the once-only work: it calibrates the NEV
 * block on the history (data only), builds the dated tariff schedules, and runs the whole model once with the
 * parameter defaults to fill every history year (observed data where the data has it, the reference backcast
 * elsewhere). kernel.run(params, out) then projects the years after the history with the scenario's values and
 * copies the requested rows: allocation-free, and the same function for the Results sheet, Monte Carlo, the
 * tornado, goal seek, the custom functions and the CLI. No parameter can reach a history year.
 *
 * Blocks, in the order they run each year range: component sourcing shares (tariffs and prices only), NEV
 * adoption (nev.ts; its ceiling moves with the price feedback of the tariffs), China's NEV vehicle exports by
 * destination, component flows (demand is the NEVs built outside China: no double counting with vehicle
 * exports), then the R&D placement (rnd.ts). docs/models.md has every equation.
 */
import { pickHistory, type ModelData, type NevHistoryPoint } from './data';
import { DESTINATIONS, LOCATIONS, PRODUCTS, REGIONS, type ProductKey } from './ids';
import { calibrateNev, nextShare, type NevCalibration } from './nev';
import { OUTPUTS, OUTPUT_INDEX } from './outputs';
import { defaultVector, PARAM_IDS, paramById } from './params';
import { optimiseRnd, type RndInputs, type RndPoint } from './rnd';
import { annualComponentTariff, annualVehicleTariff } from './tariffs';
import { breakEvenTariff, offerMultiplier } from './trade';
import type { ModelInvariants } from './types';

const NR = REGIONS.length;
const ND = DESTINATIONS.length;
const NK = PRODUCTS.length;
const NL = LOCATIONS.length;
const NORTH_AMERICA = DESTINATIONS.findIndex((d) => d.key === 'NorthAmerica');
const EUROPE = DESTINATIONS.findIndex((d) => d.key === 'Europe');
/** The cell (product x destination) of ADAS into North America, the one the US connected-vehicle rule closes. */
const ADAS_NA = PRODUCTS.findIndex((k) => k.key === 'adas') * ND + NORTH_AMERICA;

/**
 * First year China supplies each line to export markets (constants of the backcast, not scenario inputs: they
 * fall inside the history). Sources: suppliers.csv claims, all "UNVERIFIED - article claim only" except where
 * noted; docs/models.md lists them.
 */
export const LAUNCH_YEAR: Readonly<Record<ProductKey, { year: number; source: string }>> = {
  edrive: { year: 2025, source: 'Schaeffler China team developed and built a 3-in-1 e-drive (suppliers.csv, UNVERIFIED - article claim)' },
  adas: { year: 2025, source: 'Bosch "Based in China, serving global": ADAS (suppliers.csv, UNVERIFIED - article claim)' },
  sbw: { year: 2025, source: 'ZF steer-by-wire mass production in China from April 2025 and export (suppliers.csv, UNVERIFIED)' },
  thermal: { year: 2025, source: 'MAHLE thermal module from a China R&D sample for the global market (suppliers.csv, UNVERIFIED - article claim)' },
  sic: { year: 2025, source: 'assumption: no claim in the data; taken with the other electrified lines' },
  battery: { year: 2015, source: 'assumption: China battery exports predate the history window (CATL: 30 % of FY2024 revenue overseas, suppliers.csv)' },
};

/** China share of supply in a line's launch year, per destination (assumption, as the old sigmaStart inputs). */
export const LAUNCH_SHARE: readonly number[] = [0.05, 0.05, 0.15];
export const LAUNCH_SHARE_SOURCE =
  'assumption: small China shares at launch (5 % Europe, 5 % North America: EPI puts China at 9 % of US auto-parts imports in 2023, china_exports.csv; 15 % rest of world)';

/** USD per EUR used to convert the EU's EUR import values (assumption: 2023-2024 average rate). */
export const USD_PER_EUR = 1.08;

export interface Kernel {
  readonly years: readonly number[];
  /** Rows of the full output buffer, OUTPUTS order. */
  readonly outputCount: number;
  /** Runs the projection for params (PARAM_IDS order) and writes the requested rows into out. Allocation-free. */
  run(params: Float64Array, out: Float64Array): void;
  /** R&D optimum of the last run (for warnings and the frontier). */
  readonly rndBest: RndPoint;
  /** The R&D inputs for params (frontier and goal seek in run.ts). */
  rndInputs(params: Float64Array): RndInputs;
  /** NEV calibration per region (REGIONS order): data only. */
  readonly calibration: readonly NevCalibration[];
  /** Last year of the history the projection continues from (the base year of the export and R&D blocks). */
  readonly baseYear: number;
  /** Notes about the data the kernel was built on (fallbacks used), for the run's warnings. */
  readonly notes: readonly string[];
  /** Cells of run()'s out (requested rows x display years) that no parameter moves or that repeat the year before. */
  readonly invariants: ModelInvariants;
}

function paramIndex(id: string): number {
  const i = PARAM_IDS.indexOf(id);
  if (i < 0) throw new Error(`kernel: unknown parameter id '${id}'`);
  return i;
}
function outRow(id: string): number {
  const i = OUTPUT_INDEX.get(id);
  if (i === undefined) throw new Error(`kernel: unknown output id '${id}'`);
  return i;
}

/** Parameter positions the kernel reads. */
function parameterIndices() {
  return {
    ceiling: Int32Array.from(REGIONS, (r) => paramIndex(`nev.ceiling.${r.key}`)),
    growth: Int32Array.from(REGIONS, (r) => paramIndex(`nev.marketGrowth.${r.key}`)),
    speed: paramIndex('nev.speedMultiplier'), phi: paramIndex('nev.pacePersistence'),
    shockYear: paramIndex('nev.shock.year'), shockPct: paramIndex('nev.shock.sizePct'),
    elasticity: paramIndex('nev.priceElasticity'), vehiclePrice: paramIndex('nev.vehiclePriceUsd'),
    content: Int32Array.from(PRODUCTS, (k) => paramIndex(`exports.content.${k.key}`)),
    localCost: Int32Array.from(PRODUCTS, (k) => paramIndex(`exports.localCostUsd.${k.key}`)),
    advantage: paramIndex('exports.costAdvantage'), margin: paramIndex('exports.exporterMargin'),
    freight: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.freight.${d.key}`)),
    extraTariff: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.tariff.${d.key}`)),
    vehicleTariff: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.vehicleTariff.${d.key}`)),
    sigmaMax: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.sigmaMax.${d.key}`)),
    importElasticity: paramIndex('exports.vehicleImportElasticity'),
    fx: paramIndex('exports.fxFactor'), passThrough: paramIndex('exports.passThrough'), beta: paramIndex('exports.logitBeta'),
    inertia: paramIndex('exports.inertia'), banYear: paramIndex('exports.adasBanYear.NorthAmerica'), headroom: paramIndex('exports.capacityHeadroom'),
  };
}

function rndIndices() {
  return {
    budget: paramIndex('rnd.budgetUsdM'), costEu: paramIndex('rnd.engineerCostUsdK.EU'), costUs: paramIndex('rnd.engineerCostUsdK.US'),
    ratioCn: paramIndex('rnd.engineerCostRatio.China'), ratioIn: paramIndex('rnd.engineerCostRatio.India'),
    caps: Int32Array.from(LOCATIONS, (l) => paramIndex(`rnd.cap.${l.key}`)),
    weights: Int32Array.from(LOCATIONS.slice(1), (l) => paramIndex(`rnd.weight.${l.key}`)),
    base: paramIndex('rnd.cycleBaseMonths'), min: paramIndex('rnd.cycleMinMonths'), kappa: paramIndex('rnd.kappa'),
    ratio: paramIndex('rnd.valueToBudgetRatio'), decay: paramIndex('rnd.speedDecayPerYear'), theta: paramIndex('rnd.productivityElasticity'),
    rate: paramIndex('rnd.discountRate'), horizon: paramIndex('rnd.horizonYears'), pDec: paramIndex('rnd.decouplingProbability'),
    loss: paramIndex('rnd.decouplingLossMultiple'),
  };
}

function outputRows() {
  const cells = (prefix: string) => {
    const rows = new Int32Array(NK * ND);
    PRODUCTS.forEach((k, ki) => DESTINATIONS.forEach((d, di) => (rows[ki * ND + di] = outRow(`${prefix}.${k.key}.${d.key}`))));
    return rows;
  };
  return {
    share: Int32Array.from(REGIONS, (r) => outRow(`nev.share.${r.key}`)),
    sales: Int32Array.from(REGIONS, (r) => outRow(`nev.sales.${r.key}`)),
    market: Int32Array.from(REGIONS, (r) => outRow(`nev.market.${r.key}`)),
    world: outRow('nev.sales.World'), chinaExports: outRow('nev.chinaExports'),
    domestic: outRow('nev.chinaShareOfGlobal.domestic'), chinaMade: outRow('nev.chinaShareOfGlobal.chinaMade'),
    vehUnits: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.units.${d.key}`)),
    vehValue: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.value.${d.key}`)),
    vehTariff: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.tariffRate.${d.key}`)),
    units: cells('exports.units'), value: cells('exports.value'), tariff: cells('exports.tariffRate'),
    landed: cells('exports.landedCostUsd'), breakEven: cells('exports.breakEvenTariff'),
    supply: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.chinaSupplyShare.${d.key}`)),
    total: outRow('exports.value.total'),
    rnd: Int32Array.from(['optimalChinaShare', 'cycleTimeMonths', 'npv', 'costUsdM', 'riskUsdM', 'engineers', 'engineers.China'], (s) => outRow(`rnd.${s}`)),
  };
}

/** The anchor of the Europe share of China's NEV exports: EU27 EV imports from China / EU27 NEV sales, one year. */
interface EuropeAnchor {
  year: number;
  /** China-made share of EU27 NEV sales that year. */
  share: number;
  note?: string;
}

/**
 * EU27 EV imports from China (units) = EV import value (USD) / unit value of all car imports from China (EUR value
 * x USD_PER_EUR / units), divided by EU27 NEV sales of that year: 2023 gives 11.5e9 / 19,707 = 583,500 vehicles,
 * 23.8 % of 2.45 M. Falls back to that figure, with a note, when the trade rows are missing.
 */
function europeAnchor(data: ModelData, history: readonly NevHistoryPoint[]): EuropeAnchor {
  const trade = data.trade ?? [];
  const candidates = trade.filter((t) => t.metric === 'eu_ev_imports_from_china_value' && Number.isFinite(t.usdBn)).map((t) => t.year).sort((a, b) => b - a);
  for (const year of candidates) {
    const ev = trade.find((t) => t.metric === 'eu_ev_imports_from_china_value' && t.year === year)!;
    const cars = trade.find((t) => t.metric === 'eu_car_imports_from_china_value' && t.year === year && Number.isFinite(t.units) && Number.isFinite(t.eurBn));
    const eu = history.find((h) => h.region === 'EU27' && h.year === year);
    if (!cars || !eu || !(eu.evSales > 0)) continue;
    const unitValueUsd = (cars.eurBn * 1e9 * USD_PER_EUR) / cars.units;
    return { year, share: (ev.usdBn * 1e9) / unitValueUsd / eu.evSales };
  }
  return { year: 2023, share: 0.2382, note: 'china_exports.csv lacks the EU import rows: the Europe share of China NEV exports uses the shipped 2023 anchor (23.8 % of EU27 NEV sales)' };
}

/**
 * BEV share of China's EV sales in the latest year with a BEV/PHEV split (EU duties hit BEVs only); IEA 2023:
 * 5.4 M of 8.1 M = 0.667. Falls back to that figure when the history has no split.
 */
function chinaBevShare(history: readonly NevHistoryPoint[]): number {
  const latest = history.filter((h) => h.region === 'China' && (h.bevSales ?? NaN) > 0 && h.evSales > 0).sort((a, b) => b.year - a.year)[0];
  return latest ? latest.bevSales! / latest.evSales : 0.667;
}

/** Everything runKernel reads: fixed at compile time, plus scratch reused by every run. */
type KernelState = ReturnType<typeof prepareKernel>;

/**
 * Prepares the kernel for the display range [firstYear, lastYear]. Internally it always runs from the first
 * history year, so results do not depend on the display range. With outputRows, run() writes only those rows
 * (in that order) into out; the default is every row in OUTPUTS order.
 */
export function createKernel(data: ModelData, firstYear: number, lastYear: number, outputRows?: ArrayLike<number>): Kernel {
  const state = prepareKernel(data, firstYear, lastYear, outputRows);
  return {
    years: state.displayYears,
    outputCount: OUTPUTS.length,
    run: (params, out) => runKernel(state, params, out),
    rndBest: state.best,
    rndInputs: (params) => fillRnd(state, params),
    calibration: state.calibration,
    baseYear: state.yearOf(state.iBase),
    notes: state.notes,
    invariants: kernelInvariants(state),
  };
}

/**
 * What the kernel guarantees about its output, by construction: years up to the base year are the reference
 * run's (no parameter reaches them); in projection years the R&D rows repeat one decision, a break-even
 * tariff depends on prices only (not on the year; the ADAS line into North America excepted, blank from a
 * parameter's year on), and tariff and landed-price rows repeat while their tariff schedule does.
 * Tested on random scenarios (kernel.fingerprint.test.ts).
 */
function kernelInvariants(state: KernelState): ModelInvariants {
  const { rows, N, iBase, displayOffset, displayYears, O, schedule, vehicleSchedule } = state;
  const ny = displayYears.length;
  const same = new Uint8Array(rows.length * ny);
  const repeats = new Map<number, (i: number) => boolean>();
  const always = () => true;
  for (const row of O.rnd) repeats.set(row, always);
  for (let c = 0; c < NK * ND; c++) {
    const flat = (i: number) => schedule[c * N + i] === schedule[c * N + i - 1];
    repeats.set(O.tariff[c], flat);
    repeats.set(O.landed[c], flat);
    if (c !== ADAS_NA) repeats.set(O.breakEven[c], always);
  }
  for (let d = 0; d < ND; d++) repeats.set(O.vehTariff[d], (i) => vehicleSchedule[d * N + i] === vehicleSchedule[d * N + i - 1]);
  rows.forEach((row, o) => {
    const rule = repeats.get(row);
    if (!rule) return;
    for (let y = 1; y < ny; y++) {
      const i = displayOffset + y;
      if (i - 1 > iBase && i < N && rule(i)) same[o * ny + y] = 1;
    }
  });
  return { fixedYears: Math.max(0, Math.min(ny, iBase - displayOffset + 1)), sameAsPreviousYear: same };
}

function prepareKernel(data: ModelData, firstYear: number, lastYear: number, requested: ArrayLike<number> | undefined) {
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && firstYear <= lastYear))
    throw new Error(`years: firstYear ${firstYear} and lastYear ${lastYear} must be integers with firstYear <= lastYear`);
  const notes: string[] = [];
  const history = pickHistory(data.nevHistory);
  const defaults = defaultVector();
  const P = parameterIndices();
  const R = rndIndices();
  const O = outputRows();
  const calibration = calibrateNev(data.nevHistory, {
    referenceCeilings: Object.fromEntries(REGIONS.map((r) => [r.key, paramById(`nev.ceiling.${r.key}`)!.default])),
    phi: defaults[P.phi],
  });
  const historyStart = Math.min(...calibration.map((c) => c.firstYear));
  const t0 = Math.min(historyStart, firstYear);
  const end = Math.max(lastYear, ...calibration.map((c) => c.lastYear));
  const N = end - t0 + 1;
  const yearOf = (i: number) => t0 + i;
  const rowCount = OUTPUTS.length;
  const displayYears = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const displayOffset = firstYear - t0;

  // History: observed shares and markets per region, the last observed index per region, the base index.
  const iLast = Int32Array.from(calibration, (c) => c.lastYear - t0);
  const iBase = Math.min(...iLast);
  const work = new Float64Array(rowCount * N).fill(NaN);
  REGIONS.forEach((region, r) => {
    for (const h of history) {
      if (h.region !== region.name || h.year > calibration[r].lastYear) continue;
      const i = h.year - t0;
      work[O.share[r] * N + i] = h.sharePct / 100;
      work[O.market[r] * N + i] = h.totalMarket;
      work[O.sales[r] * N + i] = (h.sharePct / 100) * h.totalMarket;
    }
  });
  const kappa = Float64Array.from(calibration, (c) => c.kappa);
  const maxStep = Float64Array.from(calibration, (c) => c.maxStep);

  // China NEV exports: CAAM where published (up to the base year), else the first published year's ratio to
  // NEV sales outside China (a backcast estimate, the same in every scenario).
  const exportsObserved = new Float64Array(N).fill(NaN);
  for (const point of data.chinaNevExports ?? []) {
    const i = point.year - t0;
    if (i >= 0 && i <= iBase) exportsObserved[i] = point.units;
  }
  const firstObserved = exportsObserved.findIndex((v) => v >= 0);
  if (firstObserved < 0) notes.push('no CAAM NEV export figure up to the base year: China NEV exports are 0 in the history');

  // Vehicle tariffs by destination and year; Europe's China-made share anchor.
  const bevShare = chinaBevShare(data.nevHistory);
  const vehicleSchedule = new Float64Array(ND * N);
  DESTINATIONS.forEach((d, di) => {
    for (let i = 0; i < N; i++) vehicleSchedule[di * N + i] = annualVehicleTariff(data.tariffs, d.name, yearOf(i), bevShare);
  });
  const anchor = europeAnchor(data, history);
  if (anchor.note) notes.push(anchor.note);

  // Component tariff schedule per product x destination x year.
  const schedule = new Float64Array(NK * ND * N);
  PRODUCTS.forEach((k, ki) =>
    DESTINATIONS.forEach((d, di) => {
      for (let i = 0; i < N; i++) schedule[(ki * ND + di) * N + i] = annualComponentTariff(data.tariffs, k.key, d.name, yearOf(i));
    }),
  );
  const launchIndex = Int32Array.from(PRODUCTS, (k) => Math.max(0, LAUNCH_YEAR[k.key].year - t0));

  // Rows to copy out, and which blocks a caller needs: a block whose rows nobody reads (directly or through a
  // later block) is skipped in scenario runs. The reference run always computes everything.
  const rows = requested ? Int32Array.from(requested) : Int32Array.from(OUTPUTS, (_, i) => i);
  for (const row of rows) if (!(row >= 0 && row < rowCount)) throw new Error(`kernel: output row ${row} does not exist`);
  const wanted = new Set(rows);
  const anyOf = (list: Int32Array) => list.some((row) => wanted.has(row));
  const writeCells = anyOf(O.units) || anyOf(O.value);
  const writeTariffs = anyOf(O.tariff) || anyOf(O.landed) || anyOf(O.breakEven);
  const writeRnd = anyOf(O.rnd);
  const needComponents = writeCells || writeTariffs || anyOf(O.supply) || wanted.has(O.total);
  const needNev =
    needComponents || anyOf(O.share) || anyOf(O.sales) || anyOf(O.market) || anyOf(O.vehUnits) || anyOf(O.vehValue) || anyOf(O.vehTariff) ||
    [O.world, O.chinaExports, O.domestic, O.chinaMade].some((row) => wanted.has(row));
  /** China supply share rows wanted, per destination (the sums behind an unwanted one are skipped). */
  const wantSupply = Uint8Array.from(O.supply, (row) => (wanted.has(row) ? 1 : 0));

  // Data-only facts that let a scenario run reuse a transcendental result from the year before: whether every
  // tariff a destination's NEV price feedback reads (its six component lines and its vehicle tariff) is the same
  // as the year before. The scenario's own tariff changes are the same in every year, so equal schedules give
  // bit-identical inputs, hence bit-identical results.
  const nevTariffSame = new Uint8Array(ND * N);
  for (let d = 0; d < ND; d++)
    for (let i = 1; i < N; i++) {
      let same = vehicleSchedule[d * N + i] === vehicleSchedule[d * N + i - 1];
      for (let k = 0; k < NK && same; k++) same = schedule[(k * ND + d) * N + i] === schedule[(k * ND + d) * N + i - 1];
      nevTariffSame[d * N + i] = same ? 1 : 0;
    }
  /** Row of NEV sales that drives each destination (DESTINATIONS[d].region), as a row offset into work. */
  const destSalesRow = Int32Array.from(DESTINATIONS, (d) => O.sales[d.region] * N);

  const rndIn: RndInputs = {
    budgetUsdM: 0, costUsdK: new Float64Array(NL), caps: new Float64Array(NL), weights: new Float64Array(NL),
    cycleBaseMonths: 0, cycleMinMonths: 0, kappa: 0, valueToBudgetRatio: 0, speedDecayPerYear: 0, productivityElasticity: 0,
    discountRate: 0, decouplingProbability: 0, decouplingLossMultiple: 0, horizonYears: 0, annuity: 1,
  };
  const blank = (): RndPoint => ({ chinaShare: 0, cycleTimeMonths: 0, npvUsdM: 0, riskUsdM: 0, engineers: 0, engineersChina: 0, feasible: true });
  const rndParamIdx = Int32Array.from([R.budget, R.costEu, R.costUs, R.ratioCn, R.ratioIn, ...R.caps, ...R.weights, R.base, R.min, R.kappa, R.ratio, R.decay, R.theta, R.rate, R.horizon, R.pDec, R.loss]);

  const state = {
    N, t0, yearOf, iLast, iBase, displayYears, displayOffset, rows, P, R, O, notes, calibration,
    kappa, maxStep, exportsObserved, firstObserved, vehicleSchedule, schedule, launchIndex, anchor,
    writeCells, writeTariffs, writeRnd, needComponents, needNev, wantSupply, nevTariffSame, destSalesRow, work, defaults,
    // Scratch, overwritten by every run.
    sigma: new Float64Array(NK * ND * N), cellCost: new Float64Array(NK * ND), kLocal: new Float64Array(NK),
    kContent: new Float64Array(NK), kFob: new Float64Array(NK), theta: new Float64Array(ND), ceilingShift: new Float64Array(ND * N),
    rndIn, shares: new Float64Array(NL), scratch: blank(), best: blank(), rndParamIdx, rndLast: new Float64Array(rndParamIdx.length).fill(NaN),
    rndValues: new Float64Array(O.rnd.length), demand: new Float64Array(ND), supplyNum: new Float64Array(ND), supplyDen: new Float64Array(ND),
    built: new Float64Array(ND), extra: new Float64Array(ND), vehChange: new Float64Array(ND), nevCeiling: new Float64Array(NR * N),
    /** Per-run caches keyed by the exact input (a tariff): the last input and the result computed from it. */
    vehTauSeen: new Float64Array(ND), vehShare: new Float64Array(ND),
    cellTauSeen: new Float64Array(NK * ND), cellOffer: new Float64Array(NK * ND), cellFob: new Float64Array(NK * ND), cellBreakEven: new Float64Array(NK * ND),
    /** True while the reference run fills the history (every year computed, defaults in force). */
    reference: true,
  };
  // The reference run: every year from the first, with the defaults; its history years stay in `work` for good.
  runBlocks(state, defaults, 0);
  state.reference = false;
  state.rndLast.fill(NaN);
  // China-made share of each destination's NEV sales in the base year: where the vehicle projection starts.
  DESTINATIONS.forEach((d, di) => {
    const sales = work[O.sales[d.region] * N + iBase];
    state.theta[di] = sales > 0 ? work[O.vehUnits[di] * N + iBase] / sales : 0;
  });
  return state;
}

/** Fills the kernel's R&D inputs from params. */
function fillRnd(state: KernelState, p: Float64Array): RndInputs {
  const { rndIn, R } = state;
  rndIn.budgetUsdM = p[R.budget];
  const eu = p[R.costEu];
  rndIn.costUsdK[0] = eu * p[R.ratioCn]; rndIn.costUsdK[1] = eu; rndIn.costUsdK[2] = p[R.costUs]; rndIn.costUsdK[3] = eu * p[R.ratioIn];
  for (let l = 0; l < NL; l++) rndIn.caps[l] = p[R.caps[l]];
  rndIn.weights[0] = 0;
  for (let l = 1; l < NL; l++) rndIn.weights[l] = p[R.weights[l - 1]];
  rndIn.cycleBaseMonths = p[R.base]; rndIn.cycleMinMonths = p[R.min]; rndIn.kappa = p[R.kappa];
  rndIn.valueToBudgetRatio = p[R.ratio]; rndIn.speedDecayPerYear = p[R.decay]; rndIn.productivityElasticity = p[R.theta];
  const rate = p[R.rate], horizon = p[R.horizon];
  rndIn.horizonYears = horizon;
  rndIn.annuity = rate > 0 ? (1 - Math.pow(1 + rate, -horizon)) / rate : horizon;
  rndIn.discountRate = rate; rndIn.decouplingProbability = p[R.pDec]; rndIn.decouplingLossMultiple = p[R.loss];
  return rndIn;
}

/** Projects the years after the history with params and copies the requested rows into out. */
function runKernel(state: KernelState, p: Float64Array, out: Float64Array): void {
  runBlocks(state, p, state.iBase + 1);
  const { rows, work, N, displayOffset, displayYears } = state;
  const ny = displayYears.length;
  for (let o = 0; o < rows.length; o++) {
    const from = rows[o] * N + displayOffset, to = o * ny;
    for (let y = 0; y < ny; y++) out[to + y] = work[from + y];
  }
}

/**
 * Computes every block for the years from index `from` on (the reference run: 0; a scenario run: the first year
 * after the base year; a region whose history runs longer keeps its observed years). A scenario run skips the
 * blocks whose rows nobody asked for (needNev, needComponents, writeRnd), and reuses a transcendental result
 * while its exact input repeats (a tariff schedule that stays flat): the same operations on the same doubles,
 * so the same results to the bit (kernel.fingerprint.test.ts).
 */
function runBlocks(state: KernelState, p: Float64Array, from: number): void {
  const { P, cellCost, kLocal, kContent, kFob, extra, vehChange } = state;
  const adv = p[P.advantage], fx = p[P.fx];
  for (let k = 0; k < NK; k++) {
    kLocal[k] = p[P.localCost[k]];
    kContent[k] = p[P.content[k]];
    kFob[k] = kLocal[k] * (1 - adv) * fx;
    for (let d = 0; d < ND; d++) cellCost[k * ND + d] = kFob[k] * (1 + p[P.freight[d]]);
  }
  for (let d = 0; d < ND; d++) {
    extra[d] = p[P.extraTariff[d]];
    vehChange[d] = p[P.vehicleTariff[d]];
  }
  const all = state.reference;
  // --- 1. Component sourcing shares per cell (tariffs and prices only). ---
  if (all || state.needComponents) runSourcing(state, p, from);
  if (all || state.needNev) {
    // --- 2. NEV adoption per region; the ceiling of an importing region moves with the tariff-driven price change. ---
    runNev(state, p, from);
    // --- 3. China NEV exports by destination and the world totals. ---
    runVehicles(state, p, from);
  }
  // --- 4. Component flows, China supply shares and tariff rows. ---
  if (all || state.needComponents) runComponents(state, p, from);
  // --- 5. R&D placement: the same decision in every projection year; no value in history years. ---
  runRnd(state, p, from);
}

const LAUNCH_SHARE_AT = Float64Array.from(LAUNCH_SHARE);

/** Cells c .. c + 2 (one product, its three destinations) from `from` on, all launched before and none barred. */
function sourcingAfterLaunch(state: KernelState, p: Float64Array, from: number, c: number, pt: number, beta: number, lambda: number, margin: number, reference: boolean): void {
  const { N, P, sigma, schedule, cellCost, kLocal, extra } = state;
  const local = kLocal[(c - (c % ND)) / ND];
  const b0 = c * N, b1 = b0 + N, b2 = b1 + N;
  const del0 = cellCost[c], del1 = cellCost[c + 1], del2 = cellCost[c + 2];
  const max0 = p[P.sigmaMax[0]], max1 = p[P.sigmaMax[1]], max2 = p[P.sigmaMax[2]];
  const add0 = reference ? 0 : extra[0], add1 = reference ? 0 : extra[1], add2 = reference ? 0 : extra[2];
  let s0 = sigma[b0 + from - 1], s1 = sigma[b1 + from - 1], s2 = sigma[b2 + from - 1];
  let last0 = NaN, last1 = NaN, last2 = NaN, t0 = 0, t1 = 0, t2 = 0;
  for (let i = from; i < N; i++) {
    const tau0 = schedule[b0 + i] + add0, tau1 = schedule[b1 + i] + add1, tau2 = schedule[b2 + i] + add2;
    if (tau0 !== last0) t0 = max0 / (1 + Math.exp((-beta * (local - del0 * offerMultiplier(tau0, margin, pt))) / local));
    if (tau1 !== last1) t1 = max1 / (1 + Math.exp((-beta * (local - del1 * offerMultiplier(tau1, margin, pt))) / local));
    if (tau2 !== last2) t2 = max2 / (1 + Math.exp((-beta * (local - del2 * offerMultiplier(tau2, margin, pt))) / local));
    last0 = tau0;
    last1 = tau1;
    last2 = tau2;
    s0 = s0 + lambda * (t0 - s0);
    s1 = s1 + lambda * (t1 - s1);
    s2 = s2 + lambda * (t2 - s2);
    sigma[b0 + i] = s0;
    sigma[b1 + i] = s1;
    sigma[b2 + i] = s2;
  }
}

function runSourcing(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, sigma, schedule, cellCost, kLocal, launchIndex, extra } = state;
  const pt = p[P.passThrough], beta = p[P.beta], lambda = p[P.inertia], margin = p[P.margin];
  const banIndex = Math.ceil(p[P.banYear] - state.t0);
  const reference = state.reference;
  for (let c = 0; c < NK * ND; c++) {
    const d = c % ND, k = (c - d) / ND;
    if (d === 0 && from > launchIndex[k] && (ADAS_NA < c || ADAS_NA > c + 2 || banIndex >= N)) {
      // Launched before `from` and not barred: the three destinations' adjustments side by side (three
      // independent chains the processor can overlap); the same operations per cell as below.
      sourcingAfterLaunch(state, p, from, c, pt, beta, lambda, margin, reference);
      c += ND - 1;
      continue;
    }
    const local = kLocal[k], delivered = cellCost[c], sigmaMax = p[P.sigmaMax[d]], add = reference ? 0 : extra[d];
    const base = c * N;
    const start = launchIndex[k];
    const banFrom = c === ADAS_NA ? banIndex : N;
    let s = from > 0 ? sigma[base + from - 1] : 0;
    // Years before the launch: 0; the launch year: the launch share; then the partial adjustment towards the
    // logit target until the ban year (the connected-vehicle rule bars the line from then on): 0.
    let i = from;
    for (; i < N && i < start; i++) sigma[base + i] = s = 0;
    const live = banFrom < N ? (banFrom > i ? banFrom : i) : N;
    if (i < live && i === start) sigma[base + i++] = s = LAUNCH_SHARE_AT[d];
    let lastTau = NaN, target = 0;
    for (; i < live; i++) {
      const tau = schedule[base + i] + add;
      if (tau !== lastTau) target = sigmaMax / (1 + Math.exp((-beta * (local - delivered * offerMultiplier(tau, margin, pt))) / local));
      lastTau = tau;
      s = s + lambda * (target - s);
      sigma[base + i] = s;
    }
    for (; i < N; i++) sigma[base + i] = 0;
  }
}

function runNev(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, iLast, iBase, sigma, schedule, cellCost, kContent, vehicleSchedule, nevTariffSame, extra, vehChange, theta, nevCeiling } = state;
  const shockIndex = p[P.shockYear] - state.t0, shock = 1 + p[P.shockPct] / 100;
  const eps = p[P.elasticity], price = p[P.vehiclePrice], pt = p[P.passThrough], margin = p[P.margin];
  // 1. The effective ceiling of every region and year (it does not depend on the shares).
  let common = -1;
  for (let r = 0; r < NR; r++) {
    const start = iLast[r] + 1 > from ? iLast[r] + 1 : from;
    common = r === 0 ? start : common === start ? start : -2;
    if (start >= N) continue;
    const d = r - 1; // destinations 0..2 are regions 1..3 (ids.ts)
    const m = p[P.ceiling[r]];
    const feedback = d >= 0 && eps !== 0;
    // The price factor of the last year computed, reused while the destination's tariffs stay the same.
    let cached = false, moved = false, factor = 1;
    for (let i = start; i < N; i++) {
      let ceiling = m * (i >= shockIndex ? shock : 1);
      if (feedback && i > iBase) {
        if (!cached || nevTariffSame[d * N + i] === 0) {
          // Price of the average NEV in the destination against the base year (a Laspeyres index: the base year's
          // sourcing and import mix as weights, so a higher tariff always means a higher price): tariff changes on
          // China components and on China-made vehicles.
          let extraCost = 0;
          for (let kk = 0; kk < NK; kk++) {
            const c = kk * ND + d;
            const tauNow = schedule[c * N + i] + extra[d], tauBase = schedule[c * N + iBase];
            const delta = offerMultiplier(tauNow, margin, pt) - offerMultiplier(tauBase, margin, pt);
            if (delta !== 0) extraCost += kContent[kk] * sigma[c * N + iBase] * cellCost[c] * delta;
          }
          const vehNow = vehicleTariffAt(vehicleSchedule, N, d, i, vehChange[d]), vehBase = vehicleSchedule[d * N + iBase];
          const importShare = theta[d];
          const rel = 1 + extraCost / price + (importShare * pt * (vehNow - vehBase)) / (1 + vehBase);
          moved = rel !== 1;
          if (moved) factor = Math.exp(eps * Math.log(rel > 0.05 ? rel : 0.05));
          cached = true;
        }
        if (moved) ceiling *= factor;
      }
      nevCeiling[r * N + i] = ceiling > 1 ? 1 : ceiling;
    }
  }
  // 2. The shares: each region's path is a chain of dependent steps; when all regions start together (every
  // scenario run) the four chains advance side by side, which lets the processor overlap them.
  if (common >= 0 && NR === 4 && common < N) nevPathsTogether(state, p, common);
  else
    for (let r = 0; r < NR; r++) {
      const start = iLast[r] + 1 > from ? iLast[r] + 1 : from;
      if (start < N) nevPath(state, p, r, start);
    }
}

/** One region's shares, sales and market from `start` on (ceilings from runNev). */
function nevPath(state: KernelState, p: Float64Array, r: number, start: number): void {
  const { N, P, O, work, kappa, maxStep, nevCeiling } = state;
  const speed = p[P.speed], phi = p[P.phi];
  const shareRow = O.share[r] * N, salesRow = O.sales[r] * N, marketRow = O.market[r] * N;
  const growth = 1 + p[P.growth[r]];
  let share = work[shareRow + start - 1], step = share - work[shareRow + start - 2], market = work[marketRow + start - 1];
  const k = kappa[r], limit = maxStep[r];
  for (let i = start; i < N; i++) {
    const next = nextShare(share, step, nevCeiling[r * N + i], k, speed, phi, limit);
    step = next - share;
    share = next;
    market *= growth;
    work[shareRow + i] = share;
    work[marketRow + i] = market;
    work[salesRow + i] = share * market;
  }
}

/** The four regions' paths from a common start, year by year (the same operations per region as nevPath). */
function nevPathsTogether(state: KernelState, p: Float64Array, start: number): void {
  const { N, P, O, work, kappa, maxStep, nevCeiling } = state;
  const speed = p[P.speed], phi = p[P.phi];
  const sh0 = O.share[0] * N, sa0 = O.sales[0] * N, mk0 = O.market[0] * N;
  const sh1 = O.share[1] * N, sa1 = O.sales[1] * N, mk1 = O.market[1] * N;
  const sh2 = O.share[2] * N, sa2 = O.sales[2] * N, mk2 = O.market[2] * N;
  const sh3 = O.share[3] * N, sa3 = O.sales[3] * N, mk3 = O.market[3] * N;
  const g0 = 1 + p[P.growth[0]], g1 = 1 + p[P.growth[1]], g2 = 1 + p[P.growth[2]], g3 = 1 + p[P.growth[3]];
  const k0 = kappa[0], k1 = kappa[1], k2 = kappa[2], k3 = kappa[3];
  const l0 = maxStep[0], l1 = maxStep[1], l2 = maxStep[2], l3 = maxStep[3];
  let s0 = work[sh0 + start - 1], s1 = work[sh1 + start - 1], s2 = work[sh2 + start - 1], s3 = work[sh3 + start - 1];
  let d0 = s0 - work[sh0 + start - 2], d1 = s1 - work[sh1 + start - 2], d2 = s2 - work[sh2 + start - 2], d3 = s3 - work[sh3 + start - 2];
  let m0 = work[mk0 + start - 1], m1 = work[mk1 + start - 1], m2 = work[mk2 + start - 1], m3 = work[mk3 + start - 1];
  for (let i = start; i < N; i++) {
    const n0 = nextShare(s0, d0, nevCeiling[i], k0, speed, phi, l0);
    const n1 = nextShare(s1, d1, nevCeiling[N + i], k1, speed, phi, l1);
    const n2 = nextShare(s2, d2, nevCeiling[2 * N + i], k2, speed, phi, l2);
    const n3 = nextShare(s3, d3, nevCeiling[3 * N + i], k3, speed, phi, l3);
    d0 = n0 - s0;
    d1 = n1 - s1;
    d2 = n2 - s2;
    d3 = n3 - s3;
    s0 = n0;
    s1 = n1;
    s2 = n2;
    s3 = n3;
    m0 *= g0;
    m1 *= g1;
    m2 *= g2;
    m3 *= g3;
    work[sh0 + i] = s0;
    work[mk0 + i] = m0;
    work[sa0 + i] = s0 * m0;
    work[sh1 + i] = s1;
    work[mk1 + i] = m1;
    work[sa1 + i] = s1 * m1;
    work[sh2 + i] = s2;
    work[mk2 + i] = m2;
    work[sa2 + i] = s2 * m2;
    work[sh3 + i] = s3;
    work[mk3 + i] = m3;
    work[sa3 + i] = s3 * m3;
  }
}

/** Tariff on China NEVs into destination d in year index i, with the scenario's change, never below 0. */
function vehicleTariffAt(schedule: Float64Array, N: number, d: number, i: number, change: number): number {
  const tau = schedule[d * N + i] + change;
  return tau > 0 ? tau : 0;
}

function runVehicles(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, O, work, iBase, exportsObserved, firstObserved, vehicleSchedule, anchor, theta, destSalesRow, vehChange, vehTauSeen, vehShare } = state;
  const eta = p[P.importElasticity], price = p[P.vehiclePrice];
  const sales0 = O.sales[0] * N, sales1 = O.sales[1] * N, sales2 = O.sales[2] * N, sales3 = O.sales[3] * N;
  const anchorIndex = anchor.year - state.t0;
  const europeSales = destSalesRow[EUROPE];
  // Ratio of China NEV exports to NEV sales outside China in the first CAAM year: the backcast before it.
  let earlyRatio = NaN;
  if (from <= iBase && firstObserved >= 0) {
    const foreign = work[sales1 + firstObserved] + work[sales2 + firstObserved] + work[sales3 + firstObserved];
    earlyRatio = foreign > 0 ? exportsObserved[firstObserved] / foreign : 0;
  }
  vehTauSeen.fill(NaN);
  for (let i = from; i < N; i++) {
    const china = work[sales0 + i];
    const world = china + work[sales1 + i] + work[sales2 + i] + work[sales3 + i];
    let total = 0;
    if (i <= iBase) {
      // History: CAAM total (or the early-ratio backcast); Europe from the anchor moved by the tariff since the
      // anchor year; North America 0 (US 27.5 % then 102.5 % on China EVs); the rest of world takes the remainder.
      const foreign = world - china;
      total = exportsObserved[i] >= 0 ? exportsObserved[i] : firstObserved >= 0 && i < firstObserved ? earlyRatio * foreign : 0;
      const tauNow = vehicleSchedule[EUROPE * N + i];
      const tauAnchor = anchorIndex >= 0 && anchorIndex < N ? vehicleSchedule[EUROPE * N + anchorIndex] : tauNow;
      let europe = anchor.share * Math.exp(eta * (tauNow - tauAnchor)) * work[europeSales + i];
      if (europe > total) europe = total;
      for (let d = 0; d < ND; d++) {
        const units = d === EUROPE ? europe : d === NORTH_AMERICA ? 0 : total - europe;
        work[O.vehUnits[d] * N + i] = units;
        work[O.vehValue[d] * N + i] = units * price;
        work[O.vehTariff[d] * N + i] = vehicleSchedule[d * N + i];
      }
    } else {
      for (let d = 0; d < ND; d++) {
        const sales = work[destSalesRow[d] + i];
        const tau = vehicleTariffAt(vehicleSchedule, N, d, i, vehChange[d]);
        if (tau !== vehTauSeen[d]) {
          let share = theta[d] * Math.exp(eta * (tau - vehicleSchedule[d * N + iBase]));
          if (share > 1) share = 1;
          vehShare[d] = share;
          vehTauSeen[d] = tau;
        }
        const units = vehShare[d] * sales;
        total += units;
        work[O.vehUnits[d] * N + i] = units;
        work[O.vehValue[d] * N + i] = units * price;
        work[O.vehTariff[d] * N + i] = tau;
      }
    }
    work[O.world * N + i] = world;
    work[O.chinaExports * N + i] = total;
    work[O.domestic * N + i] = world > 0 ? china / world : NaN;
    work[O.chinaMade * N + i] = world > 0 ? Math.min(1, (china + total) / world) : NaN;
  }
}

/** runComponents is written out for three destinations (Europe, North America, rest of world). */
if (ND !== 3) throw new Error(`kernel: runComponents assumes 3 destinations, ids.ts has ${ND}`);

function runComponents(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, O, work, sigma, schedule, cellCost, kLocal, kContent, iBase, destSalesRow, extra, wantSupply } = state;
  const { cellTauSeen, cellOffer, cellFob, cellBreakEven } = state;
  const reference = state.reference;
  const writeCells = state.writeCells || reference, writeTariffs = state.writeTariffs || reference;
  const supply0 = reference || wantSupply[0] === 1, supply1 = reference || wantSupply[1] === 1, supply2 = reference || wantSupply[2] === 1;
  const headroom = p[P.headroom], pt = p[P.passThrough], margin = p[P.margin], banYear = p[P.banYear];
  const salesChina = O.sales[0] * N, exportsRow = O.chinaExports * N;
  const sales0 = destSalesRow[0], sales1 = destSalesRow[1], sales2 = destSalesRow[2];
  const veh0 = O.vehUnits[0] * N, veh1 = O.vehUnits[1] * N, veh2 = O.vehUnits[2] * N;
  const extra0 = extra[0], extra1 = extra[1], extra2 = extra[2];
  cellTauSeen.fill(NaN);
  if (writeTariffs) for (let c = 0; c < NK * ND; c++) cellBreakEven[c] = breakEvenTariff(kLocal[(c - (c % ND)) / ND] / cellCost[c], margin, pt);
  for (let i = from; i < N; i++) {
    const production = work[salesChina + i] + work[exportsRow + i];
    const projected = i > iBase;
    // NEVs sold in each destination that were not imported from China.
    const b0 = work[sales0 + i] - work[veh0 + i], b1 = work[sales1 + i] - work[veh1 + i], b2 = work[sales2 + i] - work[veh2 + i];
    const built0 = b0 > 0 ? b0 : 0, built1 = b1 > 0 ? b1 : 0, built2 = b2 > 0 ? b2 : 0;
    const add0 = projected ? extra0 : 0, add1 = projected ? extra1 : 0, add2 = projected ? extra2 : 0;
    let total = 0, num0 = 0, num1 = 0, num2 = 0, den0 = 0, den1 = 0, den2 = 0;
    for (let k = 0; k < NK; k++) {
      const content = kContent[k], local = kLocal[k];
      const c0 = k * ND, c1 = c0 + 1, c2 = c0 + 2;
      // Demand abroad: NEVs built outside China, times content; China's sourcing share of it, scaled down
      // to China's capacity when the wanted total exceeds it.
      const dem0 = built0 * content, dem1 = built1 * content, dem2 = built2 * content;
      const w0 = sigma[c0 * N + i] * dem0, w1 = sigma[c1 * N + i] * dem1, w2 = sigma[c2 * N + i] * dem2;
      const wanted = 0 + w0 + w1 + w2;
      const capacity = headroom * production * content;
      const scale = wanted > capacity ? (wanted > 0 ? capacity / wanted : 0) : 1;
      const u0 = w0 * scale, u1 = w1 * scale, u2 = w2 * scale;
      const tau0 = schedule[c0 * N + i] + add0, tau1 = schedule[c1 * N + i] + add1, tau2 = schedule[c2 * N + i] + add2;
      if (tau0 !== cellTauSeen[c0]) cellPrices(state, c0, k, tau0, margin, pt);
      if (tau1 !== cellTauSeen[c1]) cellPrices(state, c1, k, tau1, margin, pt);
      if (tau2 !== cellTauSeen[c2]) cellPrices(state, c2, k, tau2, margin, pt);
      const fob0 = cellFob[c0], fob1 = cellFob[c1], fob2 = cellFob[c2];
      total += u0 * fob0;
      total += u1 * fob1;
      total += u2 * fob2;
      if (supply0) {
        num0 += u0 * local;
        den0 += dem0 * local;
      }
      if (supply1) {
        num1 += u1 * local;
        den1 += dem1 * local;
      }
      if (supply2) {
        num2 += u2 * local;
        den2 += dem2 * local;
      }
      if (writeCells) {
        work[O.units[c0] * N + i] = u0;
        work[O.value[c0] * N + i] = u0 * fob0;
        work[O.units[c1] * N + i] = u1;
        work[O.value[c1] * N + i] = u1 * fob1;
        work[O.units[c2] * N + i] = u2;
        work[O.value[c2] * N + i] = u2 * fob2;
      }
      if (writeTariffs) {
        for (let c = c0; c <= c2; c++) {
          work[O.tariff[c] * N + i] = c === c0 ? tau0 : c === c1 ? tau1 : tau2;
          work[O.landed[c] * N + i] = cellCost[c] * cellOffer[c];
          work[O.breakEven[c] * N + i] = c === ADAS_NA && state.t0 + i >= banYear ? NaN : cellBreakEven[c];
        }
      }
    }
    if (supply0) work[O.supply[0] * N + i] = den0 > 0 ? num0 / den0 : 0;
    if (supply1) work[O.supply[1] * N + i] = den1 > 0 ? num1 / den1 : 0;
    if (supply2) work[O.supply[2] * N + i] = den2 > 0 ? num2 / den2 : 0;
    work[O.total * N + i] = total;
  }
}

/** Offer multiplier and FOB value per unit of cell c at tariff tau (cached until the tariff changes). */
function cellPrices(state: KernelState, c: number, k: number, tau: number, margin: number, pt: number): void {
  const offer = offerMultiplier(tau, margin, pt);
  state.cellOffer[c] = offer;
  state.cellFob[c] = (state.kFob[k] * offer) / (1 + tau);
  state.cellTauSeen[c] = tau;
}

function runRnd(state: KernelState, p: Float64Array, from: number): void {
  const { N, O, R, iBase, work, rndParamIdx, rndLast, best, rndValues, scratch, shares } = state;
  if (!state.writeRnd && !state.reference) return;
  let same = true;
  for (let i = 0; i < rndParamIdx.length; i++) {
    const v = p[rndParamIdx[i]];
    if (v !== rndLast[i]) same = false;
    rndLast[i] = v;
  }
  if (!same) optimiseRnd(fillRnd(state, p), shares, scratch, best);
  rndValues[0] = best.chinaShare; rndValues[1] = best.cycleTimeMonths; rndValues[2] = best.npvUsdM;
  rndValues[3] = p[R.budget]; rndValues[4] = best.riskUsdM; rndValues[5] = best.engineers; rndValues[6] = best.engineersChina;
  for (let j = 0; j < O.rnd.length; j++) {
    const row = O.rnd[j] * N, value = rndValues[j];
    for (let i = from; i < N; i++) work[row + i] = i > iBase ? value : NaN;
  }
}
