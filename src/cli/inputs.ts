/**
 * What several commands read: a scenario (preset id or JSON file, validated by restoreScenario) and the model
 * data (the bundled reference dataset, with the NEV history optionally replaced by a file). One way to read
 * data, the same as the pane's (app/scenario/modelInputs): no file-system paths into the sources.
 */
import { nevHistoryFromText } from '../app/scenario/modelData';
import { referenceModelData } from '../app/scenario/modelInputs';
import type { ModelData } from '../model/data';
import { PRESETS } from '../model/presets';
import { restoreScenario, type Scenario } from '../model/scenario';
import type { CliIo } from './types';

export const SCENARIO_HELP = `a preset (${PRESETS.map((p) => p.id).join(', ')}) or a scenario JSON file {name, preset, overrides, expressions} (default baseline)`;

/** A preset id or a .json scenario file, validated; throws with every problem named. */
export async function loadScenario(spec: string, io: CliIo): Promise<{ scenario: Scenario; values: Record<string, number> }> {
  let input: unknown;
  if (PRESETS.some((p) => p.id === spec)) input = { name: spec, preset: spec, overrides: {} };
  else if (/\.json$/i.test(spec)) {
    const text = new TextDecoder().decode(await io.readFile(spec));
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new Error(`${spec}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  } else throw new Error(`--scenario: "${spec}" is neither a preset (${PRESETS.map((p) => p.id).join(', ')}) nor a .json file`);
  const restored = restoreScenario(input);
  if (!restored.ok) throw new Error(`${spec}: invalid scenario\n  ${restored.errors.join('\n  ')}`);
  return { scenario: restored.scenario, values: restored.values };
}

/** The reference model data, with the NEV history read from `historyPath` when given (rows validated). */
export async function loadModelData(io: CliIo, historyPath?: string): Promise<ModelData> {
  const base = referenceModelData();
  if (!historyPath) return base;
  const text = new TextDecoder().decode(await io.readFile(historyPath));
  return { ...base, nevHistory: nevHistoryFromText(text, historyPath) };
}

/** Parses --name value pairs and flags; returns the values or a usage error message. */
export function parseOptions(
  args: readonly string[],
  valued: readonly string[],
  flags: readonly string[] = [],
): Record<string, string | true> | string {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (flags.includes(a)) out[a] = true;
    else if (valued.includes(a)) {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      out[a] = v;
      i++;
    } else return a.startsWith('--') ? `unknown option ${a}` : `unexpected argument "${a}"`;
  }
  return out;
}

/** A 4-digit year option, or a message. */
export function yearOption(value: string | true | undefined, name: string): number | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) return `${name} must be a year, got "${String(value)}"`;
  return Number(value);
}
