/**
 * The practical speed limit for the NEV model: one hand-fused loop over years x regions x trials on typed
 * arrays (no per-trial call, no parameter vector, outputs written straight into the sample columns).
 * Same equations as the kernel's NEV block (src/model/nev.ts nextShare) without the landed-price feedback,
 * which needs the export model; for China (no feedback) the outputs are identical, and the bench checks that.
 */
import { pickHistory, type ModelData } from '../src/model/data';
import { REGIONS } from '../src/model/ids';
import { calibrateNev, logisticPull } from '../src/model/nev';
import { paramById } from '../src/model/params';
import type { CompiledModel } from '../src/model/types';

export const NEV_OUTPUTS = [
  ...REGIONS.map((r) => `nev.share.${r.key}`),
  ...REGIONS.map((r) => `nev.sales.${r.key}`),
  ...REGIONS.map((r) => `nev.market.${r.key}`),
  'nev.sales.World',
];
/** Parameters the NEV block reads, in the order of the fused kernel's columns. */
export const NEV_PARAMS = [
  ...REGIONS.map((r) => `nev.ceiling.${r.key}`),
  ...REGIONS.map((r) => `nev.marketGrowth.${r.key}`),
  'nev.speedMultiplier',
  'nev.pacePersistence',
  'nev.shock.year',
  'nev.shock.sizePct',
];

export interface NevSetup {
  years: number[];
  /** Index of the last observed year (the same for every region in the shipped data). */
  last: number;
  obsShare: Float64Array;
  obsMarket: Float64Array;
  kappa: Float64Array;
  maxStep: Float64Array;
  lastStep: Float64Array;
}

/** The once-only preparation, as createKernel does it (history alignment and the data-only calibration). */
export function prepareNev(data: ModelData, firstYear = 2015, lastYear = 2040): NevSetup {
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const ny = years.length;
  const calibration = calibrateNev(data.nevHistory, {
    referenceCeilings: Object.fromEntries(REGIONS.map((r) => [r.key, paramById(`nev.ceiling.${r.key}`)!.default])),
    phi: paramById('nev.pacePersistence')!.default,
  });
  const lastYears = new Set(calibration.map((c) => c.lastYear));
  if (lastYears.size !== 1) throw new Error('fused NEV bench: the regions end in different years');
  const history = pickHistory(data.nevHistory);
  const s: NevSetup = {
    years,
    last: calibration[0].lastYear - firstYear,
    obsShare: new Float64Array(REGIONS.length * ny).fill(NaN),
    obsMarket: new Float64Array(REGIONS.length * ny).fill(NaN),
    kappa: Float64Array.from(calibration, (c) => c.kappa),
    maxStep: Float64Array.from(calibration, (c) => c.maxStep),
    lastStep: Float64Array.from(calibration, (c) => c.lastStep),
  };
  REGIONS.forEach((region, r) => {
    for (const row of history) {
      if (row.region !== region.name) continue;
      const y = row.year - firstYear;
      if (y >= 0 && y < ny) {
        s.obsShare[r * ny + y] = row.sharePct / 100;
        s.obsMarket[r * ny + y] = row.totalMarket;
      }
    }
  });
  return s;
}

/**
 * Runs n trials. cols: NEV_PARAMS.length columns of n values (column-major, cols[j * n + t]).
 * out: NEV_OUTPUTS.length * years columns of n values, out[(o * ny + y) * n + t]. state: 3 * 4 * n scratch.
 */
export function fusedNevTrials(s: NevSetup, cols: Float64Array, n: number, out: Float64Array, state = new Float64Array(12 * n)): void {
  const ny = s.years.length;
  const NR = 4;
  const { obsShare, obsMarket, kappa, maxStep, lastStep, last, years } = s;
  // Year and region outside, trials innermost: every read and write walks a column contiguously.
  for (let y = 0; y < ny; y++) {
    for (let r = 0; r < NR; r++) {
      const shareCol = (r * ny + y) * n;
      const salesCol = ((4 + r) * ny + y) * n;
      const marketCol = ((8 + r) * ny + y) * n;
      const sh = r * n,
        st = (4 + r) * n,
        mk = (8 + r) * n;
      if (y <= last) {
        const observed = obsShare[r * ny + y],
          market = obsMarket[r * ny + y];
        // Plain loops rather than fill(): with n = 1 (nevCompiledModel) a fill call costs more than the store.
        for (let t = 0; t < n; t++) {
          out[shareCol + t] = observed;
          out[marketCol + t] = market;
          out[salesCol + t] = observed * market;
          state[sh + t] = observed;
          state[st + t] = lastStep[r];
          state[mk + t] = market;
        }
        continue;
      }
      const k = kappa[r],
        limit = maxStep[r];
      for (let t = 0; t < n; t++) {
        let m = cols[r * n + t] * (years[y] >= cols[10 * n + t] ? 1 + cols[11 * n + t] / 100 : 1);
        if (m > 1) m = 1;
        const share = state[sh + t],
          phi = cols[9 * n + t];
        let d = phi * state[st + t] + (1 - phi) * cols[8 * n + t] * k * logisticPull(share, m);
        d = d > limit ? limit : d < -limit ? -limit : d;
        let next = share + d;
        if (share < m) {
          if (next > m) next = m;
        } else {
          if (next > share) next = share;
          if (next < m) next = m;
        }
        next = next < 0 ? 0 : next > 1 ? 1 : next;
        const market = state[mk + t] * (1 + cols[(4 + r) * n + t]);
        state[st + t] = next - share;
        state[sh + t] = next;
        state[mk + t] = market;
        out[shareCol + t] = next;
        out[marketCol + t] = market;
        out[salesCol + t] = next * market;
      }
    }
    const worldCol = (12 * ny + y) * n;
    for (let t = 0; t < n; t++)
      out[worldCol + t] = out[(4 * ny + y) * n + t] + out[(5 * ny + y) * n + t] + out[(6 * ny + y) * n + t] + out[(7 * ny + y) * n + t];
  }
}

/** The same NEV equations as an ordinary CompiledModel (one call per trial): isolates the simulator's own cost. */
export function nevCompiledModel(s: NevSetup): CompiledModel {
  const cols = new Float64Array(NEV_PARAMS.length);
  const one = new Float64Array(NEV_OUTPUTS.length * s.years.length);
  const state = new Float64Array(12);
  return {
    paramIds: NEV_PARAMS,
    outputIds: NEV_OUTPUTS,
    years: s.years,
    evaluate(params, out) {
      cols.set(params);
      fusedNevTrials(s, cols, 1, one, state);
      out.set(one);
    },
  };
}
