/**
 * The NEV adoption block of the kernel (equations in nev.ts, docs/models.md section 1): per region, the share
 * of new-car sales follows a damped logistic step towards a ceiling that moves with the scenario's shock and
 * with the price change the tariffs cause in importing regions; sales = share x market. The history years
 * hold the observed shares and markets.
 */
import type { ModelData, NevHistoryPoint } from '../data';
import { DESTINATIONS, PRODUCTS, REGIONS } from '../ids';
import { calibrateNev, nextShare, type NevCalibration } from '../nev';
import { paramById } from '../params';
import { offerMultiplier } from '../trade';
import type { KernelState } from '../kernel';
import { vehicleTariffAt } from './exports';
import { outRow, paramIndex } from './layout';

const NR = REGIONS.length;
const ND = DESTINATIONS.length;
const NK = PRODUCTS.length;

/** Parameter positions the NEV block reads. */
export function nevParams() {
  return {
    ceiling: Int32Array.from(REGIONS, (r) => paramIndex(`nev.ceiling.${r.key}`)),
    growth: Int32Array.from(REGIONS, (r) => paramIndex(`nev.marketGrowth.${r.key}`)),
    speed: paramIndex('nev.speedMultiplier'),
    phi: paramIndex('nev.pacePersistence'),
    shockYear: paramIndex('nev.shock.year'),
    shockPct: paramIndex('nev.shock.sizePct'),
    elasticity: paramIndex('nev.priceElasticity'),
    vehiclePrice: paramIndex('nev.vehiclePriceUsd'),
  };
}

/** Output rows the NEV block writes (the world totals are written with the vehicle exports, which they need). */
export function nevRows() {
  return {
    share: Int32Array.from(REGIONS, (r) => outRow(`nev.share.${r.key}`)),
    sales: Int32Array.from(REGIONS, (r) => outRow(`nev.sales.${r.key}`)),
    market: Int32Array.from(REGIONS, (r) => outRow(`nev.market.${r.key}`)),
    world: outRow('nev.sales.World'),
    chinaExports: outRow('nev.chinaExports'),
    domestic: outRow('nev.chinaShareOfGlobal.domestic'),
    chinaMade: outRow('nev.chinaShareOfGlobal.chinaMade'),
  };
}

/** The calibration of every region (REGIONS order) on the history: data only, the reference ceilings and phi. */
export function calibrateRegions(data: ModelData, phi: number): NevCalibration[] {
  return calibrateNev(data.nevHistory, {
    referenceCeilings: Object.fromEntries(REGIONS.map((r) => [r.key, paramById(`nev.ceiling.${r.key}`)!.default])),
    phi,
  });
}

/**
 * Writes the observed shares, markets and sales of the history into `work` (rows x N years from t0) and returns
 * the block's data-only state: the last observed index per region, the base index (the earliest of them), the
 * fitted curvature and step limit per region, and each region's export destination (-1: none).
 */
export function prepareNev(
  history: readonly NevHistoryPoint[],
  calibration: readonly NevCalibration[],
  O: ReturnType<typeof nevRows>,
  work: Float64Array,
  t0: number,
  N: number,
) {
  const iLast = Int32Array.from(calibration, (c) => c.lastYear - t0);
  const iBase = Math.min(...iLast);
  REGIONS.forEach((region, r) => {
    for (const h of history) {
      if (h.region !== region.name || h.year > calibration[r].lastYear) continue;
      const i = h.year - t0;
      work[O.share[r] * N + i] = h.sharePct / 100;
      work[O.market[r] * N + i] = h.totalMarket;
      work[O.sales[r] * N + i] = (h.sharePct / 100) * h.totalMarket;
    }
  });
  return {
    iLast,
    iBase,
    kappa: Float64Array.from(calibration, (c) => c.kappa),
    maxStep: Float64Array.from(calibration, (c) => c.maxStep),
    /** Destination whose demand a region's sales drive (DESTINATIONS[d].region), -1 for none (China). */
    destOfRegion: Int32Array.from(REGIONS, (_, r) => DESTINATIONS.findIndex((d) => d.region === r)),
    /** Effective ceiling per region and year index (scratch of runNev). */
    nevCeiling: new Float64Array(NR * N),
  };
}

export function runNev(state: KernelState, p: Float64Array, from: number): void {
  const {
    N,
    P,
    iLast,
    iBase,
    sigma,
    schedule,
    cellCost,
    kContent,
    vehicleSchedule,
    nevTariffSame,
    extra,
    vehChange,
    theta,
    nevCeiling,
    destOfRegion,
  } = state;
  const shockIndex = p[P.shockYear] - state.t0,
    shock = 1 + p[P.shockPct] / 100;
  const eps = p[P.elasticity],
    price = p[P.vehiclePrice],
    pt = p[P.passThrough],
    margin = p[P.margin];
  // 1. The effective ceiling of every region and year (it does not depend on the shares).
  let common = -1;
  for (let r = 0; r < NR; r++) {
    const start = iLast[r] + 1 > from ? iLast[r] + 1 : from;
    common = r === 0 ? start : common === start ? start : -2;
    if (start >= N) continue;
    const d = destOfRegion[r];
    const m = p[P.ceiling[r]];
    const feedback = d >= 0 && eps !== 0;
    // The price factor of the last year computed, reused while the destination's tariffs stay the same.
    let cached = false,
      moved = false,
      factor = 1;
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
            const tauNow = schedule[c * N + i] + extra[d],
              tauBase = schedule[c * N + iBase];
            const delta = offerMultiplier(tauNow, margin, pt) - offerMultiplier(tauBase, margin, pt);
            if (delta !== 0) extraCost += kContent[kk] * sigma[c * N + iBase] * cellCost[c] * delta;
          }
          const vehNow = vehicleTariffAt(vehicleSchedule, N, d, i, vehChange[d]),
            vehBase = vehicleSchedule[d * N + iBase];
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
  const speed = p[P.speed],
    phi = p[P.phi];
  const shareRow = O.share[r] * N,
    salesRow = O.sales[r] * N,
    marketRow = O.market[r] * N;
  const growth = 1 + p[P.growth[r]];
  let share = work[shareRow + start - 1],
    step = share - work[shareRow + start - 2],
    market = work[marketRow + start - 1];
  const k = kappa[r],
    limit = maxStep[r];
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
  const speed = p[P.speed],
    phi = p[P.phi];
  const sh0 = O.share[0] * N,
    sa0 = O.sales[0] * N,
    mk0 = O.market[0] * N;
  const sh1 = O.share[1] * N,
    sa1 = O.sales[1] * N,
    mk1 = O.market[1] * N;
  const sh2 = O.share[2] * N,
    sa2 = O.sales[2] * N,
    mk2 = O.market[2] * N;
  const sh3 = O.share[3] * N,
    sa3 = O.sales[3] * N,
    mk3 = O.market[3] * N;
  const g0 = 1 + p[P.growth[0]],
    g1 = 1 + p[P.growth[1]],
    g2 = 1 + p[P.growth[2]],
    g3 = 1 + p[P.growth[3]];
  const k0 = kappa[0],
    k1 = kappa[1],
    k2 = kappa[2],
    k3 = kappa[3];
  const l0 = maxStep[0],
    l1 = maxStep[1],
    l2 = maxStep[2],
    l3 = maxStep[3];
  let s0 = work[sh0 + start - 1],
    s1 = work[sh1 + start - 1],
    s2 = work[sh2 + start - 1],
    s3 = work[sh3 + start - 1];
  let d0 = s0 - work[sh0 + start - 2],
    d1 = s1 - work[sh1 + start - 2],
    d2 = s2 - work[sh2 + start - 2],
    d3 = s3 - work[sh3 + start - 2];
  let m0 = work[mk0 + start - 1],
    m1 = work[mk1 + start - 1],
    m2 = work[mk2 + start - 1],
    m3 = work[mk3 + start - 1];
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
