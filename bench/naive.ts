/**
 * The naive baseline: every trial evaluates the model equations as mathjs expression strings
 * (math.evaluate parses and interprets each one, as a spreadsheet-like formula engine would).
 * Same equations as the kernel for NEV adoption (damped pace towards the ceiling, speed limit, market growth)
 * and the component sourcing block (offer price with margin and pass-through, logit, inertia); the R&D block
 * evaluates cycle time, value, risk and NPV on a 31-point grid of China shares (the kernel's optimiser uses
 * about 30 evaluations) without the cap water-filling: the baseline does slightly LESS work than the kernel,
 * so the speedup is conservative.
 */
import { all, create } from 'mathjs';
import type { ModelData } from '../src/model/data';
import { DESTINATIONS, PRODUCTS, REGIONS } from '../src/model/ids';
import { annualComponentTariff } from '../src/model/tariffs';
import type { NevSetup } from './fusedNev';

const math = create(all);

const EXPR = {
  pull: 'max(s, 0.001) * (1 - s / m)',
  pace: 'phi * d + (1 - phi) * speed * kappa * pull',
  limit: 'min(D, max(-D, d))',
  next: 's < m ? min(s + d, m) : max(min(s + d, s), m)',
  clamp: 'min(1, max(0, s))',
  market: 'M0 * (1 + g)',
  offer: 'c * (1 - adv) * fx * (1 + fr) * max((1 + mu) * (1 + pt * tau), 1 + tau)',
  target: 'smax / (1 + exp(-beta * (c - offer) / c))',
  sigma: 'sPrev + lambda * (target - sPrev)',
  units: 'sigma * sales * content',
  cycle: 'Tmin + (Tbase - Tmin) * exp(-kappa * x)',
  value: 'rho * B * ((x / wCn + (1 - x) / wEu) / (1 / wEu)) ^ theta * exp(-decay * (months - Tbase) / 12)',
  npv: '(value - B - pDec * B * (x + L * x ^ 2)) * annuity',
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
      for (let y = 0; y < ny; y++)
        schedule[(ki * DESTINATIONS.length + di) * ny + y] = annualComponentTariff(data.tariffs, k.key, d.name, nev.years[y]);
    }),
  );
  return { nev, schedule };
}

/** One trial; values holds every parameter by id. Returns the China NEV share per year (for the cross-check) and a checksum. */
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
  const share = REGIONS.map((_, r) => nev.obsShare[r * ny + nev.last]);
  const step = REGIONS.map((_, r) => nev.lastStep[r]);
  const market = REGIONS.map((_, r) => nev.obsMarket[r * ny + nev.last]);
  const sigma = new Float64Array(PRODUCTS.length * DESTINATIONS.length).fill(0.1);
  let checksum = 0;
  for (let y = 0; y < ny; y++) {
    const sales: number[] = [];
    REGIONS.forEach((region, r) => {
      if (y > nev.last) {
        const scope = {
          s: share[r],
          d: step[r],
          m: p[`nev.ceiling.${region.key}`],
          phi: p['nev.pacePersistence'],
          speed: p['nev.speedMultiplier'],
          kappa: nev.kappa[r],
          D: nev.maxStep[r],
          pull: 0,
        };
        scope.pull = math.evaluate(EXPR.pull, scope);
        scope.d = math.evaluate(EXPR.limit, { ...scope, d: math.evaluate(EXPR.pace, scope) });
        const next = math.evaluate(EXPR.clamp, { s: math.evaluate(EXPR.next, scope) });
        step[r] = next - share[r];
        share[r] = next;
        market[r] = math.evaluate(EXPR.market, { M0: market[r], g: p[`nev.marketGrowth.${region.key}`] });
      } else {
        share[r] = nev.obsShare[r * ny + y];
        market[r] = nev.obsMarket[r * ny + y];
      }
      if (r === 0) shareChina.push(share[r]);
      sales.push(share[r] * market[r]);
    });
    if (y <= nev.last) continue;
    PRODUCTS.forEach((k, ki) =>
      DESTINATIONS.forEach((d, di) => {
        const c = ki * DESTINATIONS.length + di;
        const scope = {
          c: p[`exports.localCostUsd.${k.key}`],
          adv: p['exports.costAdvantage'],
          fr: p[`exports.freight.${d.key}`],
          fx: p['exports.fxFactor'],
          tau: s.schedule[c * ny + y] + p[`exports.tariff.${d.key}`],
          pt: p['exports.passThrough'],
          mu: p['exports.exporterMargin'],
          smax: p[`exports.sigmaMax.${d.key}`],
          beta: p['exports.logitBeta'],
          lambda: p['exports.inertia'],
          sPrev: sigma[c],
          sales: sales[d.region],
          content: p[`exports.content.${k.key}`],
          offer: 0,
          target: 0,
          sigma: 0,
        };
        scope.offer = math.evaluate(EXPR.offer, scope);
        scope.target = math.evaluate(EXPR.target, scope);
        sigma[c] = scope.sigma = math.evaluate(EXPR.sigma, scope);
        checksum += math.evaluate(EXPR.units, scope);
      }),
    );
  }
  const eu = p['rnd.engineerCostUsdK.EU'];
  const rate = p['rnd.discountRate'];
  for (let i = 0; i <= 30; i++) {
    const x = (i / 30) * p['rnd.cap.China'];
    const scope = {
      x,
      Tmin: p['rnd.cycleMinMonths'],
      Tbase: p['rnd.cycleBaseMonths'],
      kappa: p['rnd.kappa'],
      rho: p['rnd.valueToBudgetRatio'],
      B: p['rnd.budgetUsdM'],
      wCn: eu * p['rnd.engineerCostRatio.China'],
      wEu: eu,
      theta: p['rnd.productivityElasticity'],
      decay: p['rnd.speedDecayPerYear'],
      pDec: p['rnd.decouplingProbability'],
      L: p['rnd.decouplingLossMultiple'],
      annuity: (1 - (1 + rate) ** -p['rnd.horizonYears']) / rate,
      months: 0,
      value: 0,
    };
    scope.months = math.evaluate(EXPR.cycle, scope);
    scope.value = math.evaluate(EXPR.value, scope);
    checksum += math.evaluate(EXPR.npv, scope);
  }
  return { shareChina, checksum };
}
