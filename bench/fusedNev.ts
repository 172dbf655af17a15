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
  for (const point of data.chinaNevExports ?? []) {
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
  // Year and region outside, trials innermost: every read and write walks a column contiguously.
  for (let y = 0; y < ny; y++) {
    const year = years[y];
    for (let r = 0; r < NR; r++) {
      const shareCol = (r * ny + y) * n;
      const salesCol = ((4 + r) * ny + y) * n;
      const marketCol = ((8 + r) * ny + y) * n;
      const observed = obsShare[r * ny + y];
      if (observed >= 0) {
        const market = obsMarket[r * ny + y];
        // Plain loops rather than fill(): with n = 1 (nevCompiledModel) a fill call costs more than the store.
        for (let t = 0; t < n; t++) {
          out[shareCol + t] = observed;
          out[marketCol + t] = market;
          out[salesCol + t] = observed * market;
        }
        continue;
      }
      const T = lastHist[r];
      const p = fitP[r];
      const q = fitQ[r];
      const future = year > T;
      for (let t = 0; t < n; t++) {
        const x = future ? T - fitTau[r] + cols[8 * n + t] * (year - T) : year - fitTau[r];
        let share = 0;
        if (x > 0) {
          const e = Math.exp(-(p + q) * x);
          share = (cols[r * n + t] * (1 - e)) / (1 + (q / p) * e);
        }
        if (future && year >= cols[9 * n + t]) share *= 1 + cols[10 * n + t] / 100;
        const market = lastMarket[r] * Math.pow(1 + cols[(4 + r) * n + t], year - T);
        share = share < 0 ? 0 : share > 1 ? 1 : share;
        out[shareCol + t] = share;
        out[marketCol + t] = market;
        out[salesCol + t] = share * market;
      }
    }
    const s0 = (4 * ny + y) * n;
    const s1 = (5 * ny + y) * n;
    const s2 = (6 * ny + y) * n;
    const s3 = (7 * ny + y) * n;
    const worldCol = (12 * ny + y) * n;
    const exCol = (13 * ny + y) * n;
    const domCol = (14 * ny + y) * n;
    const madeCol = (15 * ny + y) * n;
    const exObs = chinaExportsObs[y];
    for (let t = 0; t < n; t++) {
      const china = out[s0 + t];
      const world = china + out[s1 + t] + out[s2 + t] + out[s3 + t];
      const ex = exObs >= 0 ? exObs : cols[11 * n + t] * (world - china);
      out[worldCol + t] = world;
      out[exCol + t] = ex;
      out[domCol + t] = world > 0 ? china / world : 0;
      out[madeCol + t] = world > 0 ? Math.min(1, (china + ex) / world) : 0;
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
