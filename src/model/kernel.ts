/**
 * The one implementation of the three models as a preallocated kernel. createKernel does the slow,
 * once-only work (history alignment, tariff schedule per product/destination/year, index tables);
 * kernel.run(params, out) is allocation-free and is used by both compileModel (Monte Carlo) and
 * runModels (which wraps the buffer into Series).
 */
import { bassF, type BassFit } from './bass';
import { pickHistory, type ModelData } from './data';
import { DESTINATIONS, PRODUCTS, REGIONS } from './ids';
import { OUTPUTS, OUTPUT_INDEX } from './outputs';
import { PARAM_IDS } from './params';
import { optimiseRnd, type RndInputs, type RndPoint } from './rnd';
import { annualComponentTariff } from './tariffs';

const NR = REGIONS.length;
const ND = DESTINATIONS.length;
const NK = PRODUCTS.length;
const ADAS = PRODUCTS.findIndex((k) => k.key === 'adas');
const NORTH_AMERICA = DESTINATIONS.findIndex((d) => d.key === 'NorthAmerica');
/** The cell (product x destination) of ADAS into North America, the one a ban can close. */
const ADAS_NA = ADAS * ND + NORTH_AMERICA;

export interface Kernel {
  readonly years: readonly number[];
  /** Rows of the full output buffer, OUTPUTS order. */
  readonly outputCount: number;
  /**
   * Runs all three models; params in PARAM_IDS order, out has outputCount * years.length values (rows not
   * in createKernel's outputRows may be left untouched). Allocation-free.
   */
  run(params: Float64Array, out: Float64Array): void;
  /** Last R&D optimum of run() (for runModels' warnings and the frontier). */
  readonly rndBest: RndPoint;
  /** Fills the R&D inputs from params (used by the frontier and goal seek in run.ts). */
  rndInputs(params: Float64Array): RndInputs;
}

function indexOf(id: string): number {
  const i = PARAM_IDS.indexOf(id);
  if (i < 0) throw new Error(`kernel: unknown parameter id '${id}'`);
  return i;
}
function outRow(id: string): number {
  const i = OUTPUT_INDEX.get(id);
  if (i === undefined) throw new Error(`kernel: unknown output id '${id}'`);
  return i;
}

/**
 * Prepares the kernel for a year range with fixed Bass fits (one per region, REGIONS order). With
 * outputRows, run() fills only those rows reliably (the NEV and totals rows are always written).
 */
export function createKernel(
  data: ModelData,
  fits: readonly BassFit[],
  firstYear: number,
  lastYear: number,
  /** Output rows the caller reads (default: all); unread per-cell and R&D rows are then skipped. */
  outputRows?: ArrayLike<number>,
): Kernel {
  const state = prepareKernel(data, fits, firstYear, lastYear, outputRows);
  // run and rndInputs are module-level functions over this kernel's state, not closures of createKernel: at a
  // full garbage collection V8 drops the optimised code of a function none of whose closures is alive, so every
  // new kernel (runModels builds one per call) would recompile run(); and closures of several kernels share one
  // optimised code that reloads captured variables in every loop iteration, while runKernel loads its state
  // into locals once per run (about 10 % faster).
  return {
    years: state.years,
    outputCount: OUTPUTS.length,
    run: (params, out) => runKernel(state, params, out),
    rndBest: state.best,
    rndInputs: (params) => fillRnd(state, params),
  };
}

/** Everything runKernel and fillRnd read: tables fixed at compile time and scratch reused by every run. */
type KernelState = ReturnType<typeof prepareKernel>;

/** createKernel's once-only work: history alignment, tariff schedule, index tables and scratch. */
function prepareKernel(
  data: ModelData,
  fits: readonly BassFit[],
  firstYear: number,
  lastYear: number,
  outputRows: ArrayLike<number> | undefined,
) {
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && firstYear <= lastYear))
    throw new Error(`years: firstYear ${firstYear} and lastYear ${lastYear} must be integers with firstYear <= lastYear`);
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const ny = years.length;
  const history = pickHistory(data.nevHistory);

  // History aligned to years (NaN where absent), last history year and its market per region.
  const obsShare = new Float64Array(NR * ny).fill(NaN);
  const obsMarket = new Float64Array(NR * ny).fill(NaN);
  const lastHist = new Float64Array(NR);
  const lastMarket = new Float64Array(NR);
  const fitP = new Float64Array(NR), fitQ = new Float64Array(NR), fitTau = new Float64Array(NR);
  REGIONS.forEach((region, r) => {
    const fit = fits.find((f) => f.region === region.key);
    if (!fit) throw new Error(`calibration: no Bass fit for region '${region.key}' (too few history rows for '${region.name}')`);
    fitP[r] = fit.p; fitQ[r] = fit.q; fitTau[r] = fit.tau;
    const rows = history.filter((h) => h.region === region.name && h.year <= fit.through);
    const last = rows[rows.length - 1];
    lastHist[r] = last.year;
    lastMarket[r] = last.totalMarket;
    for (const row of rows) {
      const y = row.year - firstYear;
      if (y >= 0 && y < ny) {
        obsShare[r * ny + y] = row.sharePct / 100;
        obsMarket[r * ny + y] = row.totalMarket;
      }
    }
  });
  const chinaExportsObs = new Float64Array(ny).fill(NaN);
  for (const point of data.chinaNevExports ?? []) {
    const y = point.year - firstYear;
    if (y >= 0 && y < ny && point.year <= lastHist[0]) chinaExportsObs[y] = point.units;
  }
  // History years before the first CAAM figure: the export ratio of that first year (2021: 0.093), not the
  // projection parameter (2025: 0.331), which would overstate early exports.
  const exportPoints = [...(data.chinaNevExports ?? [])].sort((a, b) => a.year - b.year);
  const firstExport = exportPoints[0];
  const foreignAt = (year: number) =>
    REGIONS.slice(1).reduce((sum, region) => sum + (history.find((h) => h.region === region.name && h.year === year)?.evSales ?? NaN), 0);
  const earlyExportRatio = firstExport ? firstExport.units / foreignAt(firstExport.year) : NaN;
  const earlyExportYear = firstExport && Number.isFinite(earlyExportRatio) ? firstExport.year : -Infinity;

  // Tariff schedule per product x destination x year, plus the rate in the last history year.
  const schedule = new Float64Array(NK * ND * ny);
  const baseTariff = new Float64Array(NK * ND);
  PRODUCTS.forEach((k, ki) =>
    DESTINATIONS.forEach((d, di) => {
      const T = lastHist[d.region];
      baseTariff[ki * ND + di] = annualComponentTariff(data.tariffs, k.key, d.name, T);
      for (let y = 0; y < ny; y++) schedule[(ki * ND + di) * ny + y] = annualComponentTariff(data.tariffs, k.key, d.name, years[y]);
    }),
  );

  // Parameter indices.
  const P = {
    ceiling: REGIONS.map((r) => indexOf(`nev.ceiling.${r.key}`)),
    growth: REGIONS.map((r) => indexOf(`nev.marketGrowth.${r.key}`)),
    speed: indexOf('nev.speedMultiplier'), shockYear: indexOf('nev.shock.year'), shockPct: indexOf('nev.shock.sizePct'),
    elasticity: indexOf('nev.priceElasticity'), vehiclePrice: indexOf('nev.vehiclePriceUsd'), exportShare: indexOf('nev.chinaExportShareOfForeignNev'),
    content: PRODUCTS.map((k) => indexOf(`exports.content.${k.key}`)),
    localCost: PRODUCTS.map((k) => indexOf(`exports.localCostUsd.${k.key}`)),
    advantage: indexOf('exports.costAdvantage'),
    freight: DESTINATIONS.map((d) => indexOf(`exports.freight.${d.key}`)),
    extraTariff: DESTINATIONS.map((d) => indexOf(`exports.tariff.${d.key}`)),
    sigmaMax: DESTINATIONS.map((d) => indexOf(`exports.sigmaMax.${d.key}`)),
    sigmaStart: DESTINATIONS.map((d) => indexOf(`exports.sigmaStart.${d.key}`)),
    fx: indexOf('exports.fxFactor'), passThrough: indexOf('exports.passThrough'), beta: indexOf('exports.logitBeta'),
    inertia: indexOf('exports.inertia'), banYear: indexOf('exports.adasBanYear.NorthAmerica'), headroom: indexOf('exports.capacityHeadroom'),
  };
  const R = {
    budget: indexOf('rnd.budgetUsdM'), costEu: indexOf('rnd.engineerCostUsdK.EU'), costUs: indexOf('rnd.engineerCostUsdK.US'),
    ratioCn: indexOf('rnd.engineerCostRatio.China'), ratioIn: indexOf('rnd.engineerCostRatio.India'),
    caps: ['China', 'EU', 'US', 'India'].map((l) => indexOf(`rnd.cap.${l}`)),
    weights: ['EU', 'US', 'India'].map((l) => indexOf(`rnd.weight.${l}`)),
    base: indexOf('rnd.cycleBaseMonths'), min: indexOf('rnd.cycleMinMonths'), kappa: indexOf('rnd.kappa'),
    window: indexOf('rnd.windowValueUsdM'), decay: indexOf('rnd.speedDecayPerYear'), theta: indexOf('rnd.productivityElasticity'),
    rate: indexOf('rnd.discountRate'), pDec: indexOf('rnd.decouplingProbability'), loss: indexOf('rnd.decouplingLossUsdM'),
  };

  // Output rows.
  const O = {
    share: REGIONS.map((r) => outRow(`nev.share.${r.key}`)), sales: REGIONS.map((r) => outRow(`nev.sales.${r.key}`)),
    market: REGIONS.map((r) => outRow(`nev.market.${r.key}`)), world: outRow('nev.sales.World'), chinaExports: outRow('nev.chinaExports'),
    domestic: outRow('nev.chinaShareOfGlobal.domestic'), chinaMade: outRow('nev.chinaShareOfGlobal.chinaMade'),
    units: new Int32Array(NK * ND), value: new Int32Array(NK * ND), tariff: new Int32Array(NK * ND), landed: new Int32Array(NK * ND),
    breakEven: new Int32Array(NK * ND), supply: DESTINATIONS.map((d) => outRow(`exports.chinaSupplyShare.${d.key}`)),
    total: outRow('exports.value.total'),
    rnd: ['optimalChinaShare', 'cycleTimeMonths', 'npv', 'costUsdM', 'riskUsdM', 'engineers', 'engineers.China'].map((s) => outRow(`rnd.${s}`)),
  };
  PRODUCTS.forEach((k, ki) =>
    DESTINATIONS.forEach((d, di) => {
      const c = ki * ND + di;
      O.units[c] = outRow(`exports.units.${k.key}.${d.key}`);
      O.value[c] = outRow(`exports.value.${k.key}.${d.key}`);
      O.tariff[c] = outRow(`exports.tariffRate.${k.key}.${d.key}`);
      O.landed[c] = outRow(`exports.landedCostUsd.${k.key}.${d.key}`);
      O.breakEven[c] = outRow(`exports.breakEvenTariff.${k.key}.${d.key}`);
    }),
  );

  // Scratch state, reused by every run.
  const destLastHistY = Float64Array.from(DESTINATIONS, (d) => lastHist[d.region] - firstYear);
  // Years where a cell's tariff can differ from the year before (first year, a schedule step, the first year
  // the extra tariff applies): the only years whose logit target must be recomputed. Stored as segment start
  // years per cell: segmentYear[segmentStart[c] .. segmentStart[c + 1]).
  const segmentStart = new Int32Array(NK * ND + 1);
  const segmentYears: number[] = [];
  for (let c = 0; c < NK * ND; c++) {
    segmentStart[c] = segmentYears.length;
    for (let y = 0; y < ny; y++)
      if (y === 0 || schedule[c * ny + y] !== schedule[c * ny + y - 1] || y - 1 === destLastHistY[c % ND]) segmentYears.push(y);
  }
  segmentStart[NK * ND] = segmentYears.length;
  const segmentYear = Int32Array.from(segmentYears);
  const sigmaPath = new Float64Array(NK * ND * ny);
  // 1 for a destination whose scheduled rates never move from the last history year's: with no extra tariff
  // its price feedback is exactly zero, so the per-product sum is skipped.
  const flatAfterHistory = Uint8Array.from(DESTINATIONS, (_, d) => {
    for (let k = 0; k < NK; k++)
      for (let y = Math.max(0, destLastHistY[d] + 1); y < ny; y++) if (schedule[(k * ND + d) * ny + y] !== baseTariff[k * ND + d]) return 0;
    return 1;
  });
  const kFob = new Float64Array(NK);
  if (ND !== 3 || NR !== 4) throw new Error('kernel: the export loop is written for 3 destinations and 4 regions');
  const destSalesRow = DESTINATIONS.map((d) => O.sales[d.region] * ny);
  const [supplyRow0, supplyRow1, supplyRow2] = O.supply.map((row) => row * ny);
  const worldRow = O.world * ny, chinaExportsRow = O.chinaExports * ny, domesticRow = O.domestic * ny;
  const chinaMadeRow = O.chinaMade * ny, totalRow = O.total * ny;
  const cellCn = new Float64Array(NK * ND); // China cost incl. freight and FX, USD per unit
  const kLocal = new Float64Array(NK), kContent = new Float64Array(NK), dExtra = new Float64Array(ND);
  const rowBase = (rows: Int32Array) => Int32Array.from(rows, (row) => row * ny);
  const unitsBase = rowBase(O.units), valueBase = rowBase(O.value), tariffBase = rowBase(O.tariff);
  const landedBase = rowBase(O.landed), breakEvenBase = rowBase(O.breakEven);
  // Rows nobody reads are not written (their buffer values are then left as they were).
  const wanted = outputRows ? new Set(Array.from(outputRows)) : undefined;
  const anyOf = (...rows: Int32Array[]) => !wanted || rows.some((r) => r.some((row) => wanted.has(row)));
  const writeCells = anyOf(O.units, O.value);
  const writeTariffs = anyOf(O.tariff, O.landed, O.breakEven);
  // The R&D rows written (year-independent values repeated in every year column): index into O.rnd and
  // start in the buffer of each row asked for.
  const rndWritten = O.rnd.flatMap((row, i) => (!wanted || wanted.has(row) ? [i] : []));
  const rndWhich = Int32Array.from(rndWritten), rndStart = Int32Array.from(rndWritten, (i) => O.rnd[i] * ny);
  const rndValues = new Float64Array(O.rnd.length);
  const shares = new Float64Array(4);
  const rndIn: RndInputs = {
    budgetUsdM: 0, costUsdK: new Float64Array(4), caps: new Float64Array(4), weights: new Float64Array(4),
    cycleBaseMonths: 0, cycleMinMonths: 0, kappa: 0, windowValueUsdM: 0, speedDecayPerYear: 0, productivityElasticity: 0,
    discountRate: 0, decouplingProbability: 0, decouplingLossUsdM: 0, horizonYears: lastYear - lastHist[0], annuity: 1,
  };
  const blank = (): RndPoint => ({ chinaShare: 0, cycleTimeMonths: 0, npvUsdM: 0, riskUsdM: 0, engineers: 0, engineersChina: 0, feasible: true });
  const scratch = blank();
  const best = blank();

  const rndParamIdx = Int32Array.from(
    [R.budget, R.costEu, R.costUs, R.ratioCn, R.ratioIn, ...R.caps, ...R.weights, R.base, R.min, R.kappa, R.window, R.decay, R.theta, R.rate, R.pDec, R.loss],
  );
  const rndLast = new Float64Array(rndParamIdx.length);

  return {
    years, ny, firstYear, lastYear, P, R, O,
    lastHist, lastMarket, fitP, fitQ, fitTau, obsShare, obsMarket, chinaExportsObs, earlyExportRatio, earlyExportYear,
    schedule, baseTariff, destLastHistY, segmentStart, segmentYear, flatAfterHistory,
    destSalesRow, supplyRow0, supplyRow1, supplyRow2, worldRow, chinaExportsRow, domesticRow, chinaMadeRow, totalRow,
    unitsBase, valueBase, tariffBase, landedBase, breakEvenBase, writeCells, writeTariffs, rndWhich, rndStart, rndParamIdx,
    // Scratch, overwritten by every run.
    sigmaPath, cellCn, kLocal, kContent, kFob, dExtra, rndValues, shares, rndIn, scratch, best, rndLast,
    /** False until the first run has filled rndLast and best. */
    rndReady: false,
  };
}

/** Fills the kernel's R&D inputs from params. */
function fillRnd(state: KernelState, p: Float64Array): RndInputs {
  const { rndIn, R, lastYear, lastHist } = state;
  rndIn.budgetUsdM = p[R.budget];
  const eu = p[R.costEu];
  rndIn.costUsdK[0] = eu * p[R.ratioCn]; rndIn.costUsdK[1] = eu; rndIn.costUsdK[2] = p[R.costUs]; rndIn.costUsdK[3] = eu * p[R.ratioIn];
  for (let l = 0; l < 4; l++) rndIn.caps[l] = p[R.caps[l]];
  rndIn.weights[0] = 0;
  for (let l = 1; l < 4; l++) rndIn.weights[l] = p[R.weights[l - 1]];
  rndIn.cycleBaseMonths = p[R.base]; rndIn.cycleMinMonths = p[R.min]; rndIn.kappa = p[R.kappa];
  rndIn.windowValueUsdM = p[R.window]; rndIn.speedDecayPerYear = p[R.decay]; rndIn.productivityElasticity = p[R.theta];
  const rate = p[R.rate], horizon = Math.max(1, lastYear - lastHist[0]);
  rndIn.annuity = rate > 0 ? (1 - Math.pow(1 + rate, -horizon)) / rate : horizon;
  rndIn.discountRate = rate; rndIn.decouplingProbability = p[R.pDec]; rndIn.decouplingLossUsdM = p[R.loss];
  return rndIn;
}

/** Runs all three models for params into out (see Kernel.run). Allocation-free. */
function runKernel(state: KernelState, p: Float64Array, out: Float64Array): void {
  // The state as locals: each loaded once per run, not in every loop iteration.
  const { ny, firstYear, P, R, O, lastHist, lastMarket, fitP, fitQ, fitTau, obsShare, obsMarket } = state;
  const { chinaExportsObs, earlyExportRatio, earlyExportYear, schedule, baseTariff, destLastHistY } = state;
  const { segmentStart, segmentYear, flatAfterHistory, destSalesRow, supplyRow0, supplyRow1, supplyRow2 } = state;
  const { worldRow, chinaExportsRow, domesticRow, chinaMadeRow, totalRow, unitsBase, valueBase } = state;
  const { tariffBase, landedBase, breakEvenBase, writeCells, writeTariffs, rndWhich, rndStart } = state;
  const { sigmaPath, cellCn, kLocal, kContent, kFob, dExtra, rndValues, shares, scratch, best, rndParamIdx, rndLast } = state;
  const adv = p[P.advantage], fx = p[P.fx], pt = p[P.passThrough], beta = p[P.beta], lambda = p[P.inertia];
  const speed = p[P.speed], shockYear = p[P.shockYear], shock = 1 + p[P.shockPct] / 100, eps = p[P.elasticity];
  const banYear = p[P.banYear], headroom = p[P.headroom], vehiclePrice = p[P.vehiclePrice], exportShare = p[P.exportShare];
  for (let k = 0; k < NK; k++) {
    kLocal[k] = p[P.localCost[k]];
    kContent[k] = p[P.content[k]];
    for (let d = 0; d < ND; d++) cellCn[k * ND + d] = kLocal[k] * (1 - adv) * (1 + p[P.freight[d]]) * fx;
  }
  for (let d = 0; d < ND; d++) dExtra[d] = p[P.extraTariff[d]];

  // --- 1. China sourcing shares per cell. They depend on tariffs and parameters only (not on sales), so
  // each cell's whole path is computed first, cell by cell, one run of years per tariff segment (from the
  // schedule at compile time): the logit target is recomputed only where the tariff can change.
  const banY = Math.ceil(banYear - firstYear); // first banned year index for ADAS into North America
  const banEnd = !(banY < ny) ? ny : banY < 0 ? 0 : banY;
  for (let c = 0; c < NK * ND; c++) {
    const d = c % ND;
    const local = kLocal[(c - d) / ND], cn = cellCn[c], extra = dExtra[d], sigmaMax = p[P.sigmaMax[d]];
    const base = c * ny;
    const end = c === ADAS_NA ? banEnd : ny;
    let target = 0, lastTau = NaN;
    let s = p[P.sigmaStart[d]];
    const last = segmentStart[c + 1];
    for (let j = segmentStart[c]; j < last; j++) {
      const y0 = segmentYear[j];
      if (y0 >= end) break;
      const tau = schedule[base + y0] + (y0 > destLastHistY[d] ? extra : 0);
      // A zero extra tariff leaves the rate unchanged after the history: no new exp.
      if (tau !== lastTau) target = sigmaMax / (1 + Math.exp((-beta * (local - cn * (1 + pt * tau))) / local));
      lastTau = tau;
      const stop = j + 1 < last && segmentYear[j + 1] < end ? segmentYear[j + 1] : end;
      let y = y0;
      if (y === 0) sigmaPath[base + y++] = s;
      for (; y < stop; y++) {
        s = s + lambda * (target - s);
        sigmaPath[base + y] = s;
      }
    }
    // A banned flow stays at zero from the ban year on.
    for (let y = end; y < ny; y++) sigmaPath[base + y] = 0;
  }

  // --- 2. NEV adoption, region by region (the price feedback uses last year's sourcing shares) ---
  for (let r = 0; r < NR; r++) {
    const T = lastHist[r];
    const m = p[P.ceiling[r]], growth = 1 + p[P.growth[r]];
    const pq = fitP[r] + fitQ[r], qOverP = fitQ[r] / fitP[r];
    const d = r - 1; // destinations 0..2 are regions 1..3
    const shareRow = O.share[r] * ny, salesRow = O.sales[r] * ny, marketRow = O.market[r] * ny;
    let marketNow = NaN, decayNow = NaN, decayStep = NaN;
    for (let y = 0; y < ny; y++) {
      const t = firstYear + y;
      let share = obsShare[r * ny + y];
      let market = obsMarket[r * ny + y];
      if (!(share >= 0)) {
        if (t > T) {
          // Market compounds from the last history year; multiply instead of pow per year.
          market = marketNow >= 0 ? marketNow * growth : lastMarket[r] * Math.pow(growth, t - T);
          // F(x0 + speed (t - T)): e^{-(p+q)x} advances by a constant factor per year (2 exp per run, not per year).
          if (!(decayNow >= 0)) {
            // First projection year of this run (T + 1, or later when firstYear is after the history).
            decayNow = Math.exp(-pq * (T - fitTau[r] + speed * (t - T)));
            decayStep = Math.exp(-pq * speed);
          } else decayNow *= decayStep;
          const e = decayNow;
          share = m * ((1 - e) / (1 + qOverP * e));
          if (t >= shockYear) share *= shock;
          if (d >= 0 && y > 0 && eps !== 0 && !(flatAfterHistory[d] === 1 && dExtra[d] === 0)) {
            let extraCost = 0;
            for (let k = 0; k < NK; k++) {
              const c = k * ND + d;
              const tau = schedule[c * ny + y] + dExtra[d];
              extraCost += kContent[k] * sigmaPath[c * ny + y - 1] * cellCn[c] * pt * (tau - baseTariff[c]);
            }
            if (extraCost !== 0) {
              const rel = 1 + extraCost / vehiclePrice;
              // rel^eps as exp(eps ln rel): a few times cheaper than Math.pow in V8, same value to ~1e-16 relative.
              share *= Math.exp(eps * Math.log(rel > 0.05 ? rel : 0.05));
            }
          }
        } else {
          share = m * bassF(t - fitTau[r], fitP[r], fitQ[r]);
          market = lastMarket[r] * Math.pow(growth, t - T);
        }
        share = share < 0 ? 0 : share > 1 ? 1 : share;
      }
      marketNow = market;
      out[shareRow + y] = share;
      out[salesRow + y] = share * market;
      out[marketRow + y] = market;
    }
  }

  // --- 3. World totals and component exports, year by year (capacity couples destinations). The three
  // destinations are unrolled into locals (ND === 3, checked at compile time); sums keep the original order.
  const sr0 = O.sales[0] * ny, sr1 = O.sales[1] * ny, sr2 = O.sales[2] * ny, sr3 = O.sales[3] * ny;
  const dr0 = destSalesRow[0], dr1 = destSalesRow[1], dr2 = destSalesRow[2];
  for (let k = 0; k < NK; k++) kFob[k] = kLocal[k] * (1 - adv) * fx;
  for (let y = 0; y < ny; y++) {
    const t = firstYear + y;
    const china = out[sr0 + y];
    const world = china + out[sr1 + y] + out[sr2 + y] + out[sr3 + y];
    const exportsObs = chinaExportsObs[y];
    const chinaExports =
      exportsObs >= 0 ? exportsObs : (t < earlyExportYear ? earlyExportRatio : exportShare) * (world - china);
    out[worldRow + y] = world;
    out[chinaExportsRow + y] = chinaExports;
    out[domesticRow + y] = world > 0 ? china / world : 0;
    out[chinaMadeRow + y] = world > 0 ? Math.min(1, (china + chinaExports) / world) : 0;

    const ds0 = out[dr0 + y], ds1 = out[dr1 + y], ds2 = out[dr2 + y];
    let totalValue = 0, num0 = 0, num1 = 0, num2 = 0, den0 = 0, den1 = 0, den2 = 0;
    for (let k = 0; k < NK; k++) {
      const local = kLocal[k], content = kContent[k], fob = kFob[k];
      const at = k * ND * ny + y;
      const g0 = sigmaPath[at], g1 = sigmaPath[at + ny], g2 = sigmaPath[at + 2 * ny];
      const m0 = ds0 * content, m1 = ds1 * content, m2 = ds2 * content;
      const wanted = g0 * m0 + g1 * m1 + g2 * m2;
      const capacity = headroom * china * content;
      const scale = wanted > capacity ? (wanted > 0 ? capacity / wanted : 0) : 1;
      const u0 = g0 * m0 * scale, u1 = g1 * m1 * scale, u2 = g2 * m2 * scale;
      totalValue += u0 * fob;
      totalValue += u1 * fob;
      totalValue += u2 * fob;
      num0 += u0 * local; num1 += u1 * local; num2 += u2 * local;
      den0 += m0 * local; den1 += m1 * local; den2 += m2 * local;
      if (writeCells) {
        const c = k * ND;
        out[unitsBase[c] + y] = u0; out[unitsBase[c + 1] + y] = u1; out[unitsBase[c + 2] + y] = u2;
        out[valueBase[c] + y] = u0 * fob; out[valueBase[c + 1] + y] = u1 * fob; out[valueBase[c + 2] + y] = u2 * fob;
      }
    }
    out[supplyRow0 + y] = den0 > 0 ? num0 / den0 : 0;
    out[supplyRow1 + y] = den1 > 0 ? num1 / den1 : 0;
    out[supplyRow2 + y] = den2 > 0 ? num2 / den2 : 0;
    out[totalRow + y] = totalValue;
  }

  // Tariff, landed cost and break-even rows: contiguous writes, independent of sales; skipped when not asked for.
  if (writeTariffs)
    for (let c = 0; c < NK * ND; c++) {
      const d = c % ND;
      const cn = cellCn[c];
      const breakEven = kLocal[(c - d) / ND] / cn - 1;
      const tRow = tariffBase[c], lRow = landedBase[c], bRow = breakEvenBase[c];
      for (let y = 0; y < ny; y++) {
        const tau = schedule[c * ny + y] + (y > destLastHistY[d] ? dExtra[d] : 0);
        out[tRow + y] = tau;
        out[lRow + y] = cn * (1 + tau);
        // A banned flow is not competitive at any tariff: break-even 0.
        out[bRow + y] = c === ADAS_NA && firstYear + y >= banYear ? 0 : breakEven;
      }
    }

  // --- 3. R&D placement (year-independent; repeated in every year column) ---
  // The R&D block depends on its own ~20 parameters only: skip the optimisation when they are unchanged
  // (tornado and goal seek vary one input at a time).
  let same = state.rndReady;
  for (let i = 0; i < rndParamIdx.length; i++) {
    const v = p[rndParamIdx[i]];
    if (v !== rndLast[i]) same = false;
    rndLast[i] = v;
  }
  if (!same) optimiseRnd(fillRnd(state, p), shares, scratch, best);
  state.rndReady = true;
  rndValues[0] = best.chinaShare; rndValues[1] = best.cycleTimeMonths; rndValues[2] = best.npvUsdM;
  rndValues[3] = p[R.budget]; rndValues[4] = best.riskUsdM; rndValues[5] = best.engineers; rndValues[6] = best.engineersChina;
  // Plain loops: Float64Array.prototype.fill is a builtin call that boxes its value on every call.
  for (let i = 0; i < rndWhich.length; i++) {
    const value = rndValues[rndWhich[i]], start = rndStart[i];
    for (let y = 0; y < ny; y++) out[start + y] = value;
  }
}
