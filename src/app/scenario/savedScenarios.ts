/**
 * User scenarios saved inside the workbook (metadata key "scenarios"), so they travel with the file.
 * Saved state is untrusted on read: every entry goes through restoreScenario, and a corrupted store
 * is reported and never overwritten.
 */
import type { ModelResult } from '../../model/run';
import { restoreScenario, scenarioValues } from '../../model/scenario';
import { OUTPUTS } from '../../model/outputs';
import type { ChartWrite, PlanCell, WriteBlock, WritePlan } from '../../workbook/plan';
import { chartBlocks } from '../plans/chartPlan';
import { comparisonChart } from '../plans/charts';
import { groupOf, type UnitGroup } from '../plans/scenarioPlan';
import { displayUnit, plural } from '../units';
import type { WorkbookPort } from '../../workbook/port';
import type { ActionReport, ComparisonData, SavedScenario } from '../types';

export type { ComparisonData } from '../types';

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

function toSaved(s: {
  name: string;
  preset: string;
  overrides: Record<string, number>;
  expressions?: { id: string; expr: string; unit?: string }[];
}): SavedScenario {
  const saved: SavedScenario = { name: s.name, preset: s.preset, overrides: s.overrides };
  if (s.expressions && s.expressions.length > 0)
    saved.expressions = s.expressions.map((e) => ({ id: e.id, expr: e.expr, ...(e.unit ? { unit: e.unit } : {}) }));
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
    return {
      scenarios: [],
      problems: [`saved scenarios (workbook metadata "${SCENARIOS_KEY}") are not valid JSON: ${(error as Error).message}`],
    };
  }
  const list = (raw as { scenarios?: unknown })?.scenarios;
  if (!Array.isArray(list))
    return { scenarios: [], problems: [`saved scenarios (workbook metadata "${SCENARIOS_KEY}") have no "scenarios" array`] };
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
    return {
      ok: false,
      message: 'Scenario not saved: the saved scenarios in this workbook are damaged, and saving would overwrite them.',
      details: store.problems,
    };
  }
  const others = store.scenarios.filter((s) => s.name !== scenario.name);
  if (others.length >= MAX_SCENARIOS)
    return { ok: false, message: `Scenario not saved: a workbook keeps at most ${MAX_SCENARIOS} scenarios.` };
  const next = [...others, toSaved(checked.scenario)];
  await writeStore(port, next);
  const replaced = others.length === store.scenarios.length ? 'Saved' : 'Replaced';
  return {
    ok: true,
    message: `${replaced} scenario "${scenario.name}" (${plural(Object.keys(scenario.overrides).length, 'change')} from ${scenario.preset}).`,
  };
}

async function writeStore(port: WorkbookPort, scenarios: SavedScenario[]): Promise<void> {
  await port.apply({ sheets: [], blocks: [], metadata: [{ key: SCENARIOS_KEY, value: JSON.stringify({ version: 1, scenarios }) }] });
}

/** Reads the store for an edit; a damaged store is refused (editing would overwrite what it holds). */
async function editableStore(port: WorkbookPort): Promise<{ scenarios: SavedScenario[] } | { refused: ActionReport }> {
  const store = parseScenarioStore(await port.getMetadata(SCENARIOS_KEY));
  if (store.problems.length > 0) {
    return {
      refused: {
        ok: false,
        message: 'Nothing changed: the saved scenarios in this workbook are damaged, and changing them would overwrite them.',
        details: store.problems,
      },
    };
  }
  return { scenarios: store.scenarios };
}

const nameProblem = (name: string): string | null =>
  name.trim() === '' ? 'a scenario needs a name' : name.length > 80 ? 'names are at most 80 characters' : null;

export async function deleteScenario(port: WorkbookPort, name: string): Promise<ActionReport> {
  const store = await editableStore(port);
  if ('refused' in store) return store.refused;
  if (!store.scenarios.some((s) => s.name === name)) return { ok: false, message: `No saved scenario named "${name}".` };
  await writeStore(
    port,
    store.scenarios.filter((s) => s.name !== name),
  );
  return { ok: true, message: `Deleted scenario "${name}".` };
}

export async function renameScenario(port: WorkbookPort, from: string, to: string): Promise<ActionReport> {
  const problem = nameProblem(to);
  if (problem) return { ok: false, message: `Not renamed: ${problem}.` };
  const store = await editableStore(port);
  if ('refused' in store) return store.refused;
  const target = to.trim();
  if (!store.scenarios.some((s) => s.name === from)) return { ok: false, message: `No saved scenario named "${from}".` };
  if (target !== from && store.scenarios.some((s) => s.name === target))
    return { ok: false, message: `Not renamed: a scenario named "${target}" exists already.` };
  await writeStore(
    port,
    store.scenarios.map((s) => (s.name === from ? { ...s, name: target } : s)),
  );
  return { ok: true, message: `Renamed "${from}" to "${target}".` };
}

/** Copies a scenario under a free name ("Base (copy)", "Base (copy 2)", ...); returns the new name. */
export async function duplicateScenario(port: WorkbookPort, name: string): Promise<ActionReport & { name?: string }> {
  const store = await editableStore(port);
  if ('refused' in store) return store.refused;
  const source = store.scenarios.find((s) => s.name === name);
  if (!source) return { ok: false, message: `No saved scenario named "${name}".` };
  if (store.scenarios.length >= MAX_SCENARIOS)
    return { ok: false, message: `Not duplicated: a workbook keeps at most ${MAX_SCENARIOS} scenarios.` };
  const taken = new Set(store.scenarios.map((s) => s.name));
  let copy = `${name} (copy)`;
  for (let n = 2; taken.has(copy); n++) copy = `${name} (copy ${n})`;
  await writeStore(port, [...store.scenarios, { ...source, name: copy }]);
  return { ok: true, message: `Duplicated "${name}" as "${copy}".`, name: copy };
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
      entry.rows.push([
        id,
        meta.label,
        displayUnit(meta.unit),
        names[i],
        ...years.map((y) => {
          const k = s.years.indexOf(y);
          return k >= 0 && Number.isFinite(s.values[k]) ? s.values[k] : null;
        }),
      ]);
    });
    groups.set(group.key, entry);
  }
  const blocks: WriteBlock[] = [
    {
      sheet: COMPARE_SHEET,
      address: 'A1',
      values: [
        [`Scenario comparison: ${names.join(' vs ')}`],
        ['Shares in %, export values in M / bn USD, R&D money in USD m; a blank cell is a year the model has no value for.'],
      ],
      headerRows: 1,
    },
  ];
  let row = 4;
  for (const { group, rows } of groups.values()) {
    blocks.push({ sheet: COMPARE_SHEET, address: `A${row}`, values: [[group.title]], headerRows: 1 });
    blocks.push({
      sheet: COMPARE_SHEET,
      address: `A${row + 1}`,
      values: [['Output id', 'Output', 'Unit', 'Scenario', ...years.map(String)], ...rows],
      columns: [
        { width: 30 },
        { width: 40 },
        { width: 10 },
        { width: 18 },
        ...years.map(() => ({ numberFormat: group.numberFormat, width: 10 })),
      ],
      table: { name: `tblCompare${group.key}`, style: 'TableStyleLight9' },
      headerRows: 1,
    });
    row += rows.length + 3;
  }
  // Native charts of the headline outputs (the pane's comparison chart, same spec), each with its data table.
  const charts: ChartWrite[] = [];
  blocks.push({ sheet: COMPARE_SHEET, address: `A${row}`, values: [['Charts (each drawn from the table beside it)']], headerRows: 1 });
  row += 2;
  for (const [id, key] of COMPARE_CHARTS) {
    const meta = OUTPUTS.find((o) => o.id === id);
    if (!meta) continue;
    const scenarios = results.flatMap((r, i) => {
      const s = r.series.find((x) => x.id === id);
      return s ? [{ name: names[i], years: s.years, values: s.values }] : [];
    });
    if (scenarios.length < 2) continue;
    const c = chartBlocks(comparisonChart(meta, scenarios), {
      sheet: COMPARE_SHEET,
      row,
      name: `RL_chart_compare_${key}`,
      table: `tblChartCompare${key}`,
    });
    blocks.push(...c.blocks);
    charts.push(c.chart);
    row += c.rows;
  }
  return {
    sheets: [{ name: COMPARE_SHEET, clear: true, freeze: { rows: 0, columns: 4 } }],
    blocks,
    ...(charts.length ? { charts } : {}),
  };
}

/** Outputs the Compare sheet charts natively (id, key of the chart and table names). */
const COMPARE_CHARTS: readonly (readonly [string, string])[] = [
  ['nev.share.Europe', 'NevShareEurope'],
  ['exports.value.total', 'ExportsTotal'],
];

/** What the pane draws after a comparison: the compared outputs, one row of years per scenario. */

export async function compareSavedScenarios(
  port: WorkbookPort,
  names: string[],
  run: (values: Record<string, number>) => Promise<ModelResult>,
): Promise<ActionReport & { comparison?: ComparisonData }> {
  if (names.length < 2) return { ok: false, message: 'Pick at least two saved scenarios to compare.' };
  const store = parseScenarioStore(await port.getMetadata(SCENARIOS_KEY));
  const picked = names.map((n) => store.scenarios.find((s) => s.name === n));
  const missing = names.filter((_, i) => !picked[i]);
  if (missing.length > 0)
    return { ok: false, message: `No saved scenario named ${missing.map((m) => `"${m}"`).join(', ')}.`, details: store.problems };
  const results: ModelResult[] = [];
  for (const s of picked as SavedScenario[])
    results.push(await run(scenarioValues({ name: s.name, preset: s.preset, overrides: s.overrides })));
  await port.apply(planComparison(names, results));
  const years = results[0]?.series.find((s) => s.years.length > 1)?.years ?? [];
  const outputs = COMPARE_OUTPUTS.flatMap((id) => {
    const meta = OUTPUTS.find((o) => o.id === id);
    if (!meta) return [];
    return [
      {
        id,
        label: meta.label,
        unit: meta.unit,
        values: results.map((r) => r.series.find((x) => x.id === id)?.values ?? years.map(() => NaN)),
      },
    ];
  });
  return {
    ok: true,
    message: `Compared ${names.length} scenarios side by side on the Compare sheet.`,
    comparison: { names, years: [...years], outputs },
  };
}
