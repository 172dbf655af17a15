/**
 * The naive baseline: every trial evaluates the model equations as mathjs expression strings
 * (math.evaluate parses and interprets each one, as a spreadsheet-like formula engine would).
 * Same equations as the kernel for NEV adoption (Bass, market growth, speed, shock) and the export
 * sourcing block (landed cost, logit, inertia, capacity); the R&D block evaluates cycle time, value,
 * risk and NPV on a 31-point grid of China shares (the kernel's optimiser uses ~31 evaluations) without
 * the cap water-filling, so the baseline does slightly LESS work than the kernel: the speedup is conservative.
 */
import { all, create } from 'mathjs';
import type { ModelData } from '../src/model/data';
import { DESTINATIONS, PRODUCTS, REGIONS } from '../src/model/ids';
import { annualComponentTariff } from '../src/model/tariffs';
import type { NevSetup } from './fusedNev';

const math = create(all);

const EXPR = {
  bass: 'x > 0 ? m * (1 - exp(-(p + q) * x)) / (1 + (q / p) * exp(-(p + q) * x)) : 0',
  market: 'M0 * (1 + g) ^ (t - T)',
  shock: 't > T and t >= shockYear ? s * (1 + shockPct / 100) : s',
  clamp: 'min(1, max(0, s))',
  landed: 'c * (1 - adv) * (1 + fr) * (1 + tau) * fx',
  buyer: 'c * (1 - adv) * (1 + fr) * fx * (1 + pt * tau)',
  target: 'smax / (1 + exp(-beta * (c - buyer) / c))',
  sigma: 'first ? s0 : sPrev + lambda * (target - sPrev)',
  units: 'sigma * sales * content',
  cycle: 'Tmin + (Tbase - Tmin) * exp(-kappa * x)',
  value: 'W * ((x * B * 1000 / wCn + (1 - x) * B * 1000 / wEu) / (B * 1000 / wEu)) ^ theta * exp(-decay * months / 12)',
  npv: '(value - B - pDec * (B * x + L * x ^ 2)) * annuity',
};

export interface NaiveSetup {
  nev: NevSetup;
  /** Tariff per product x destination x year (data preparation, done once like the kernel does). */
  schedule: Float64Array;
}

export function prepareNaive(nev: NevSetup, data: ModelData): NaiveSetup {
  const ny = nev.years.length;
  const schedule = new Float64Array(PRODUCTS.length * DESTINATIONS.length * ny);
  PRODUCTS.forEach((k, ki) =>
    DESTINATIONS.forEach((d, di) => {
      for (let y = 0; y < ny; y++) schedule[(ki * DESTINATIONS.length + di) * ny + y] = annualComponentTariff(data.tariffs, k.key, d.name, nev.years[y]);
    }),
  );
  return { nev, schedule };
}

/** One trial; p holds every parameter by id. Returns the China NEV share per year (for the cross-check) and a checksum. */
export function naiveTrial(s: NaiveSetup, values: Record<string, number>): { shareChina: number[]; checksum: number } {
  const { nev } = s;
  // A missing id would silently become undefined inside mathjs: fail loudly instead.
  const p = new Proxy(values, {
    get: (target, id: string) => {
      if (!(id in target)) throw new Error(`naive: unknown parameter '${id}'`);
      return target[id];
    },
  });
  const ny = nev.years.length;
  const shareChina: number[] = [];
  const sigma = new Float64Array(PRODUCTS.length * DESTINATIONS.length);
  let checksum = 0;
  for (let y = 0; y < ny; y++) {
    const t = nev.years[y];
    const sales: number[] = [];
    REGIONS.forEach((region, r) => {
      let share = nev.obsShare[r * ny + y];
      let market = nev.obsMarket[r * ny + y];
      if (!(share >= 0)) {
        const T = nev.lastHist[r];
        const x = t > T ? T - nev.fitTau[r] + p['nev.speedMultiplier'] * (t - T) : t - nev.fitTau[r];
        share = math.evaluate(EXPR.bass, { x, m: p[`nev.ceiling.${region.key}`], p: nev.fitP[r], q: nev.fitQ[r] });
        share = math.evaluate(EXPR.shock, { s: share, t, T, shockYear: p['nev.shock.year'], shockPct: p['nev.shock.sizePct'] });
        share = math.evaluate(EXPR.clamp, { s: share });
        market = math.evaluate(EXPR.market, { M0: nev.lastMarket[r], g: p[`nev.marketGrowth.${region.key}`], t, T });
      }
      if (r === 0) shareChina.push(share);
      sales.push(share * market);
    });
    PRODUCTS.forEach((k, ki) =>
      DESTINATIONS.forEach((d, di) => {
        const c = ki * DESTINATIONS.length + di;
        const scope = {
          c: p[`exports.localCostUsd.${k.key}`], adv: p['exports.costAdvantage'], fr: p[`exports.freight.${d.key}`], fx: p['exports.fxFactor'],
          tau: s.schedule[c * ny + y], pt: p['exports.passThrough'], smax: p[`exports.sigmaMax.${d.key}`], beta: p['exports.logitBeta'],
          lambda: p['exports.inertia'], s0: p[`exports.sigmaStart.${d.key}`], first: y === 0, sPrev: sigma[c], sales: sales[d.region],
          content: p[`exports.content.${k.key}`], buyer: 0, target: 0, sigma: 0,
        };
        checksum += math.evaluate(EXPR.landed, scope);
        scope.buyer = math.evaluate(EXPR.buyer, scope);
        scope.target = math.evaluate(EXPR.target, scope);
        sigma[c] = scope.sigma = math.evaluate(EXPR.sigma, scope);
        checksum += math.evaluate(EXPR.units, scope);
      }),
    );
  }
  const eu = p['rnd.engineerCostUsdK.EU'];
  for (let i = 0; i <= 30; i++) {
    const x = (i / 30) * p['rnd.cap.China'];
    const scope = {
      x, Tmin: p['rnd.cycleMinMonths'], Tbase: p['rnd.cycleBaseMonths'], kappa: p['rnd.kappa'], W: p['rnd.windowValueUsdM'], B: p['rnd.budgetUsdM'],
      wCn: eu * p['rnd.engineerCostRatio.China'], wEu: eu, theta: p['rnd.productivityElasticity'], decay: p['rnd.speedDecayPerYear'],
      pDec: p['rnd.decouplingProbability'], L: p['rnd.decouplingLossUsdM'], annuity: 10, months: 0, value: 0,
    };
    scope.months = math.evaluate(EXPR.cycle, scope);
    scope.value = math.evaluate(EXPR.value, scope);
    checksum += math.evaluate(EXPR.npv, scope);
  }
  return { shareChina, checksum };
}
