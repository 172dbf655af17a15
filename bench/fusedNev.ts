/**
 * The practical speed limit for the NEV model: one hand-fused loop over trials x years x regions on typed
 * arrays (no per-trial call, no parameter vector, outputs written straight into the sample columns).
 * Same equations as the kernel's NEV block (src/model/kernel.ts) without the landed-price feedback, which
 * needs the export model; for China (no feedback) the outputs are identical, and the bench checks that.
 */
import { calibrateBass } from '../src/model/bass';
import { pickHistory, type ModelData } from '../src/model/data';
import { REGIONS } from '../src/model/ids';
import { defaultValues } from '../src/model/params';
import type { CompiledModel } from '../src/model/types';

export const NEV_OUTPUTS = [
  ...REGIONS.map((r) => `nev.share.${r.key}`),
  ...REGIONS.map((r) => `nev.sales.${r.key}`),
  ...REGIONS.map((r) => `nev.market.${r.key}`),
  'nev.sales.World',
  'nev.chinaExports',
  'nev.chinaShareOfGlobal.domestic',
  'nev.chinaShareOfGlobal.chinaMade',
];
/** Parameters the NEV block reads, in the order of the fused kernel's columns. */
export const NEV_PARAMS = [
  ...REGIONS.map((r) => `nev.ceiling.${r.key}`),
  ...REGIONS.map((r) => `nev.marketGrowth.${r.key}`),
  'nev.speedMultiplier',
  'nev.shock.year',
  'nev.shock.sizePct',
  'nev.chinaExportShareOfForeignNev',
];

export interface NevSetup {
  years: number[];
  obsShare: Float64Array;
  obsMarket: Float64Array;
  lastHist: Float64Array;
  lastMarket: Float64Array;
  fitP: Float64Array;
  fitQ: Float64Array;
  fitTau: Float64Array;
  chinaExportsObs: Float64Array;
}

/** The once-only preparation, as createKernel does it (history alignment and Bass fits at default ceilings). */
export function prepareNev(data: ModelData, firstYear = 2015, lastYear = 2040): NevSetup {
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const ny = years.length;
  const nr = REGIONS.length;
  const defaults = defaultValues();
  const fits = calibrateBass(data.nevHistory, { ceilingByRegion: Object.fromEntries(REGIONS.map((r) => [r.key, defaults[`nev.ceiling.${r.key}`]])) });
  const history = pickHistory(data.nevHistory);
  const s: NevSetup = {
    years,
    obsShare: new Float64Array(nr * ny).fill(NaN),
    obsMarket: new Float64Array(nr * ny).fill(NaN),
    lastHist: new Float64Array(nr),
    lastMarket: new Float64Array(nr),
    fitP: new Float64Array(nr),
    fitQ: new Float64Array(nr),
    fitTau: new Float64Array(nr),
    chinaExportsObs: new Float64Array(ny).fill(NaN),
  };
  REGIONS.forEach((region, r) => {
    const fit = fits.find((f) => f.region === region.key)!;
    s.fitP[r] = fit.p;
    s.fitQ[r] = fit.q;
    s.fitTau[r] = fit.tau;
    const rows = history.filter((h) => h.region === region.name && h.year <= fit.through);
    s.lastHist[r] = rows[rows.length - 1].year;
    s.lastMarket[r] = rows[rows.length - 1].totalMarket;
    for (const row of rows) {
      const y = row.year - firstYear;
      if (y >= 0 && y < ny) {
        s.obsShare[r * ny + y] = row.sharePct / 100;
        s.obsMarket[r * ny + y] = row.totalMarket;
      }
    }
  });
  for (const point of data.chinaNevExports) {
    const y = point.year - firstYear;
    if (y >= 0 && y < ny && point.year <= s.lastHist[0]) s.chinaExportsObs[y] = point.units;
  }
  return s;
}

/**
 * Runs n trials. cols: NEV_PARAMS.length columns of n values (column-major, cols[j * n + t]).
 * out: NEV_OUTPUTS.length * years columns of n values, out[(o * ny + y) * n + t].
 */
export function fusedNevTrials(s: NevSetup, cols: Float64Array, n: number, out: Float64Array): void {
  const ny = s.years.length;
  const NR = 4;
  const { obsShare, obsMarket, lastHist, lastMarket, fitP, fitQ, fitTau, chinaExportsObs, years } = s;
  const sales = new Float64Array(NR);
  for (let t = 0; t < n; t++) {
    const speed = cols[8 * n + t];
    const shockYear = cols[9 * n + t];
    const shock = 1 + cols[10 * n + t] / 100;
    const exportShare = cols[11 * n + t];
    for (let y = 0; y < ny; y++) {
      const year = years[y];
      let world = 0;
      for (let r = 0; r < NR; r++) {
        let share = obsShare[r * ny + y];
        let market = obsMarket[r * ny + y];
        if (!(share >= 0)) {
          const T = lastHist[r];
          const m = cols[r * n + t];
          const x = year > T ? T - fitTau[r] + speed * (year - T) : year - fitTau[r];
          const p = fitP[r];
          const q = fitQ[r];
          let f = 0;
          if (x > 0) {
            const e = Math.exp(-(p + q) * x);
            f = (1 - e) / (1 + (q / p) * e);
          }
          share = m * f;
          if (year > T && year >= shockYear) share *= shock;
          market = lastMarket[r] * Math.pow(1 + cols[(4 + r) * n + t], year - T);
          share = share < 0 ? 0 : share > 1 ? 1 : share;
        }
        sales[r] = share * market;
        world += sales[r];
        out[(r * ny + y) * n + t] = share;
        out[((4 + r) * ny + y) * n + t] = sales[r];
        out[((8 + r) * ny + y) * n + t] = market;
      }
      const ex = chinaExportsObs[y] >= 0 ? chinaExportsObs[y] : exportShare * (world - sales[0]);
      out[(12 * ny + y) * n + t] = world;
      out[(13 * ny + y) * n + t] = ex;
      out[(14 * ny + y) * n + t] = world > 0 ? sales[0] / world : 0;
      out[(15 * ny + y) * n + t] = world > 0 ? Math.min(1, (sales[0] + ex) / world) : 0;
    }
  }
}

/** The same NEV equations as an ordinary CompiledModel (one call per trial): isolates the simulator's own cost. */
export function nevCompiledModel(s: NevSetup): CompiledModel {
  const cols = new Float64Array(NEV_PARAMS.length);
  const one = new Float64Array(NEV_OUTPUTS.length * s.years.length);
  return {
    paramIds: NEV_PARAMS,
    outputIds: NEV_OUTPUTS,
    years: s.years,
    evaluate(params, out) {
      cols.set(params);
      fusedNevTrials(s, cols, 1, one);
      out.set(one);
    },
  };
}
