/**
 * R&D placement of a supplier's component programme: shares x_l of budget B over China, Germany/EU,
 * United States, India.
 *   E_l = x_l B / w_l                                   engineers (w_l: loaded cost, an ESTIMATE)
 *   T(x) = T_min + (T_base - T_min) exp(-kappa x_China)   component development months
 *   V(x) = rho B (E(x)/E(0))^theta exp(-delta (T(x) - T_base)/12)   margin the programme earns per year
 *   R(x) = p_dec B (x_China + L x_China^2)              expected decoupling loss per year (convex)
 *   NPV(x) = (V(x) - B - R(x)) * sum_{t=1..H} (1+r)^-t
 * rho is the margin a unit of R&D earns with today's home-based footprint (x_China = 0): MAHLE FY2024's
 * (EBIT + R&D) / R&D = 1.67. Value, cost and risk all scale with B, so the optimal split does not depend on
 * the budget and the NPV grows in proportion to it. The non-China share 1 - x_China is split by weights with
 * caps (water-filling), so the only free variable is x_China; the optimum is searched on the feasible range.
 */

/** Numbers the R&D model needs (filled once per evaluation; no allocation in the hot path). */
export interface RndInputs {
  budgetUsdM: number;
  /** Loaded cost per engineer-year, USD k: China, EU, US, India. */
  costUsdK: Float64Array;
  caps: Float64Array;
  /** Weights of EU, US, India (index 1..3) in the non-China split; index 0 unused. */
  weights: Float64Array;
  cycleBaseMonths: number;
  cycleMinMonths: number;
  kappa: number;
  /** rho: margin per unit of budget at the home-only footprint. */
  valueToBudgetRatio: number;
  speedDecayPerYear: number;
  productivityElasticity: number;
  discountRate: number;
  decouplingProbability: number;
  /** L: loss if decoupled at 100 % China R&D, in years of budget. */
  decouplingLossMultiple: number;
  horizonYears: number;
  /** sum_{t=1..H} (1 + r)^-t, computed once per evaluation from discountRate and horizonYears. */
  annuity: number;
}

export interface RndPoint {
  chinaShare: number;
  cycleTimeMonths: number;
  npvUsdM: number;
  riskUsdM: number;
  engineers: number;
  engineersChina: number;
  feasible: boolean;
}

/** Cycle time in months for a China share. @example cycleTimeMonths(0, 45, 24, 1.627) // 45 */
export function cycleTimeMonths(chinaShare: number, baseMonths: number, minMonths: number, kappa: number): number {
  return minMonths + (baseMonths - minMonths) * Math.exp(-kappa * chinaShare);
}

/**
 * Splits 1 - x over EU, US, India by weight with caps (water-filling) into shares[1..3];
 * shares[0] = x. Returns false when the caps cannot absorb 1 - x.
 */
export function allocateShares(chinaShare: number, caps: Float64Array, weights: Float64Array, shares: Float64Array): boolean {
  shares[0] = chinaShare;
  shares[1] = shares[2] = shares[3] = 0;
  let remaining = 1 - chinaShare;
  // At most three rounds: each round either places everything or saturates one more location.
  for (let round = 0; round < 3 && remaining > 1e-12; round++) {
    let weightSum = 0;
    for (let l = 1; l < 4; l++) if (shares[l] < caps[l] - 1e-12) weightSum += weights[l] > 0 ? weights[l] : 0;
    if (weightSum <= 0) break;
    let placed = 0;
    for (let l = 1; l < 4; l++) {
      if (shares[l] >= caps[l] - 1e-12 || weights[l] <= 0) continue;
      const add = Math.min((remaining * weights[l]) / weightSum, caps[l] - shares[l]);
      shares[l] += add;
      placed += add;
    }
    remaining -= placed;
  }
  return remaining <= 1e-9;
}

/** Engineers per USD m of budget at the home-only footprint (x_China = 0), E(0) / B. */
export function referenceEngineersPerUsdM(inp: RndInputs, shares: Float64Array): number {
  allocateShares(0, inp.caps, inp.weights, shares);
  let e = 0;
  for (let l = 1; l < 4; l++) e += (shares[l] * 1000) / inp.costUsdK[l];
  // Caps that leave no room outside China: measure against an all-EU footprint instead.
  return e > 0 ? e : 1000 / inp.costUsdK[1];
}

/** Fills `point` with the model at China share x (shares is scratch space of length 4). */
export function evaluateRnd(x: number, inp: RndInputs, shares: Float64Array, point: RndPoint): void {
  const reference = referenceEngineersPerUsdM(inp, shares);
  point.feasible = allocateShares(x, inp.caps, inp.weights, shares);
  let perUsdM = 0;
  for (let l = 0; l < 4; l++) perUsdM += (shares[l] * 1000) / inp.costUsdK[l];
  const budget = inp.budgetUsdM;
  const months = cycleTimeMonths(x, inp.cycleBaseMonths, inp.cycleMinMonths, inp.kappa);
  const value =
    inp.valueToBudgetRatio * budget *
    Math.exp(inp.productivityElasticity * Math.log(perUsdM / reference) - (inp.speedDecayPerYear * (months - inp.cycleBaseMonths)) / 12);
  const risk = inp.decouplingProbability * budget * (x + inp.decouplingLossMultiple * x * x);
  point.chinaShare = x;
  point.cycleTimeMonths = months;
  point.riskUsdM = risk;
  point.engineers = perUsdM * budget;
  point.engineersChina = (shares[0] * budget * 1000) / inp.costUsdK[0];
  point.npvUsdM = (value - budget - risk) * inp.annuity;
}

/** Feasible China-share range under the caps: [max(0, 1 - sum of other caps), cap_China]. */
export function feasibleChinaRange(caps: Float64Array): { min: number; max: number } {
  const min = Math.max(0, 1 - (Math.min(caps[1], 1) + Math.min(caps[2], 1) + Math.min(caps[3], 1)));
  return { min, max: Math.min(1, caps[0]) };
}

/**
 * The doubles passed to and from npvSlot. npvSlot is too large for V8 to inline into optimiseRnd, and a
 * call that is not inlined boxes every double argument and result into a fresh heap number (about 90
 * per optimisation, ~1 KB of garbage per Monte Carlo trial); typed-array elements stay raw doubles.
 * One module-wide buffer is safe: optimiseRnd is synchronous and calls nothing that re-enters it.
 */
const npvIo = new Float64Array(3);
/** Slots of npvIo: China share in, NPV out, and E(0) / B, engineers per USD m at x = 0 (set once per optimisation). */
const IO_X = 0, IO_NPV = 1, IO_REF = 2;

/** NPV at China share x, through npvIo (a wrapper small enough to be inlined, so x and the NPV stay unboxed). */
function npvAt(x: number, inp: RndInputs): number {
  npvIo[IO_X] = x;
  npvSlot(inp);
  return npvIo[IO_NPV];
}

/**
 * NPV alone at China share npvIo[IO_X], written to npvIo[IO_NPV]: the same floating-point operations as
 * evaluateRnd (so the optimiser's comparisons, and hence its result, are unchanged) without filling a point.
 */
function npvSlot(inp: RndInputs): void {
  const x = npvIo[IO_X], engineersRef = npvIo[IO_REF];
  // allocateShares on locals (the same operations in the same order, so the same shares to the bit).
  const caps = inp.caps, weights = inp.weights;
  const c1 = caps[1] - 1e-12, c2 = caps[2] - 1e-12, c3 = caps[3] - 1e-12;
  const w1 = weights[1], w2 = weights[2], w3 = weights[3];
  let s1 = 0, s2 = 0, s3 = 0;
  let remaining = 1 - x;
  for (let round = 0; round < 3 && remaining > 1e-12; round++) {
    let weightSum = 0;
    if (s1 < c1) weightSum += w1 > 0 ? w1 : 0;
    if (s2 < c2) weightSum += w2 > 0 ? w2 : 0;
    if (s3 < c3) weightSum += w3 > 0 ? w3 : 0;
    if (weightSum <= 0) break;
    let placed = 0;
    if (!(s1 >= c1 || w1 <= 0)) {
      const add = Math.min((remaining * w1) / weightSum, caps[1] - s1);
      s1 += add;
      placed += add;
    }
    if (!(s2 >= c2 || w2 <= 0)) {
      const add = Math.min((remaining * w2) / weightSum, caps[2] - s2);
      s2 += add;
      placed += add;
    }
    if (!(s3 >= c3 || w3 <= 0)) {
      const add = Math.min((remaining * w3) / weightSum, caps[3] - s3);
      s3 += add;
      placed += add;
    }
    remaining -= placed;
  }
  const budget = inp.budgetUsdM, cost = inp.costUsdK;
  const perUsdM = (x * 1000) / cost[0] + (s1 * 1000) / cost[1] + (s2 * 1000) / cost[2] + (s3 * 1000) / cost[3];
  const months = inp.cycleMinMonths + (inp.cycleBaseMonths - inp.cycleMinMonths) * Math.exp(-inp.kappa * x);
  const value =
    inp.valueToBudgetRatio * budget *
    Math.exp(inp.productivityElasticity * Math.log(perUsdM / engineersRef) - (inp.speedDecayPerYear * (months - inp.cycleBaseMonths)) / 12);
  const risk = inp.decouplingProbability * budget * (x + inp.decouplingLossMultiple * x * x);
  npvIo[IO_NPV] = (value - budget - risk) * inp.annuity;
}

const GRID = 8;
const GOLDEN = 0.6180339887498949;

/**
 * NPV-optimal China share within the caps: a 9-point scan, then golden-section refinement (one
 * evaluation per step) in the best bracket. Writes into `best`; best.feasible=false (and NaN values)
 * when no split meets the caps. The search evaluates NPV only (npvAt); `shares` is used for the final
 * point, `scratch` is no longer written (kept so callers need not change).
 */
export function optimiseRnd(inp: RndInputs, shares: Float64Array, scratch: RndPoint, best: RndPoint): void {
  const { min, max } = feasibleChinaRange(inp.caps);
  if (min > max + 1e-12) {
    best.feasible = false;
    best.chinaShare = best.cycleTimeMonths = best.npvUsdM = best.riskUsdM = best.engineers = best.engineersChina = NaN;
    return;
  }
  npvIo[IO_REF] = referenceEngineersPerUsdM(inp, shares);
  let bestX = min;
  let bestNpv = -Infinity;
  for (let i = 0; i <= GRID; i++) {
    const x = min + ((max - min) * i) / GRID;
    const npv = npvAt(x, inp);
    if (npv > bestNpv) {
      bestNpv = npv;
      bestX = x;
    }
  }
  const step = (max - min) / GRID;
  let a = Math.max(min, bestX - step);
  let b = Math.min(max, bestX + step);
  let x1 = b - GOLDEN * (b - a);
  let x2 = a + GOLDEN * (b - a);
  let f1 = npvAt(x1, inp);
  let f2 = npvAt(x2, inp);
  for (let it = 0; it < 20 && b - a > 1e-5; it++) {
    if (f1 >= f2) {
      b = x2; x2 = x1; f2 = f1;
      x1 = b - GOLDEN * (b - a);
      f1 = npvAt(x1, inp);
    } else {
      a = x1; x1 = x2; f1 = f2;
      x2 = a + GOLDEN * (b - a);
      f2 = npvAt(x2, inp);
    }
  }
  const refined = f1 >= f2 ? x1 : x2;
  const x = Math.max(f1, f2) >= bestNpv ? refined : bestX;
  evaluateRnd(x, inp, shares, best);
}
