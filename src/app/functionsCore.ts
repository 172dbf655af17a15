/**
 * Pure cores of the Excel custom functions (HyperFormula style: metadata + thin adapter + core).
 * Bad input comes back as an error value naming the argument, never as an exception.
 */
import { bassF } from '../model/bass';
import { OUTPUT_INDEX } from '../model/outputs';
import { presetById, PRESETS } from '../model/presets';
import { cycleTimeMonths } from '../model/rnd';
import { chinaShareForCycleTime, runModels, type ModelResult } from '../model/run';
import { defaultValues } from '../model/params';
import { referenceModelData } from './modelInputs';

export interface FunctionError {
  error: 'invalidValue' | 'notAvailable';
  message: string;
}

export type FunctionResult = number | FunctionError;

export const isFunctionError = (r: unknown): r is FunctionError => typeof r === 'object' && r !== null && 'error' in r;

const invalid = (message: string): FunctionError => ({ error: 'invalidValue', message });

function finiteArg(name: string, value: unknown): number | FunctionError {
  return typeof value === 'number' && Number.isFinite(value) ? value : invalid(`${name} must be a number`);
}

// One model run per preset, on the bundled reference data; custom functions recalculate often.
const runs = new Map<string, ModelResult>();
function presetRun(presetId: string): ModelResult {
  let run = runs.get(presetId);
  if (!run) {
    const preset = presetById(presetId);
    run = runModels({ ...defaultValues(), ...preset?.overrides }, referenceModelData());
    runs.set(presetId, run);
  }
  return run;
}

/** =RLAB.SERIES("nev.share.China", 2030, "baseline"): one output of a preset in one year. */
export function seriesCore(outputId: unknown, year: unknown, presetId: unknown = 'baseline'): FunctionResult {
  if (typeof outputId !== 'string' || !OUTPUT_INDEX.has(outputId)) return invalid(`unknown output id "${String(outputId)}" (see docs/outputs.md)`);
  const y = finiteArg('year', year);
  if (isFunctionError(y)) return y;
  const preset = typeof presetId === 'string' && presetId !== '' ? presetId : 'baseline';
  if (!presetById(preset)) return invalid(`unknown preset "${preset}"; use ${PRESETS.map((p) => p.id).join(', ')}`);
  const series = presetRun(preset).series.find((s) => s.id === outputId);
  const i = series ? series.years.indexOf(Math.round(y)) : -1;
  if (!series || i < 0) return { error: 'notAvailable', message: `${outputId} has no value for ${y}` };
  return series.values[i];
}

/** =RLAB.BASSSHARE(2030, p, q, tau, ceiling): NEV share m * F(t - tau; p, q). */
export function bassShareCore(year: unknown, p: unknown, q: unknown, tau: unknown, ceiling: unknown): FunctionResult {
  const args = [finiteArg('year', year), finiteArg('p', p), finiteArg('q', q), finiteArg('tau', tau), finiteArg('ceiling', ceiling)];
  const bad = args.find(isFunctionError);
  if (bad) return bad;
  const [t, pp, qq, tt, m] = args as number[];
  if (pp <= 0 || qq < 0) return invalid('p must be > 0 and q >= 0');
  if (m < 0 || m > 1) return invalid('ceiling must be a share between 0 and 1');
  return m * bassF(t - tt, pp, qq);
}

/** =RLAB.CYCLETIME(0.4): development cycle time in months for a China share of R&D. */
export function cycleTimeCore(chinaShare: unknown, baseMonths?: unknown, minMonths?: unknown, kappa?: unknown): FunctionResult {
  const d = defaultValues();
  const x = finiteArg('chinaShare', chinaShare);
  if (isFunctionError(x)) return x;
  if (x < 0 || x > 1) return invalid('chinaShare must be between 0 and 1');
  const base = baseMonths ?? d['rnd.cycleBaseMonths'];
  const min = minMonths ?? d['rnd.cycleMinMonths'];
  const k = kappa ?? d['rnd.kappa'];
  const args = [finiteArg('baseMonths', base), finiteArg('minMonths', min), finiteArg('kappa', k)];
  const bad = args.find(isFunctionError);
  if (bad) return bad;
  const [b, m, kk] = args as number[];
  if (m > b) return invalid('minMonths must not exceed baseMonths');
  return cycleTimeMonths(x, b, m, kk);
}

/** =RLAB.CHINASHAREFORCYCLE(30): the smallest China share of R&D that reaches the target cycle time. */
export function chinaShareForCycleCore(targetMonths: unknown): FunctionResult {
  const t = finiteArg('targetMonths', targetMonths);
  if (isFunctionError(t)) return t;
  const goal = chinaShareForCycleTime(t, defaultValues());
  return goal.ok ? goal.chinaShare : { error: 'notAvailable', message: goal.reason };
}
