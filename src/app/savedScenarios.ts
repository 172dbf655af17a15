/**
 * User scenarios saved inside the workbook (metadata key "scenarios"), so they travel with the file.
 * Saved state is untrusted on read: every entry goes through restoreScenario, and a corrupted store
 * is reported and never overwritten.
 */
import type { ModelResult } from '../model/run';
import { restoreScenario, scenarioValues } from '../model/scenario';
import { OUTPUTS } from '../model/outputs';
import type { PlanCell, WritePlan } from '../workbook/plan';
import type { WorkbookPort } from '../workbook/port';
import type { ActionReport, SavedScenario } from './types';

export const SCENARIOS_KEY = 'scenarios';
export const COMPARE_SHEET = 'Compare';
const MAX_SCENARIOS = 200;

export const COMPARE_OUTPUTS = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.share.UnitedStates',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'exports.chinaSupplyShare.Europe',
  'exports.chinaSupplyShare.NorthAmerica',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
];

function toSaved(s: { name: string; preset: string; overrides: Record<string, number>; expressions?: { id: string; expr: string }[] }): SavedScenario {
  const saved: SavedScenario = { name: s.name, preset: s.preset, overrides: s.overrides };
  if (s.expressions && s.expressions.length > 0) saved.expressions = s.expressions.map((e) => ({ id: e.id, expr: e.expr }));
  return saved;
}

interface Store {
  scenarios: SavedScenario[];
  problems: string[];
}

/** Parses the stored JSON; invalid entries are listed in `problems`, never dropped silently. */
export function parseScenarioStore(text: string | null): Store {
  if (text === null || text.trim() === '') return { scenarios: [], problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { scenarios: [], problems: [`saved scenarios (workbook metadata "${SCENARIOS_KEY}") are not valid JSON: ${(error as Error).message}`] };
  }
  const list = (raw as { scenarios?: unknown })?.scenarios;
  if (!Array.isArray(list)) return { scenarios: [], problems: [`saved scenarios (workbook metadata "${SCENARIOS_KEY}") have no "scenarios" array`] };
  const scenarios: SavedScenario[] = [];
  const problems: string[] = [];
  list.forEach((entry, i) => {
    const r = restoreScenario(entry);
    if (r.ok) scenarios.push(toSaved(r.scenario));
    else problems.push(`saved scenario #${i + 1}: ${r.errors.join('; ')}`);
  });
  return { scenarios, problems };
}

export async function listSavedScenarios(port: WorkbookPort): Promise<SavedScenario[]> {
  return parseScenarioStore(await port.getMetadata(SCENARIOS_KEY)).scenarios;
}

export async function saveScenario(port: WorkbookPort, scenario: SavedScenario): Promise<ActionReport> {
  const checked = restoreScenario(scenario);
  if (!checked.ok) return { ok: false, message: `Scenario not saved: ${checked.errors.join('; ')}` };
  const store = parseScenarioStore(await port.getMetadata(SCENARIOS_KEY));
  if (store.problems.length > 0) {
    // Overwriting would lose what the user saved before: refuse and say why.
    return { ok: false, message: 'Scenario not saved: the saved scenarios in this workbook are damaged, and saving would overwrite them.', details: store.problems };
  }
  const others = store.scenarios.filter((s) => s.name !== scenario.name);
  if (others.length >= MAX_SCENARIOS) return { ok: false, message: `Scenario not saved: a workbook keeps at most ${MAX_SCENARIOS} scenarios.` };
  const next = [...others, toSaved(checked.scenario)];
  await port.apply({ sheets: [], blocks: [], metadata: [{ key: SCENARIOS_KEY, value: JSON.stringify({ version: 1, scenarios: next }) }] });
  const replaced = others.length === store.scenarios.length ? 'Saved' : 'Replaced';
  return { ok: true, message: `${replaced} scenario "${scenario.name}" (${Object.keys(scenario.overrides).length} changes from ${scenario.preset}).` };
}

/** Plan of the Compare sheet: for each key output, one row per scenario, years across. */
export function planComparison(names: string[], results: ModelResult[]): WritePlan {
  const years = results[0]?.series.find((s) => s.years.length > 1)?.years ?? [];
  const rows: PlanCell[][] = [];
  for (const id of COMPARE_OUTPUTS) {
    const meta = OUTPUTS.find((o) => o.id === id);
    if (!meta) continue;
    results.forEach((r, i) => {
      const s = r.series.find((x) => x.id === id);
      if (!s) return;
      rows.push([id, meta.label, meta.unit, names[i], ...years.map((y) => {
        const k = s.years.indexOf(y);
        return k >= 0 && Number.isFinite(s.values[k]) ? s.values[k] : null;
      })]);
    });
  }
  return {
    sheets: [{ name: COMPARE_SHEET, clear: true }],
    blocks: [
      { sheet: COMPARE_SHEET, address: 'A1', values: [[`Scenario comparison: ${names.join(' vs ')}`], ['Shares are fractions (0.25 = 25 %); money in USD (R&D NPV in USD m).']], headerRows: 1 },
      {
        sheet: COMPARE_SHEET,
        address: 'A4',
        values: [['Output id', 'Output', 'Unit', 'Scenario', ...years.map(String)], ...rows],
        columns: [{ width: 34 }, { width: 44 }, { width: 12 }, { width: 20 }, ...years.map(() => ({ numberFormat: '#,##0.000', width: 12 }))],
        table: { name: 'tblCompare', style: 'TableStyleLight9' },
        headerRows: 1,
      },
    ],
  };
}

export async function compareSavedScenarios(
  port: WorkbookPort,
  names: string[],
  run: (values: Record<string, number>) => Promise<ModelResult>,
): Promise<ActionReport> {
  if (names.length < 2) return { ok: false, message: 'Pick at least two saved scenarios to compare.' };
  const store = parseScenarioStore(await port.getMetadata(SCENARIOS_KEY));
  const picked = names.map((n) => store.scenarios.find((s) => s.name === n));
  const missing = names.filter((_, i) => !picked[i]);
  if (missing.length > 0) return { ok: false, message: `No saved scenario named ${missing.map((m) => `"${m}"`).join(', ')}.`, details: store.problems };
  const results: ModelResult[] = [];
  for (const s of picked as SavedScenario[]) results.push(await run(scenarioValues({ name: s.name, preset: s.preset, overrides: s.overrides })));
  await port.apply(planComparison(names, results));
  return { ok: true, message: `Compared ${names.length} scenarios side by side on the Compare sheet.` };
}
