/**
 * The one implementation of the three models, assembled from its blocks (src/model/blocks/): nev.ts (NEV
 * adoption), exports.ts (component sourcing, vehicle exports, component flows) and rnd.ts (R&D placement).
 * createKernel does the once-only work: it calibrates the NEV block on the history (data only), builds the
 * dated tariff schedules, and runs the whole model once with the parameter defaults to fill every history year
 * (observed data where the data has it, the reference backcast elsewhere). kernel.run(params, out) then
 * projects the years after the history with the scenario's values and copies the requested rows:
 * allocation-free, and the same function for the Results sheet, Monte Carlo, the tornado, goal seek, the custom
 * functions and the CLI. No parameter can reach a history year.
 *
 * Each block exports the parameter positions it reads, the output rows it writes, its data-only preparation
 * and its run step; all of them share one state object (KernelState) whose fields are read into locals once
 * per run. Blocks run in this order each year range: component sourcing shares (tariffs and prices only), NEV
 * adoption (its ceiling moves with the price feedback of the tariffs), China's NEV vehicle exports by
 * destination, component flows (demand is the NEVs built outside China), then the R&D placement.
 * docs/models.md has every equation.
 */
import { pickHistory, type ModelData } from './data';
import {
  ADAS_NA,
  baseYearImportShares,
  exportParams,
  exportPrices,
  exportRows,
  prepareExports,
  runComponents,
  runSourcing,
  runVehicles,
} from './blocks/exports';
import { calibrateRegions, nevParams, nevRows, prepareNev, runNev } from './blocks/nev';
import { fillRnd, prepareRnd, rndParams, rndRows, runRnd } from './blocks/rnd';
import type { NevCalibration } from './nev';
import { OUTPUTS } from './outputs';
import { defaultVector } from './params';
import type { RndInputs, RndPoint } from './rnd';
import type { ModelInvariants } from './types';
import { DESTINATIONS, PRODUCTS } from './ids';

const ND = DESTINATIONS.length;
const NK = PRODUCTS.length;

export { LAUNCH_SHARE, LAUNCH_SHARE_SOURCE, LAUNCH_YEAR, USD_PER_EUR } from './blocks/exports';

export interface Kernel {
  readonly years: readonly number[];
  /** Rows of the full output buffer, OUTPUTS order. */
  readonly outputCount: number;
  /** Runs the projection for params (PARAM_IDS order) and writes the requested rows into out. Allocation-free. */
  run(params: Float64Array, out: Float64Array): void;
  /** R&D optimum of the last run (for warnings and the frontier). */
  readonly rndBest: RndPoint;
  /** The R&D inputs for params (frontier and goal seek in run.ts). */
  rndInputs(params: Float64Array): RndInputs;
  /** NEV calibration per region (REGIONS order): data only. */
  readonly calibration: readonly NevCalibration[];
  /** Last year of the history the projection continues from (the base year of the export and R&D blocks). */
  readonly baseYear: number;
  /** Notes about the data the kernel was built on (fallbacks used), for the run's warnings. */
  readonly notes: readonly string[];
  /** Cells of run()'s out (requested rows x display years) that no parameter moves or that repeat the year before. */
  readonly invariants: ModelInvariants;
}

/** Everything runKernel reads: fixed at compile time, plus scratch reused by every run. */
export type KernelState = ReturnType<typeof prepareKernel>;

/**
 * Prepares the kernel for the display range [firstYear, lastYear]. Internally it always runs from the first
 * history year, so results do not depend on the display range. With outputRows, run() writes only those rows
 * (in that order) into out; the default is every row in OUTPUTS order.
 */
export function createKernel(data: ModelData, firstYear: number, lastYear: number, outputRows?: ArrayLike<number>): Kernel {
  const state = prepareKernel(data, firstYear, lastYear, outputRows);
  return {
    years: state.displayYears,
    outputCount: OUTPUTS.length,
    run: (params, out) => runKernel(state, params, out),
    rndBest: state.best,
    rndInputs: (params) => fillRnd(state, params),
    calibration: state.calibration,
    baseYear: state.yearOf(state.iBase),
    notes: state.notes,
    invariants: kernelInvariants(state),
  };
}

/**
 * What the kernel guarantees about its output, by construction: years up to the base year are the reference
 * run's (no parameter reaches them); in projection years the R&D rows repeat one decision, a break-even
 * tariff depends on prices only (not on the year; the ADAS line into North America excepted, blank from a
 * parameter's year on), and tariff and landed-price rows repeat while their tariff schedule does.
 * Tested on random scenarios (kernel.fingerprint.test.ts).
 */
function kernelInvariants(state: KernelState): ModelInvariants {
  const { rows, N, iBase, displayOffset, displayYears, O, schedule, vehicleSchedule } = state;
  const ny = displayYears.length;
  const same = new Uint8Array(rows.length * ny);
  const repeats = new Map<number, (i: number) => boolean>();
  const always = () => true;
  for (const row of O.rnd) repeats.set(row, always);
  for (let c = 0; c < NK * ND; c++) {
    const flat = (i: number) => schedule[c * N + i] === schedule[c * N + i - 1];
    repeats.set(O.tariff[c], flat);
    repeats.set(O.landed[c], flat);
    if (c !== ADAS_NA) repeats.set(O.breakEven[c], always);
  }
  for (let d = 0; d < ND; d++) repeats.set(O.vehTariff[d], (i) => vehicleSchedule[d * N + i] === vehicleSchedule[d * N + i - 1]);
  rows.forEach((row, o) => {
    const rule = repeats.get(row);
    if (!rule) return;
    for (let y = 1; y < ny; y++) {
      const i = displayOffset + y;
      if (i - 1 > iBase && i < N && rule(i)) same[o * ny + y] = 1;
    }
  });
  return { fixedYears: Math.max(0, Math.min(ny, iBase - displayOffset + 1)), sameAsPreviousYear: same };
}

function prepareKernel(data: ModelData, firstYear: number, lastYear: number, requested: ArrayLike<number> | undefined) {
  if (!(Number.isInteger(firstYear) && Number.isInteger(lastYear) && firstYear <= lastYear))
    throw new Error(`years: firstYear ${firstYear} and lastYear ${lastYear} must be integers with firstYear <= lastYear`);
  const notes: string[] = [];
  const defaults = defaultVector();
  const P = { ...nevParams(), ...exportParams() };
  const R = rndParams();
  const O = { ...nevRows(), ...exportRows(), rnd: rndRows() };
  const calibration = calibrateRegions(data, defaults[P.phi]);
  // The timeline: from the first history year (or firstYear if earlier) to lastYear (or the last history year).
  const historyStart = Math.min(...calibration.map((c) => c.firstYear));
  const t0 = Math.min(historyStart, firstYear);
  const end = Math.max(lastYear, ...calibration.map((c) => c.lastYear));
  const N = end - t0 + 1;
  const yearOf = (i: number) => t0 + i;
  const rowCount = OUTPUTS.length;
  const displayYears = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const displayOffset = firstYear - t0;
  const work = new Float64Array(rowCount * N).fill(NaN);

  // Each block's data-only preparation (the NEV block writes the observed history into work).
  const nev = prepareNev(pickHistory(data.nevHistory), calibration, O, work, t0, N);
  const exports = prepareExports(data, O.sales, t0, N, nev.iBase, notes);
  const rnd = prepareRnd(R);

  // Rows to copy out, and which blocks a caller needs: a block whose rows nobody reads (directly or through a
  // later block) is skipped in scenario runs. The reference run always computes everything.
  const rows = requested ? Int32Array.from(requested) : Int32Array.from(OUTPUTS, (_, i) => i);
  for (const row of rows) if (!(row >= 0 && row < rowCount)) throw new Error(`kernel: output row ${row} does not exist`);
  const wanted = new Set(rows);
  const anyOf = (list: Int32Array) => list.some((row) => wanted.has(row));
  const writeCells = anyOf(O.units) || anyOf(O.value);
  const writeTariffs = anyOf(O.tariff) || anyOf(O.landed) || anyOf(O.breakEven);
  const writeRnd = anyOf(O.rnd);
  const needComponents = writeCells || writeTariffs || anyOf(O.supply) || wanted.has(O.total);
  const needNev =
    needComponents ||
    anyOf(O.share) ||
    anyOf(O.sales) ||
    anyOf(O.market) ||
    anyOf(O.vehUnits) ||
    anyOf(O.vehValue) ||
    anyOf(O.vehTariff) ||
    [O.world, O.chinaExports, O.domestic, O.chinaMade].some((row) => wanted.has(row));
  /** China supply share rows wanted, per destination (the sums behind an unwanted one are skipped). */
  const wantSupply = Uint8Array.from(O.supply, (row) => (wanted.has(row) ? 1 : 0));

  const state = {
    N,
    t0,
    yearOf,
    displayYears,
    displayOffset,
    rows,
    P,
    R,
    O,
    notes,
    calibration,
    work,
    defaults,
    writeCells,
    writeTariffs,
    writeRnd,
    needComponents,
    needNev,
    wantSupply,
    ...nev,
    ...exports,
    ...rnd,
    /** True while the reference run fills the history (every year computed, defaults in force). */
    reference: true,
  };
  // The reference run: every year from the first, with the defaults; its history years stay in `work` for good.
  runBlocks(state, defaults, 0);
  state.reference = false;
  state.rndLast.fill(NaN);
  baseYearImportShares(state);
  return state;
}

/** Projects the years after the history with params and copies the requested rows into out. */
function runKernel(state: KernelState, p: Float64Array, out: Float64Array): void {
  runBlocks(state, p, state.iBase + 1);
  const { rows, work, N, displayOffset, displayYears } = state;
  const ny = displayYears.length;
  for (let o = 0; o < rows.length; o++) {
    const from = rows[o] * N + displayOffset,
      to = o * ny;
    for (let y = 0; y < ny; y++) out[to + y] = work[from + y];
  }
}

/**
 * Computes every block for the years from index `from` on (the reference run: 0; a scenario run: the first year
 * after the base year; a region whose history runs longer keeps its observed years). A scenario run skips the
 * blocks whose rows nobody asked for (needNev, needComponents, writeRnd), and reuses a transcendental result
 * while its exact input repeats (a tariff schedule that stays flat): the same operations on the same doubles,
 * so the same results to the bit (kernel.fingerprint.test.ts).
 */
function runBlocks(state: KernelState, p: Float64Array, from: number): void {
  exportPrices(state, p);
  const all = state.reference;
  // --- 1. Component sourcing shares per cell (tariffs and prices only). ---
  if (all || state.needComponents) runSourcing(state, p, from);
  if (all || state.needNev) {
    // --- 2. NEV adoption per region; the ceiling of an importing region moves with the tariff-driven price change. ---
    runNev(state, p, from);
    // --- 3. China NEV exports by destination and the world totals. ---
    runVehicles(state, p, from);
  }
  // --- 4. Component flows, China supply shares and tariff rows. ---
  if (all || state.needComponents) runComponents(state, p, from);
  // --- 5. R&D placement: the same decision in every projection year; no value in history years. ---
  runRnd(state, p, from);
}
