/**
 * The R&D placement block of the kernel (equations in rnd.ts, docs/models.md section 3): the NPV-optimal China
 * share of an R&D budget within the location caps. One decision per scenario, the same in every projection
 * year; history years carry no value. The optimum is recomputed only when an R&D parameter changed.
 */
import { LOCATIONS } from '../ids';
import type { KernelState } from '../kernel';
import { OUTPUTS } from '../outputs';
import { PARAM_IDS } from '../params';
import type { RndInputs } from '../rnd';
import { emptyRndPoint, optimiseRnd } from '../rnd';
import { outRow, paramIndex } from './layout';

const NL = LOCATIONS.length;

/** The engineer cost of a location: its own parameter, or the reference location's times its cost ratio. */
const COST_REFERENCE = 'rnd.engineerCostUsdK.EU';

/** Position of an optional parameter, -1 when the registry has none. */
const optionalParam = (id: string) => PARAM_IDS.indexOf(id);

/** Parameter positions the R&D block reads; per-location arrays follow LOCATIONS (-1: no such parameter). */
export function rndParams() {
  const own = Int32Array.from(LOCATIONS, (l) => optionalParam(`rnd.engineerCostUsdK.${l.key}`));
  const ratio = Int32Array.from(LOCATIONS, (l) => optionalParam(`rnd.engineerCostRatio.${l.key}`));
  LOCATIONS.forEach((l, i) => {
    if (own[i] < 0 && ratio[i] < 0)
      throw new Error(`kernel: location ${l.key} has neither rnd.engineerCostUsdK.${l.key} nor rnd.engineerCostRatio.${l.key}`);
  });
  return {
    budget: paramIndex('rnd.budgetUsdM'),
    costReference: paramIndex(COST_REFERENCE),
    costOwn: own,
    costRatio: ratio,
    caps: Int32Array.from(LOCATIONS, (l) => paramIndex(`rnd.cap.${l.key}`)),
    /** The first location (China) has no weight: the weights split the non-China part. */
    weights: Int32Array.from(LOCATIONS, (l, i) => (i === 0 ? -1 : paramIndex(`rnd.weight.${l.key}`))),
    base: paramIndex('rnd.cycleBaseMonths'),
    min: paramIndex('rnd.cycleMinMonths'),
    kappa: paramIndex('rnd.kappa'),
    ratio: paramIndex('rnd.valueToBudgetRatio'),
    decay: paramIndex('rnd.speedDecayPerYear'),
    theta: paramIndex('rnd.productivityElasticity'),
    rate: paramIndex('rnd.discountRate'),
    horizon: paramIndex('rnd.horizonYears'),
    pDec: paramIndex('rnd.decouplingProbability'),
    loss: paramIndex('rnd.decouplingLossMultiple'),
  };
}

/**
 * The R&D output rows in the order runRnd writes them: the fields of the optimum, the budget as
 * rnd.costUsdM. Every output of group "rnd" in outputs.ts must be here (checked when the module loads).
 */
const RND_OUTPUT_IDS = [
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
  'rnd.costUsdM',
  'rnd.riskUsdM',
  'rnd.engineers',
  `rnd.engineers.${LOCATIONS[0].key}`,
] as const;
{
  const catalogue = OUTPUTS.filter((o) => o.group === 'rnd').map((o) => o.id);
  const missing = catalogue.filter((id) => !(RND_OUTPUT_IDS as readonly string[]).includes(id));
  if (missing.length > 0 || catalogue.length !== RND_OUTPUT_IDS.length)
    throw new Error(`kernel: the R&D block writes no value for ${missing.join(', ') || 'some R&D outputs'}`);
}

/** Output rows the R&D block writes (RND_OUTPUT_IDS order). */
export function rndRows(): Int32Array {
  return Int32Array.from(RND_OUTPUT_IDS, (id) => outRow(id));
}

/** The block's state: the inputs filled per run, the optimiser's scratch and the last optimum. */
export function prepareRnd(R: ReturnType<typeof rndParams>) {
  const rndIn: RndInputs = {
    budgetUsdM: 0,
    costUsdK: new Float64Array(NL),
    caps: new Float64Array(NL),
    weights: new Float64Array(NL),
    cycleBaseMonths: 0,
    cycleMinMonths: 0,
    kappa: 0,
    valueToBudgetRatio: 0,
    speedDecayPerYear: 0,
    productivityElasticity: 0,
    discountRate: 0,
    decouplingProbability: 0,
    decouplingLossMultiple: 0,
    horizonYears: 0,
    annuity: 1,
  };
  const perLocation = [...R.costOwn, ...R.costRatio, ...R.caps, ...R.weights].filter((i) => i >= 0);
  const rndParamIdx = Int32Array.from(
    new Set([
      R.budget,
      R.costReference,
      ...perLocation,
      R.base,
      R.min,
      R.kappa,
      R.ratio,
      R.decay,
      R.theta,
      R.rate,
      R.horizon,
      R.pDec,
      R.loss,
    ]),
  );
  return {
    rndIn,
    shares: new Float64Array(NL),
    scratch: emptyRndPoint(),
    best: emptyRndPoint(),
    rndParamIdx,
    rndLast: new Float64Array(rndParamIdx.length).fill(NaN),
    rndValues: new Float64Array(RND_OUTPUT_IDS.length),
  };
}

/** Fills the kernel's R&D inputs from params. */
export function fillRnd(state: KernelState, p: Float64Array): RndInputs {
  const { rndIn, R } = state;
  rndIn.budgetUsdM = p[R.budget];
  const reference = p[R.costReference];
  for (let l = 0; l < NL; l++) {
    rndIn.costUsdK[l] = R.costOwn[l] >= 0 ? p[R.costOwn[l]] : reference * p[R.costRatio[l]];
    rndIn.caps[l] = p[R.caps[l]];
    rndIn.weights[l] = R.weights[l] >= 0 ? p[R.weights[l]] : 0;
  }
  rndIn.cycleBaseMonths = p[R.base];
  rndIn.cycleMinMonths = p[R.min];
  rndIn.kappa = p[R.kappa];
  rndIn.valueToBudgetRatio = p[R.ratio];
  rndIn.speedDecayPerYear = p[R.decay];
  rndIn.productivityElasticity = p[R.theta];
  const rate = p[R.rate],
    horizon = p[R.horizon];
  rndIn.horizonYears = horizon;
  rndIn.annuity = rate > 0 ? (1 - Math.pow(1 + rate, -horizon)) / rate : horizon;
  rndIn.discountRate = rate;
  rndIn.decouplingProbability = p[R.pDec];
  rndIn.decouplingLossMultiple = p[R.loss];
  return rndIn;
}

export function runRnd(state: KernelState, p: Float64Array, from: number): void {
  const { N, O, R, iBase, work, rndParamIdx, rndLast, best, rndValues, scratch, shares } = state;
  if (!state.writeRnd && !state.reference) return;
  let same = true;
  for (let i = 0; i < rndParamIdx.length; i++) {
    const v = p[rndParamIdx[i]];
    if (v !== rndLast[i]) same = false;
    rndLast[i] = v;
  }
  if (!same) optimiseRnd(fillRnd(state, p), shares, scratch, best);
  const budget = p[R.budget];
  // RND_OUTPUT_IDS order.
  rndValues[0] = best.chinaShare;
  rndValues[1] = best.cycleTimeMonths;
  rndValues[2] = best.npvUsdM;
  rndValues[3] = budget;
  rndValues[4] = best.riskUsdM;
  rndValues[5] = best.engineers;
  rndValues[6] = best.engineersChina;
  for (let j = 0; j < O.rnd.length; j++) {
    const row = O.rnd[j] * N,
      value = rndValues[j];
    for (let i = from; i < N; i++) work[row + i] = i > iBase ? value : NaN;
  }
}
