/**
 * User scenarios as plain JSON ({name, preset, overrides, expressions}) and their validation.
 * restoreScenario is the only door for untrusted input: every error names the field or parameter.
 */
import { scenarioProblems } from './constraints';
import { compileExpression, didYouMean } from './math';
import { defaultValues, PARAM_IDS, paramById } from './params';
import { presetById, PRESETS } from './presets';
import { OUTPUT_IDS_FOR_EXPRESSIONS } from './outputs';

export interface ScenarioExpression {
  id: string;
  label?: string;
  unit?: string;
  expr: string;
}
export interface Scenario {
  name: string;
  preset: string;
  overrides: Record<string, number>;
  expressions?: ScenarioExpression[];
}
export type RestoreResult = { ok: true; scenario: Scenario; values: Record<string, number> } | { ok: false; errors: string[] };

const EXPRESSION_ID = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_EXPRESSIONS = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids an expression may use: every parameter and every output id. */
export function expressionSymbols(): string[] {
  return [...PARAM_IDS, ...OUTPUT_IDS_FOR_EXPRESSIONS];
}

function checkOverrides(raw: unknown, errors: string[]): Record<string, number> {
  const overrides: Record<string, number> = {};
  if (raw === undefined) return overrides;
  if (!isRecord(raw)) {
    errors.push('overrides: must be an object of parameter id -> number');
    return overrides;
  }
  for (const [id, value] of Object.entries(raw)) {
    const meta = paramById(id);
    if (!meta) {
      errors.push(`overrides: unknown parameter '${id}'${didYouMean(id, PARAM_IDS)}`);
      continue;
    }
    if (typeof value === 'number' && !Number.isNaN(value) && !Number.isFinite(value)) {
      errors.push(
        `overrides: parameter '${id}' is too large (beyond +-1.8e308, e.g. 1e400); use a value in [${meta.min}, ${meta.max}] (${meta.unit})`,
      );
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      errors.push(`overrides: parameter '${id}' must be a finite number, got ${JSON.stringify(value)}`);
      continue;
    }
    if (value < meta.min || value > meta.max) {
      errors.push(`overrides: parameter '${id}' = ${value} is out of range [${meta.min}, ${meta.max}] (${meta.unit})`);
      continue;
    }
    overrides[id] = value;
  }
  return overrides;
}

function checkExpressions(raw: unknown, errors: string[]): ScenarioExpression[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    errors.push('expressions: must be an array of {id, expr, label?, unit?}');
    return undefined;
  }
  if (raw.length > MAX_EXPRESSIONS) errors.push(`expressions: at most ${MAX_EXPRESSIONS} expressions`);
  const symbols = expressionSymbols();
  const seen = new Set<string>();
  const result: ScenarioExpression[] = [];
  raw.slice(0, MAX_EXPRESSIONS).forEach((item, index) => {
    const where = `expressions[${index}]`;
    if (!isRecord(item)) return void errors.push(`${where}: must be an object`);
    const { id, expr, label, unit } = item;
    if (typeof id !== 'string' || !EXPRESSION_ID.test(id))
      return void errors.push(`${where}.id: must be a letter followed by up to 39 letters, digits or _`);
    if (seen.has(id)) return void errors.push(`${where}.id: duplicate id '${id}'`);
    seen.add(id);
    if (typeof expr !== 'string') return void errors.push(`${where}.expr: must be a string`);
    if (label !== undefined && typeof label !== 'string') return void errors.push(`${where}.label: must be a string`);
    if (unit !== undefined && typeof unit !== 'string') return void errors.push(`${where}.unit: must be a string`);
    const compiled = compileExpression(expr, symbols);
    if (!compiled.ok) return void errors.push(`${where} ('${id}'): ${compiled.error}`);
    result.push({ id, expr, ...(label !== undefined ? { label } : {}), ...(unit !== undefined ? { unit } : {}) });
  });
  return result;
}

/**
 * Validates untrusted JSON into a Scenario plus its full parameter values (defaults, then the
 * preset, then the overrides). Nothing is returned partially: any error gives ok=false.
 * @example restoreScenario({ name: 'x', preset: 'fortress', overrides: { 'nev.ceilng.China': 0.9 } })
 *   // { ok: false, errors: ["overrides: unknown parameter 'nev.ceilng.China' (did you mean 'nev.ceiling.China'?)"] }
 */
export function restoreScenario(input: unknown): RestoreResult {
  const errors: string[] = [];
  if (!isRecord(input)) return { ok: false, errors: ['scenario: must be a JSON object {name, preset, overrides, expressions}'] };
  const allowed = new Set(['name', 'preset', 'overrides', 'expressions']);
  for (const key of Object.keys(input)) if (!allowed.has(key)) errors.push(`scenario: unknown field '${key}'`);
  const name = input.name;
  if (typeof name !== 'string' || name.trim() === '') errors.push('name: must be a non-empty string');
  const preset = input.preset === undefined ? 'baseline' : input.preset;
  if (typeof preset !== 'string') errors.push('preset: must be a string');
  else if (!presetById(preset)) errors.push(`preset: unknown preset '${preset}' (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  const overrides = checkOverrides(input.overrides, errors);
  const expressions = checkExpressions(input.expressions, errors);
  if (errors.length > 0) return { ok: false, errors };
  const scenario: Scenario = { name: name as string, preset: preset as string, overrides, ...(expressions ? { expressions } : {}) };
  const values = scenarioValues(scenario);
  const problems = scenarioProblems(values);
  if (problems.length > 0) return { ok: false, errors: problems };
  return { ok: true, scenario, values };
}

/**
 * Full parameter values of a scenario: defaults <- preset overrides <- scenario overrides.
 * Throws on an unknown preset (use restoreScenario for untrusted input).
 * @example scenarioValues({ name: 'f', preset: 'fortress', overrides: {} })['exports.tariff.Europe'] // 0.25
 */
export function scenarioValues(s: Scenario): Record<string, number> {
  const preset = presetById(s.preset);
  if (!preset) throw new Error(`unknown preset '${s.preset}'`);
  return { ...defaultValues(), ...preset.overrides, ...s.overrides };
}
