/**
 * `reversal-lab run [--scenario preset|file.json] [--history file.csv] [--json out.json]`: one deterministic
 * run of the three models (the function the Results sheet, Monte Carlo and the custom functions evaluate),
 * with the scenario's derived expressions; prints headline figures and writes every series as JSON.
 */
import { OUTPUTS } from '../../model/outputs';
import { runModels, type ModelResult } from '../../model/run';
import type { Scenario } from '../../model/scenario';
import type { CliCommand } from '../types';
import { loadModelData, loadScenario, parseOptions, SCENARIO_HELP } from '../inputs';
import { formatValue } from '../format';

const usage = [
  'Usage: reversal-lab run [--scenario <preset|file.json>] [--history <csv>] [--json out.json]',
  '',
  'Runs the NEV, export and R&D models once for a scenario and prints headline figures; with --json,',
  'writes every output series {id, label, unit, years, values} and the derived expressions.',
  '',
  `  --scenario <s>   ${SCENARIO_HELP}`,
  '  --history <csv>  NEV history in the shape of nev_sales_by_region.csv (default: the bundled data)',
  '  --json <path>    write the run as JSON (format reversal-lab/run@1, docs/cli.md)',
  '',
  'Exit codes: 0 ok, 1 failure (bad scenario or history, an output undefined), 2 bad usage.',
].join('\n');

const HEADLINE = [
  'nev.share.China', 'nev.share.Europe', 'nev.share.UnitedStates', 'nev.share.RestOfWorld', 'nev.sales.World',
  'nev.chinaShareOfGlobal.domestic', 'nev.chinaShareOfGlobal.chinaMade', 'nev.chinaExports', 'exports.value.total',
  'exports.chinaSupplyShare.Europe', 'rnd.optimalChinaShare', 'rnd.cycleTimeMonths', 'rnd.npv',
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
    series: result.series.map((s) => ({ id: s.id, label: s.label, unit: s.unit, years: s.years, values: s.values.map((v) => (Number.isFinite(v) ? v : null)) })),
    frontier: result.frontier,
  };
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'one deterministic run of a scenario: every output series, derived expressions included',
  usage,
  async run(args, io) {
    const opts = parseOptions(args, ['--scenario', '--history', '--json']);
    if (typeof opts === 'string') {
      io.err(`reversal-lab run: ${opts}\n\n${usage}\n`);
      return 2;
    }
    const { scenario, values } = await loadScenario((opts['--scenario'] as string) ?? 'baseline', io);
    const data = await loadModelData(io, opts['--history'] as string | undefined);
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
    io.out([`Scenario "${scenario.name}" (preset ${scenario.preset}); history through ${result.baseYear}`, '', line(header), ...rows.map(line), ''].join('\n'));
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    if (opts['--json']) {
      await io.writeFile(opts['--json'] as string, JSON.stringify(toRunJson(scenario, result), null, 2) + '\n');
      io.out(`Wrote ${opts['--json']} (${result.series.length} series)\n`);
    }
    return 0;
  },
};
