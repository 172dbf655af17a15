/**
 * `reversal-lab run [--scenario preset|file.json] [--set id=value ...] [--history file.csv] [--json out.json]
 * [--xlsx out.xlsx]`: one deterministic run of the three models (the function the Results sheet, Monte Carlo and
 * the custom functions evaluate), with the scenario's derived expressions; prints headline figures, writes every
 * series as JSON, and writes the pane's layout (Inputs and Results sheets, tables, RL_ names) into a workbook.
 */
import { REFERENCE_VERSION } from '../../data/reference/index';
import { OUTPUTS } from '../../model/outputs';
import { PARAMS, paramById } from '../../model/params';
import { presetById } from '../../model/presets';
import { runModels, type ModelResult } from '../../model/run';
import { restoreScenario, type Scenario } from '../../model/scenario';
import { NEV_HISTORY_TABLE, readModelInputs } from '../../app/scenario/modelInputs';
import type { CliCommand } from '../types';
import { loadModelData, loadScenario, parseOptions, SCENARIO_HELP } from '../inputs';
import { formatValue } from '../format';
import { openOrCreateXlsx } from '../xlsxFile';

const usage = [
  'Usage: reversal-lab run [--scenario <preset|file.json>] [--set <id>=<value> ...] [--history <csv>] [--json out.json] [--xlsx out.xlsx]',
  '',
  'Runs the NEV, export and R&D models once for a scenario and prints headline figures; with --json,',
  'writes every output series {id, label, unit, years, values} and the derived expressions.',
  '',
  `  --scenario <s>     ${SCENARIO_HELP}`,
  '  --set <id>=<value> override one parameter on top of the scenario (repeatable; e.g. --set nev.ceiling.China=0.9)',
  '  --history <csv>    NEV history in the shape of nev_sales_by_region.csv (default: the bundled data, or the',
  '                     NEV sales table of the --xlsx workbook when it has one)',
  '  --json <path>      write the run as JSON (format reversal-lab/run@1, docs/cli.md)',
  "  --xlsx <path>      write the pane's layout into an .xlsx: the Inputs sheet (parameter values, RL_param. names),",
  '                     the Results sheet (tables, RL_ names) and, in a workbook without them, the reference data;',
  '                     an existing workbook keeps its other sheets and formulas',
  '',
  'Exit codes: 0 ok, 1 failure (bad scenario or history, an output undefined), 2 bad usage.',
].join('\n');

const HEADLINE = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.share.UnitedStates',
  'nev.share.RestOfWorld',
  'nev.sales.World',
  'nev.chinaShareOfGlobal.domestic',
  'nev.chinaShareOfGlobal.chinaMade',
  'nev.chinaExports',
  'exports.value.total',
  'exports.chinaSupplyShare.Europe',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
];
const YEARS = [2025, 2026, 2030, 2035, 2040];

/** The JSON written by --json. NaN (no value in that year) becomes null. */
export function toRunJson(scenario: Scenario, result: ModelResult) {
  return {
    format: 'reversal-lab/run@1',
    scenario,
    baseYear: result.baseYear,
    warnings: result.warnings,
    calibration: result.calibration,
    series: result.series.map((s) => ({
      id: s.id,
      label: s.label,
      unit: s.unit,
      years: s.years,
      values: s.values.map((v) => (Number.isFinite(v) ? v : null)),
    })),
    frontier: result.frontier,
  };
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'one deterministic run of a scenario: every output series, derived expressions included',
  usage,
  async run(args, io) {
    const split = takeSets(args);
    if (typeof split === 'string') {
      io.err(`reversal-lab run: ${split}\n\n${usage}\n`);
      return 2;
    }
    const opts = parseOptions(split.rest, ['--scenario', '--history', '--json', '--xlsx']);
    if (typeof opts === 'string') {
      io.err(`reversal-lab run: ${opts}\n\n${usage}\n`);
      return 2;
    }
    const xlsxPath = opts['--xlsx'] as string | undefined;
    if (xlsxPath !== undefined && !/\.xlsx$/i.test(xlsxPath)) {
      io.err(`reversal-lab run: --xlsx needs a path ending in .xlsx, got "${xlsxPath}"\n`);
      return 2;
    }
    const { scenario, values } = withSets(await loadScenario((opts['--scenario'] as string) ?? 'baseline', io), split.sets);
    // The workbook is opened first: its NEV history, when it has one, is what the pane would fit (one model run
    // serves the printout, the JSON and the workbook).
    const opened = xlsxPath ? await openOrCreateXlsx(xlsxPath, io) : null;
    if (opened && 'error' in opened) {
      io.err(`reversal-lab run: ${opened.error}\n`);
      return 1;
    }
    const workbook = opened?.workbook;
    let referenceNote = '';
    if (workbook && !(await workbook.readTable(NEV_HISTORY_TABLE))) {
      const { loadReferenceData } = await import('../../app/datasets/importData');
      // What the pane's "Load reference data" writes, the first time: the data tables the model reads.
      const loaded = await loadReferenceData(workbook, () => new Date().toISOString());
      if (!loaded.ok) {
        io.err(`reversal-lab run: nothing written to ${xlsxPath}: ${loaded.message}\n`);
        return 1;
      }
      referenceNote = ', reference data';
    }
    let data;
    let historySource: string;
    if (opts['--history'] || !workbook) {
      data = await loadModelData(io, opts['--history'] as string | undefined);
      historySource = opts['--history'] ? `file ${opts['--history']}` : 'bundled reference (nev_sales_by_region.csv)';
    } else {
      const inputs = await readModelInputs(workbook);
      data = inputs.data;
      historySource = inputs.historySource;
    }
    const result = runModels(values, data, { expressions: scenario.expressions });
    const years = YEARS.filter((y) => result.series[0].years.includes(y));
    const rows = [
      ...HEADLINE.map((id) => result.series.find((s) => s.id === id)!),
      ...result.series.filter((s) => s.id.startsWith('expr.')),
    ].map((s) => {
      const format = OUTPUTS.find((o) => o.id === s.id)?.format;
      return [s.id, ...years.map((y) => formatValue(s.values[s.years.indexOf(y)], format, s.unit))];
    });
    const header = ['output', ...years.map((y) => (y <= result.baseYear ? `${y} (obs.)` : String(y)))];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
    io.out(
      [
        `Scenario "${scenario.name}" (preset ${scenario.preset}); history through ${result.baseYear}`,
        '',
        line(header),
        ...rows.map(line),
        '',
      ].join('\n'),
    );
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    if (opts['--json']) {
      await io.writeFile(opts['--json'] as string, JSON.stringify(toRunJson(scenario, result), null, 2) + '\n');
      io.out(`Wrote ${opts['--json']} (${result.series.length} series)\n`);
    }
    if (workbook && xlsxPath) {
      await writeRunXlsx(workbook, scenario, values, result, historySource);
      await io.writeFile(xlsxPath, await workbook.toBytes());
      io.out(`Wrote the Inputs and Results sheets${referenceNote} to ${xlsxPath}\n`);
    }
    return 0;
  },
};

/** Takes the repeatable `--set id=value` pairs out of the arguments (parseOptions takes each option once). */
export function takeSets(args: readonly string[]): { sets: [string, string][]; rest: string[] } | string {
  const sets: [string, string][] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--set') {
      rest.push(args[i]);
      continue;
    }
    const v = args[++i];
    const m = v === undefined ? null : /^([^=\s]+)=(.*)$/.exec(v);
    if (!m) return `--set needs <parameter id>=<value>, got ${v === undefined ? 'nothing' : `"${v}"`}`;
    sets.push([m[1], m[2]]);
  }
  return { sets, rest };
}

/**
 * The scenario with the --set values added to its overrides, validated like a scenario file's overrides
 * (restoreScenario: known id, a number, within the parameter's range, the caps feasible).
 */
function withSets(
  loaded: { scenario: Scenario; values: Record<string, number> },
  sets: [string, string][],
): { scenario: Scenario; values: Record<string, number> } {
  if (sets.length === 0) return loaded;
  const overrides: Record<string, unknown> = { ...loaded.scenario.overrides };
  const problems: string[] = [];
  for (const [id, text] of sets) {
    const value = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) problems.push(`--set ${id}=${text}: the value must be a number`);
    else overrides[id] = value;
  }
  const restored = problems.length ? null : restoreScenario({ ...loaded.scenario, overrides });
  if (restored && restored.ok) return { scenario: restored.scenario, values: restored.values };
  const errors = restored && !restored.ok ? restored.errors.map((e) => e.replace(/^overrides: /, '--set: ')) : problems;
  throw new Error(`invalid --set\n  ${errors.join('\n  ')}`);
}

/** The pane's scenario layout (Inputs, then Results), as one plan: all of it is written or none. */
async function writeRunXlsx(
  workbook: import('../../workbook/xlsx/xlsxWorkbook').XlsxWorkbook,
  scenario: Scenario,
  values: Record<string, number>,
  result: ModelResult,
  historySource: string,
): Promise<void> {
  const [{ planScenarioResults }, { planParameterInputs, combinePlans }, { presetValues }] = await Promise.all([
    import('../../app/plans/scenarioPlan'),
    import('../../app/scenario/parameterCells'),
    import('../../app/scenario/presetValues'),
  ]);
  const preset = presetById(scenario.preset)!;
  const base = presetValues(scenario.preset);
  const changed = PARAMS.filter((p) => values[p.id] !== base[p.id]).map((p) => ({
    id: p.id,
    value: values[p.id],
    label: paramById(p.id)!.label,
    unit: p.unit,
  }));
  const presetLabel = scenario.name === scenario.preset ? preset.label : `${preset.label} (scenario "${scenario.name}")`;
  await workbook.apply(
    combinePlans(
      planParameterInputs(values),
      planScenarioResults(result, { presetLabel, datasetVersion: REFERENCE_VERSION, changed, historySource }),
    ),
  );
}
