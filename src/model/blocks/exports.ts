/**
 * The exports block of the kernel (equations in trade.ts and tariffs.ts, docs/models.md section 2): China's
 * sourcing share of each component line into each destination (a partial adjustment towards a logit target of
 * the price gap the tariffs open), China's NEV vehicle exports by destination (CAAM history, then the base
 * year's China-made share moved by the vehicle tariff), and the component flows (demand is the NEVs built
 * outside China: no double counting with vehicle exports), China's supply shares and the tariff rows.
 */
import { pickHistory, type ModelData, type NevHistoryPoint } from '../data';
import { DESTINATIONS, PRODUCTS, type DestinationKey, type ProductKey } from '../ids';
import { annualComponentTariff, annualVehicleTariff } from '../tariffs';
import { breakEvenTariff, offerMultiplier } from '../trade';
import type { KernelState } from '../kernel';
import { outRow, paramIndex } from './layout';

const ND = DESTINATIONS.length;
const NK = PRODUCTS.length;

const NORTH_AMERICA = DESTINATIONS.findIndex((d) => d.key === 'NorthAmerica');
const EUROPE = DESTINATIONS.findIndex((d) => d.key === 'Europe');
/** The cell (product x destination) of ADAS into North America, the one the US connected-vehicle rule closes. */
export const ADAS_NA = PRODUCTS.findIndex((k) => k.key === 'adas') * ND + NORTH_AMERICA;

/**
 * First year China supplies each line to export markets (constants of the backcast, not scenario inputs: they
 * fall inside the history). Sources: suppliers.csv claims, all "UNVERIFIED - article claim only" except where
 * noted; docs/models.md lists them.
 */
export const LAUNCH_YEAR: Readonly<Record<ProductKey, { year: number; source: string }>> = {
  edrive: { year: 2025, source: 'Schaeffler China team developed and built a 3-in-1 e-drive (suppliers.csv, UNVERIFIED - article claim)' },
  adas: { year: 2025, source: 'Bosch "Based in China, serving global": ADAS (suppliers.csv, UNVERIFIED - article claim)' },
  sbw: { year: 2025, source: 'ZF steer-by-wire mass production in China from April 2025 and export (suppliers.csv, UNVERIFIED)' },
  thermal: {
    year: 2025,
    source: 'MAHLE thermal module from a China R&D sample for the global market (suppliers.csv, UNVERIFIED - article claim)',
  },
  sic: { year: 2025, source: 'assumption: no claim in the data; taken with the other electrified lines' },
  battery: {
    year: 2015,
    source: 'assumption: China battery exports predate the history window (CATL: 30 % of FY2024 revenue overseas, suppliers.csv)',
  },
};

/** China share of supply in a line's launch year, per destination (assumption, as the old sigmaStart inputs). */
export const LAUNCH_SHARE: Readonly<Record<DestinationKey, number>> = { Europe: 0.05, NorthAmerica: 0.05, RestOfWorld: 0.15 };
export const LAUNCH_SHARE_SOURCE =
  'assumption: small China shares at launch (5 % Europe, 5 % North America: EPI puts China at 9 % of US auto-parts imports in 2023, china_exports.csv; 15 % rest of world)';

/** USD per EUR used to convert the EU's EUR import values (assumption: 2023-2024 average rate). */
export const USD_PER_EUR = 1.08;

/** Parameter positions the exports block reads. */
export function exportParams() {
  return {
    content: Int32Array.from(PRODUCTS, (k) => paramIndex(`exports.content.${k.key}`)),
    localCost: Int32Array.from(PRODUCTS, (k) => paramIndex(`exports.localCostUsd.${k.key}`)),
    advantage: paramIndex('exports.costAdvantage'),
    margin: paramIndex('exports.exporterMargin'),
    freight: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.freight.${d.key}`)),
    extraTariff: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.tariff.${d.key}`)),
    vehicleTariff: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.vehicleTariff.${d.key}`)),
    sigmaMax: Int32Array.from(DESTINATIONS, (d) => paramIndex(`exports.sigmaMax.${d.key}`)),
    importElasticity: paramIndex('exports.vehicleImportElasticity'),
    fx: paramIndex('exports.fxFactor'),
    passThrough: paramIndex('exports.passThrough'),
    beta: paramIndex('exports.logitBeta'),
    inertia: paramIndex('exports.inertia'),
    banYear: paramIndex('exports.adasBanYear.NorthAmerica'),
    headroom: paramIndex('exports.capacityHeadroom'),
  };
}

/** Output rows the exports block writes; product x destination cells are indexed k * ND + d. */
export function exportRows() {
  const cells = (prefix: string) => {
    const rows = new Int32Array(NK * ND);
    PRODUCTS.forEach((k, ki) => DESTINATIONS.forEach((d, di) => (rows[ki * ND + di] = outRow(`${prefix}.${k.key}.${d.key}`))));
    return rows;
  };
  return {
    vehUnits: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.units.${d.key}`)),
    vehValue: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.value.${d.key}`)),
    vehTariff: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.vehicles.tariffRate.${d.key}`)),
    units: cells('exports.units'),
    value: cells('exports.value'),
    tariff: cells('exports.tariffRate'),
    landed: cells('exports.landedCostUsd'),
    breakEven: cells('exports.breakEvenTariff'),
    supply: Int32Array.from(DESTINATIONS, (d) => outRow(`exports.chinaSupplyShare.${d.key}`)),
    total: outRow('exports.value.total'),
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
  const candidates = trade
    .filter((t) => t.metric === 'eu_ev_imports_from_china_value' && Number.isFinite(t.usdBn))
    .map((t) => t.year)
    .sort((a, b) => b - a);
  for (const year of candidates) {
    const ev = trade.find((t) => t.metric === 'eu_ev_imports_from_china_value' && t.year === year)!;
    const cars = trade.find(
      (t) => t.metric === 'eu_car_imports_from_china_value' && t.year === year && Number.isFinite(t.units) && Number.isFinite(t.eurBn),
    );
    const eu = history.find((h) => h.region === 'EU27' && h.year === year);
    if (!cars || !eu || !(eu.evSales > 0)) continue;
    const unitValueUsd = (cars.eurBn * 1e9 * USD_PER_EUR) / cars.units;
    return { year, share: (ev.usdBn * 1e9) / unitValueUsd / eu.evSales };
  }
  return {
    year: 2023,
    share: 0.2382,
    note: 'china_exports.csv lacks the EU import rows: the Europe share of China NEV exports uses the shipped 2023 anchor (23.8 % of EU27 NEV sales)',
  };
}

/**
 * BEV share of China's EV sales in the latest year with a BEV/PHEV split (EU duties hit BEVs only); IEA 2023:
 * 5.4 M of 8.1 M = 0.667. Falls back to that figure when the history has no split.
 */
function chinaBevShare(history: readonly NevHistoryPoint[]): number {
  const latest = history.filter((h) => h.region === 'China' && (h.bevSales ?? NaN) > 0 && h.evSales > 0).sort((a, b) => b.year - a.year)[0];
  return latest ? latest.bevSales! / latest.evSales : 0.667;
}

/**
 * The block's data-only state: CAAM NEV exports by year index up to the base year, the dated vehicle and
 * component tariff schedules (destination x year, product x destination x year), the launch index of each line,
 * the Europe anchor, whether a destination's tariffs repeat the year before, and the sales row behind each
 * destination. Notes about fallbacks go to `notes`.
 */
export function prepareExports(data: ModelData, salesRows: Int32Array, t0: number, N: number, iBase: number, notes: string[]) {
  const yearOf = (i: number) => t0 + i;
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
  const anchor = europeAnchor(data, pickHistory(data.nevHistory));
  if (anchor.note) notes.push(anchor.note);

  // Component tariff schedule per product x destination x year.
  const schedule = new Float64Array(NK * ND * N);
  PRODUCTS.forEach((k, ki) =>
    DESTINATIONS.forEach((d, di) => {
      for (let i = 0; i < N; i++) schedule[(ki * ND + di) * N + i] = annualComponentTariff(data.tariffs, k.key, d.name, yearOf(i));
    }),
  );
  const launchIndex = Int32Array.from(PRODUCTS, (k) => Math.max(0, LAUNCH_YEAR[k.key].year - t0));

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
  const destSalesRow = Int32Array.from(DESTINATIONS, (d) => salesRows[d.region] * N);
  return {
    exportsObserved,
    firstObserved,
    vehicleSchedule,
    schedule,
    launchIndex,
    anchor,
    nevTariffSame,
    destSalesRow,
    // Scratch, overwritten by every run.
    sigma: new Float64Array(NK * ND * N),
    cellCost: new Float64Array(NK * ND),
    kLocal: new Float64Array(NK),
    kContent: new Float64Array(NK),
    kFob: new Float64Array(NK),
    theta: new Float64Array(ND),
    extra: new Float64Array(ND),
    vehChange: new Float64Array(ND),
    /** Per-run caches keyed by the exact input (a tariff): the last input and the result computed from it. */
    vehTauSeen: new Float64Array(ND),
    vehShare: new Float64Array(ND),
    cellTauSeen: new Float64Array(NK * ND),
    cellOffer: new Float64Array(NK * ND),
    cellFob: new Float64Array(NK * ND),
    cellBreakEven: new Float64Array(NK * ND),
  };
}

/** Prices of the run: local cost, content and FOB value per product, delivered cost per cell; the scenario's tariff changes. */
export function exportPrices(state: KernelState, p: Float64Array): void {
  const { P, cellCost, kLocal, kContent, kFob, extra, vehChange } = state;
  const adv = p[P.advantage],
    fx = p[P.fx];
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
}

/** China-made share of each destination's NEV sales in the base year (after the reference run): where the vehicle projection starts. */
export function baseYearImportShares(state: KernelState): void {
  const { work, N, iBase, O, destSalesRow, theta } = state;
  for (let di = 0; di < ND; di++) {
    const sales = work[destSalesRow[di] + iBase];
    theta[di] = sales > 0 ? work[O.vehUnits[di] * N + iBase] / sales : 0;
  }
}

const LAUNCH_SHARE_AT = Float64Array.from(DESTINATIONS, (d) => LAUNCH_SHARE[d.key]);

/** Cells c .. c + 2 (one product, its three destinations) from `from` on, all launched before and none barred. */
function sourcingAfterLaunch(
  state: KernelState,
  p: Float64Array,
  from: number,
  c: number,
  pt: number,
  beta: number,
  lambda: number,
  margin: number,
  reference: boolean,
): void {
  const { N, P, sigma, schedule, cellCost, kLocal, extra } = state;
  const local = kLocal[(c - (c % ND)) / ND];
  const b0 = c * N,
    b1 = b0 + N,
    b2 = b1 + N;
  const del0 = cellCost[c],
    del1 = cellCost[c + 1],
    del2 = cellCost[c + 2];
  const max0 = p[P.sigmaMax[0]],
    max1 = p[P.sigmaMax[1]],
    max2 = p[P.sigmaMax[2]];
  const add0 = reference ? 0 : extra[0],
    add1 = reference ? 0 : extra[1],
    add2 = reference ? 0 : extra[2];
  let s0 = sigma[b0 + from - 1],
    s1 = sigma[b1 + from - 1],
    s2 = sigma[b2 + from - 1];
  let last0 = NaN,
    last1 = NaN,
    last2 = NaN,
    t0 = 0,
    t1 = 0,
    t2 = 0;
  for (let i = from; i < N; i++) {
    const tau0 = schedule[b0 + i] + add0,
      tau1 = schedule[b1 + i] + add1,
      tau2 = schedule[b2 + i] + add2;
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

export function runSourcing(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, sigma, schedule, cellCost, kLocal, launchIndex, extra } = state;
  const pt = p[P.passThrough],
    beta = p[P.beta],
    lambda = p[P.inertia],
    margin = p[P.margin];
  const banIndex = Math.ceil(p[P.banYear] - state.t0);
  const reference = state.reference;
  for (let c = 0; c < NK * ND; c++) {
    const d = c % ND,
      k = (c - d) / ND;
    if (d === 0 && from > launchIndex[k] && (ADAS_NA < c || ADAS_NA > c + 2 || banIndex >= N)) {
      // Launched before `from` and not barred: the three destinations' adjustments side by side (three
      // independent chains the processor can overlap); the same operations per cell as below.
      sourcingAfterLaunch(state, p, from, c, pt, beta, lambda, margin, reference);
      c += ND - 1;
      continue;
    }
    const local = kLocal[k],
      delivered = cellCost[c],
      sigmaMax = p[P.sigmaMax[d]],
      add = reference ? 0 : extra[d];
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
    let lastTau = NaN,
      target = 0;
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

/** Tariff on China NEVs into destination d in year index i, with the scenario's change, never below 0. */
export function vehicleTariffAt(schedule: Float64Array, N: number, d: number, i: number, change: number): number {
  const tau = schedule[d * N + i] + change;
  return tau > 0 ? tau : 0;
}

export function runVehicles(state: KernelState, p: Float64Array, from: number): void {
  const {
    N,
    P,
    O,
    work,
    iBase,
    exportsObserved,
    firstObserved,
    vehicleSchedule,
    anchor,
    theta,
    destSalesRow,
    vehChange,
    vehTauSeen,
    vehShare,
  } = state;
  const eta = p[P.importElasticity],
    price = p[P.vehiclePrice];
  const sales0 = O.sales[0] * N,
    sales1 = O.sales[1] * N,
    sales2 = O.sales[2] * N,
    sales3 = O.sales[3] * N;
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

export function runComponents(state: KernelState, p: Float64Array, from: number): void {
  const { N, P, O, work, sigma, schedule, cellCost, kLocal, kContent, iBase, destSalesRow, extra, wantSupply } = state;
  const { cellTauSeen, cellOffer, cellFob, cellBreakEven } = state;
  const reference = state.reference;
  const writeCells = state.writeCells || reference,
    writeTariffs = state.writeTariffs || reference;
  const supply0 = reference || wantSupply[0] === 1,
    supply1 = reference || wantSupply[1] === 1,
    supply2 = reference || wantSupply[2] === 1;
  const headroom = p[P.headroom],
    pt = p[P.passThrough],
    margin = p[P.margin],
    banYear = p[P.banYear];
  const salesChina = O.sales[0] * N,
    exportsRow = O.chinaExports * N;
  const sales0 = destSalesRow[0],
    sales1 = destSalesRow[1],
    sales2 = destSalesRow[2];
  const veh0 = O.vehUnits[0] * N,
    veh1 = O.vehUnits[1] * N,
    veh2 = O.vehUnits[2] * N;
  const extra0 = extra[0],
    extra1 = extra[1],
    extra2 = extra[2];
  cellTauSeen.fill(NaN);
  if (writeTariffs)
    for (let c = 0; c < NK * ND; c++) cellBreakEven[c] = breakEvenTariff(kLocal[(c - (c % ND)) / ND] / cellCost[c], margin, pt);
  for (let i = from; i < N; i++) {
    const production = work[salesChina + i] + work[exportsRow + i];
    const projected = i > iBase;
    // NEVs sold in each destination that were not imported from China.
    const b0 = work[sales0 + i] - work[veh0 + i],
      b1 = work[sales1 + i] - work[veh1 + i],
      b2 = work[sales2 + i] - work[veh2 + i];
    const built0 = b0 > 0 ? b0 : 0,
      built1 = b1 > 0 ? b1 : 0,
      built2 = b2 > 0 ? b2 : 0;
    const add0 = projected ? extra0 : 0,
      add1 = projected ? extra1 : 0,
      add2 = projected ? extra2 : 0;
    let total = 0,
      num0 = 0,
      num1 = 0,
      num2 = 0,
      den0 = 0,
      den1 = 0,
      den2 = 0;
    for (let k = 0; k < NK; k++) {
      const content = kContent[k],
        local = kLocal[k];
      const c0 = k * ND,
        c1 = c0 + 1,
        c2 = c0 + 2;
      // Demand abroad: NEVs built outside China, times content; China's sourcing share of it, scaled down
      // to China's capacity when the wanted total exceeds it.
      const dem0 = built0 * content,
        dem1 = built1 * content,
        dem2 = built2 * content;
      const w0 = sigma[c0 * N + i] * dem0,
        w1 = sigma[c1 * N + i] * dem1,
        w2 = sigma[c2 * N + i] * dem2;
      const wanted = 0 + w0 + w1 + w2;
      const capacity = headroom * production * content;
      const scale = wanted > capacity ? (wanted > 0 ? capacity / wanted : 0) : 1;
      const u0 = w0 * scale,
        u1 = w1 * scale,
        u2 = w2 * scale;
      const tau0 = schedule[c0 * N + i] + add0,
        tau1 = schedule[c1 * N + i] + add1,
        tau2 = schedule[c2 * N + i] + add2;
      if (tau0 !== cellTauSeen[c0]) cellPrices(state, c0, k, tau0, margin, pt);
      if (tau1 !== cellTauSeen[c1]) cellPrices(state, c1, k, tau1, margin, pt);
      if (tau2 !== cellTauSeen[c2]) cellPrices(state, c2, k, tau2, margin, pt);
      const fob0 = cellFob[c0],
        fob1 = cellFob[c1],
        fob2 = cellFob[c2];
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
