/**
 * User scenarios saved inside the workbook (metadata key "scenarios"), so they travel with the file.
 * Saved state is untrusted on read: every entry goes through restoreScenario, and a corrupted store
 * is reported and never overwritten.
 */
import type { ModelResult } from '../model/run';
import { restoreScenario, scenarioValues } from '../model/scenario';
import { OUTPUTS } from '../model/outputs';
import type { PlanCell, WriteBlock, WritePlan } from '../workbook/plan';
import { groupOf, type UnitGroup } from './scenarioPlan';
import { displayUnit, plural } from './units';
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

function toSaved(s: { name: string; preset: string; overrides: Record<string, number>; expressions?: { id: string; expr: string; unit?: string }[] }): SavedScenario {
  const saved: SavedScenario = { name: s.name, preset: s.preset, overrides: s.overrides };
  if (s.expressions && s.expressions.length > 0) saved.expressions = s.expressions.map((e) => ({ id: e.id, expr: e.expr, ...(e.unit ? { unit: e.unit } : {}) }));
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
  return { ok: true, message: `${replaced} scenario "${scenario.name}" (${plural(Object.keys(scenario.overrides).length, 'change')} from ${scenario.preset}).` };
}

/** Plan of the Compare sheet: one table per unit group (one number format per year column), one row per output and scenario, years across. */
export function planComparison(names: string[], results: ModelResult[]): WritePlan {
  const years = results[0]?.series.find((s) => s.years.length > 1)?.years ?? [];
  const groups = new Map<string, { group: UnitGroup; rows: PlanCell[][] }>();
  for (const id of COMPARE_OUTPUTS) {
    const meta = OUTPUTS.find((o) => o.id === id);
    if (!meta) continue;
    const group = groupOf(meta.unit, id);
    const entry = groups.get(group.key) ?? { group, rows: [] };
    results.forEach((r, i) => {
      const s = r.series.find((x) => x.id === id);
      if (!s) return;
      entry.rows.push([id, meta.label, displayUnit(meta.unit), names[i], ...years.map((y) => {
        const k = s.years.indexOf(y);
        return k >= 0 && Number.isFinite(s.values[k]) ? s.values[k] : null;
      })]);
    });
    groups.set(group.key, entry);
  }
  const blocks: WriteBlock[] = [
    { sheet: COMPARE_SHEET, address: 'A1', values: [[`Scenario comparison: ${names.join(' vs ')}`], ['Shares in %, export values in M / bn USD, R&D money in USD m; a blank cell is a year the model has no value for.']], headerRows: 1 },
  ];
  let row = 4;
  for (const { group, rows } of groups.values()) {
    blocks.push({ sheet: COMPARE_SHEET, address: `A${row}`, values: [[group.title]], headerRows: 1 });
    blocks.push({
      sheet: COMPARE_SHEET,
      address: `A${row + 1}`,
      values: [['Output id', 'Output', 'Unit', 'Scenario', ...years.map(String)], ...rows],
      columns: [{ width: 30 }, { width: 40 }, { width: 10 }, { width: 18 }, ...years.map(() => ({ numberFormat: group.numberFormat, width: 10 }))],
      table: { name: `tblCompare${group.key}`, style: 'TableStyleLight9' },
      headerRows: 1,
    });
    row += rows.length + 3;
  }
  return {
    sheets: [{ name: COMPARE_SHEET, clear: true, freeze: { rows: 0, columns: 4 } }],
    blocks,
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
