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

/** A zeroed point: the scratch and result slots the optimiser writes into (it allocates none of its own). */
export function emptyRndPoint(): RndPoint {
  return { chinaShare: 0, cycleTimeMonths: 0, npvUsdM: 0, riskUsdM: 0, engineers: 0, engineersChina: 0, feasible: true };
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
    inp.valueToBudgetRatio *
    budget *
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
const npvIo = new Float64Array(5);
/** Slots of npvIo: China share in; NPV, its first and second derivative out; E(0) / B (set once per optimisation). */
const IO_X = 0,
  IO_NPV = 1,
  IO_SLOPE = 2,
  IO_CURVE = 3,
  IO_REF = 4;

/**
 * NPV at China share npvIo[IO_X] and its first two derivatives in x, written to npvIo. The NPV is computed
 * with the same operations as evaluateRnd; the derivatives analytically on the linear piece of the
 * water-filled split that x lies on (the shares of the uncapped locations fall with x by their weights):
 *   E' = 1000 (1/c_China - sum_active (w_l / W_active) / c_l)
 *   g = theta ln(E / E0) - delta (T - T_base) / 12,  g' = theta E'/E - delta T'/12,  g'' = -theta (E'/E)^2 - delta T''/12
 *   NPV' = A (V g' - p B (1 + 2 L x)),  NPV'' = A (V (g'^2 + g'') - 2 p B L)      (V = rho B e^g)
 */
function npvSlot(inp: RndInputs): void {
  const x = npvIo[IO_X],
    engineersRef = npvIo[IO_REF];
  // allocateShares on locals (the same operations in the same order, so the same shares to the bit).
  const caps = inp.caps,
    weights = inp.weights;
  const c1 = caps[1] - 1e-12,
    c2 = caps[2] - 1e-12,
    c3 = caps[3] - 1e-12;
  const w1 = weights[1],
    w2 = weights[2],
    w3 = weights[3];
  let s1 = 0,
    s2 = 0,
    s3 = 0;
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
  const budget = inp.budgetUsdM,
    cost = inp.costUsdK;
  const perUsdM = (x * 1000) / cost[0] + (s1 * 1000) / cost[1] + (s2 * 1000) / cost[2] + (s3 * 1000) / cost[3];
  const span = inp.cycleBaseMonths - inp.cycleMinMonths;
  const decay = Math.exp(-inp.kappa * x);
  const months = inp.cycleMinMonths + span * decay;
  const value =
    inp.valueToBudgetRatio *
    budget *
    Math.exp(inp.productivityElasticity * Math.log(perUsdM / engineersRef) - (inp.speedDecayPerYear * (months - inp.cycleBaseMonths)) / 12);
  const risk = inp.decouplingProbability * budget * (x + inp.decouplingLossMultiple * x * x);
  npvIo[IO_NPV] = (value - budget - risk) * inp.annuity;
  // Derivatives on this piece of the split: the uncapped locations with a weight share the change of 1 - x.
  const a1 = s1 < c1 && w1 > 0,
    a2 = s2 < c2 && w2 > 0,
    a3 = s3 < c3 && w3 > 0;
  const activeWeight = (a1 ? w1 : 0) + (a2 ? w2 : 0) + (a3 ? w3 : 0);
  let dPer = 1000 / cost[0];
  if (activeWeight > 0) dPer -= ((a1 ? w1 / cost[1] : 0) + (a2 ? w2 / cost[2] : 0) + (a3 ? w3 / cost[3] : 0)) * (1000 / activeWeight);
  const kappa = inp.kappa,
    theta = inp.productivityElasticity,
    delta = inp.speedDecayPerYear / 12;
  const relative = dPer / perUsdM;
  const dMonths = -kappa * span * decay;
  const slopeG = theta * relative - delta * dMonths;
  const curveG = -theta * relative * relative - delta * kappa * kappa * span * decay;
  const riskScale = inp.decouplingProbability * budget;
  npvIo[IO_SLOPE] = (value * slopeG - riskScale * (1 + 2 * inp.decouplingLossMultiple * x)) * inp.annuity;
  npvIo[IO_CURVE] = (value * (slopeG * slopeG + curveG) - 2 * riskScale * inp.decouplingLossMultiple) * inp.annuity;
}

const GRID = 8;
/** Scratch of the scan (module-wide, like npvIo): NPV, slope and curvature at each grid point; split breakpoints. */
const gridNpv = new Float64Array(GRID + 1);
const gridSlope = new Float64Array(GRID + 1);
const gridCurve = new Float64Array(GRID + 1);
const cuts = new Float64Array(5);
/** Result slots of pieceMax: the arg max and its NPV. */
const best2 = new Float64Array(2);

/**
 * China shares where the water-filled split of 1 - x changes piece: a location reaches its cap (its level
 * cap_l / w_l is where the common level of the uncapped ones meets it). Between two of them every share is
 * linear in x and the NPV smooth.
 */
function splitBreakpoints(inp: RndInputs, lo: number, hi: number): number {
  const caps = inp.caps,
    weights = inp.weights;
  let n = 0;
  for (let l = 1; l < 4; l++) {
    if (!(weights[l] > 0)) continue;
    const level = caps[l] / weights[l];
    let placed = 0;
    for (let m = 1; m < 4; m++) if (weights[m] > 0) placed += Math.min(caps[m], level * weights[m]);
    const x = 1 - placed;
    if (x > lo && x < hi) cuts[n++] = x;
  }
  // Sort the (at most three) breakpoints.
  for (let i = 1; i < n; i++)
    for (let j = i; j > 0 && cuts[j - 1] > cuts[j]; j--) {
      const t = cuts[j];
      cuts[j] = cuts[j - 1];
      cuts[j - 1] = t;
    }
  return n;
}

/**
 * NPV-optimal China share within the caps: a 9-point scan, then the maximum on the bracket between the best
 * point's neighbours (the bracket the golden-section search used), exactly: the bracket is cut where the
 * water-filled split changes piece (the NPV has a kink there and can have a maximum on either side), and on
 * each smooth piece the maximum is an end or the root of the analytic slope, found by Newton's method
 * safeguarded by bisection. Typically 13-20 NPV evaluations (golden-section search took 30) and the optimum
 * to 1e-13 instead of 1e-5. Writes into `best`; best.feasible=false (and NaN values) when no split meets the
 * caps. `shares` is used for the final point, `scratch` is no longer written (kept so callers need not change).
 */
export function optimiseRnd(inp: RndInputs, shares: Float64Array, scratch: RndPoint, best: RndPoint): void {
  const caps = inp.caps;
  const min = Math.max(0, 1 - (Math.min(caps[1], 1) + Math.min(caps[2], 1) + Math.min(caps[3], 1)));
  const max = Math.min(1, caps[0]);
  if (min > max + 1e-12) {
    best.feasible = false;
    best.chinaShare = best.cycleTimeMonths = best.npvUsdM = best.riskUsdM = best.engineers = best.engineersChina = NaN;
    return;
  }
  npvIo[IO_REF] = referenceEngineersPerUsdM(inp, shares);
  let bestI = 0;
  let bestNpv = -Infinity;
  for (let i = 0; i <= GRID; i++) {
    npvIo[IO_X] = min + ((max - min) * i) / GRID;
    npvSlot(inp);
    gridNpv[i] = npvIo[IO_NPV];
    gridSlope[i] = npvIo[IO_SLOPE];
    gridCurve[i] = npvIo[IO_CURVE];
    if (gridNpv[i] > bestNpv) {
      bestNpv = gridNpv[i];
      bestI = i;
    }
  }
  const bestX = min + ((max - min) * bestI) / GRID;
  const iLo = bestI > 0 ? bestI - 1 : 0,
    iHi = bestI < GRID ? bestI + 1 : GRID;
  const a = min + ((max - min) * iLo) / GRID,
    b = min + ((max - min) * iHi) / GRID;
  const nCuts = splitBreakpoints(inp, a, b);
  let x = bestX,
    fx = bestNpv;
  // Pieces [a, cut_1], [cut_1, cut_2], ..., [cut_n, b]; a grid point inside a piece splits it too (its
  // slope is known), so that each piece's end slopes come from the scan or from one evaluation.
  let p = a,
    pi = iLo;
  for (let c = 0; c <= nCuts; c++) {
    const q = c < nCuts ? cuts[c] : b;
    // Grid points strictly inside (p, q): at most bestI.
    let from = p,
      fromI = pi;
    for (let i = iLo; i <= iHi; i++) {
      const gx = min + ((max - min) * i) / GRID;
      if (gx > from && gx < q) {
        pieceMax(inp, from, fromI, gx, i, min, max);
        if (best2[1] > fx) {
          x = best2[0];
          fx = best2[1];
        }
        from = gx;
        fromI = i;
      }
    }
    const qi = c < nCuts ? -1 : iHi;
    pieceMax(inp, from, fromI, q, qi, min, max);
    if (best2[1] > fx) {
      x = best2[0];
      fx = best2[1];
    }
    p = q;
    pi = -1;
  }
  evaluateRnd(x, inp, shares, best);
}

/**
 * Maximum of the NPV on a smooth piece [p, q] (ends pI, qI: grid indices whose slope the scan holds, or -1 for
 * a breakpoint, whose one-sided slope is evaluated just inside). Writes the arg max and its NPV to best2.
 */
function pieceMax(inp: RndInputs, p: number, pI: number, q: number, qI: number, min: number, max: number): void {
  const inset = 1e-7 * (q - p);
  let fp: number, sp: number, cp: number;
  if (pI >= 0) {
    fp = gridNpv[pI];
    sp = gridSlope[pI];
    cp = gridCurve[pI];
  } else {
    npvIo[IO_X] = p + inset;
    npvSlot(inp);
    fp = npvIo[IO_NPV];
    sp = npvIo[IO_SLOPE];
    cp = npvIo[IO_CURVE];
  }
  if (!(sp > 0)) {
    best2[0] = p;
    best2[1] = pI >= 0 ? fp : npvAt(p, inp);
    return;
  }
  let fq: number, sq: number;
  if (qI >= 0) {
    fq = gridNpv[qI];
    sq = gridSlope[qI];
  } else {
    npvIo[IO_X] = q - inset;
    npvSlot(inp);
    fq = npvIo[IO_NPV];
    sq = npvIo[IO_SLOPE];
  }
  if (!(sq < 0)) {
    best2[0] = q;
    best2[1] = qI >= 0 ? fq : npvAt(q, inp);
    return;
  }
  // Slope > 0 at p, < 0 at q: Newton from p inside the shrinking bracket, bisection when a step leaves it.
  let lo = p,
    hi = q,
    x = p,
    f = sp,
    df = cp;
  for (let it = 0; it < 60; it++) {
    let next = df < 0 ? x - f / df : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - x) <= 1e-13 || hi - lo <= 1e-13;
    x = next;
    npvIo[IO_X] = x;
    npvSlot(inp);
    if (done) break;
    f = npvIo[IO_SLOPE];
    df = npvIo[IO_CURVE];
    if (f > 0) lo = x;
    else if (f < 0) hi = x;
    else break;
  }
  best2[0] = x;
  best2[1] = npvIo[IO_NPV];
  void min;
  void max;
}

/** NPV at x (through npvIo, so x and the result stay unboxed when this small wrapper is inlined). */
function npvAt(x: number, inp: RndInputs): number {
  npvIo[IO_X] = x;
  npvSlot(inp);
  return npvIo[IO_NPV];
}
