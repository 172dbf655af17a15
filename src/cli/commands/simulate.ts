/**
 * `reversal-lab simulate`: Latin Hypercube / Monte Carlo simulation of the three models for a preset or a
 * scenario file; prints P5/P50/P95 of headline outputs for a few years and writes the full statistics as
 * JSON when asked (format: docs/cli.md, "## simulate").
 */
import { planSimulation, simulationRankTargets } from '../../app/plans/simulationPlan';
import { REFERENCE_VERSION } from '../../data/reference/index';
import { OUTPUTS } from '../../model/outputs';
import { PARAMS } from '../../model/params';
import { PRESETS } from '../../model/presets';
import { DEFAULT_FIRST_YEAR, DEFAULT_LAST_YEAR } from '../../model/run';
import type { Scenario } from '../../model/scenario';
import { rankCorrelations } from '../../model/sim/sensitivity';
import { MAX_ITERATIONS, type SimulationResult } from '../../model/sim/simulation';
import type { CliCommand } from '../types';
import { openOrCreateXlsx } from '../xlsxFile';
import { loadModelData, loadScenario } from '../inputs';
import { defaultThreads, runSimulationThreads } from '../simulateThreads';

/** Outputs shown (and simulated) unless --outputs says otherwise: one or two per model question. */
export const SUMMARY_OUTPUTS = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.share.UnitedStates',
  'nev.sales.World',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'exports.chinaSupplyShare.Europe',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
] as const;
const TABLE_YEARS = [2025, 2030, 2035, 2040];

const usage = [
  'Usage: reversal-lab simulate [--scenario <preset|file.json>] [--iterations N] [--seed S] [--sampling lhs|mc]',
  '                             [--outputs id,id,...|all] [--converge] [--threads N] [--statistics exact|streaming|auto]',
  '                             [--json out.json] [--xlsx out.xlsx]',
  '',
  'Runs the NEV, export and R&D models many times with the uncertain parameters drawn from their',
  'distributions (the others stay at the scenario value) and prints P5 / P50 / P95.',
  '',
  `  --scenario <s>     a preset (${PRESETS.map((p) => p.id).join(', ')}) or a scenario JSON file {name, preset, overrides} (default baseline)`,
  `  --iterations <n>   trials, 1 to ${MAX_ITERATIONS.toLocaleString('en-US')} (default 10000; the cap with --converge)`,
  '  --seed <s>         integer seed; the same seed reproduces a run exactly (default 1)',
  '  --sampling <m>     lhs (Latin Hypercube, default) or mc (plain Monte Carlo)',
  '  --outputs <ids>    comma-separated output ids, or "all" (default: the summary outputs)',
  '  --converge         stop once every reported mean is within +-1 % at 95 % (checked every 1000 trials)',
  '  --threads <n>      worker threads (default: every core); the same seed gives the same numbers for any n',
  '  --statistics <s>   exact (every trial kept; memory grows with the trials), streaming (percentiles within',
  '                     0.1 percentile points, memory independent of the trials) or auto (default: exact up to',
  '                     32 MB of samples)',
  '  --json <path>      write the full statistics (every output, year and percentile) as JSON',
  "  --xlsx <path>      write the Simulation sheet (the pane's tables: mean, SD, P5-P95 per output and year,",
  '                     rank correlations) into an .xlsx; an existing workbook keeps its other sheets',
  '',
  'Exit codes: 0 ok, 1 failure (bad scenario, unreadable data), 2 bad usage.',
].join('\n');

interface SimulateArgs {
  threads: number;
  statistics: 'exact' | 'streaming' | 'auto';
  scenario: string;
  iterations: number;
  seed: number;
  sampling: 'lhs' | 'mc';
  outputs?: string[];
  converge: boolean;
  json?: string;
  xlsx?: string;
}

function parseArgs(args: string[]): SimulateArgs | string {
  const out: SimulateArgs = {
    scenario: 'baseline',
    iterations: 10_000,
    seed: 1,
    sampling: 'lhs',
    converge: false,
    threads: defaultThreads(),
    statistics: 'auto',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    const needs = ['--scenario', '--iterations', '--seed', '--sampling', '--outputs', '--json', '--xlsx', '--threads', '--statistics'];
    if (needs.includes(a)) {
      if (v === undefined || v.startsWith('--')) return `${a} needs a value`;
      i++;
    }
    if (a === '--scenario') out.scenario = v;
    else if (a === '--iterations') {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_ITERATIONS)
        return `--iterations must be an integer from 1 to ${MAX_ITERATIONS}, got "${v}"`;
      out.iterations = Number(v);
    } else if (a === '--threads') {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256) return `--threads must be an integer from 1 to 256, got "${v}"`;
      out.threads = Number(v);
    } else if (a === '--statistics') {
      if (v !== 'exact' && v !== 'streaming' && v !== 'auto') return `--statistics must be exact, streaming or auto, got "${v}"`;
      out.statistics = v;
    } else if (a === '--seed') {
      if (!/^\d+$/.test(v) || Number(v) > 4294967295) return `--seed must be an integer from 0 to 4294967295, got "${v}"`;
      out.seed = Number(v);
    } else if (a === '--sampling') {
      if (v !== 'lhs' && v !== 'mc') return `--sampling must be lhs or mc, got "${v}"`;
      out.sampling = v;
    } else if (a === '--outputs') {
      const ids =
        v === 'all'
          ? OUTPUTS.map((o) => o.id)
          : v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
      const unknown = ids.filter((id) => !OUTPUTS.some((o) => o.id === id));
      if (unknown.length > 0) return `--outputs: unknown output id(s) ${unknown.join(', ')}`;
      out.outputs = ids;
    } else if (a === '--converge') out.converge = true;
    else if (a === '--json') out.json = v;
    else if (a === '--xlsx') {
      if (!/\.xlsx$/i.test(v)) return `--xlsx needs a path ending in .xlsx, got "${v}"`;
      out.xlsx = v;
    } else return a.startsWith('--') ? `unknown option ${a}` : `unexpected argument "${a}"`;
  }
  return out;
}

/** Formats a value for the table by its unit (shares in %, vehicles in millions, USD in billions). */
export function formatByUnit(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (unit === 'fraction') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'vehicles' || unit === 'units') return `${(value / 1e6).toFixed(2)} M`;
  if (unit === 'USD') return `${(value / 1e9).toFixed(2)} bn`;
  if (unit === 'USD m') return `${value.toFixed(0)} m`;
  return value.toFixed(1);
}

function table(result: SimulationResult): string[] {
  const years = TABLE_YEARS.filter((y) => result.years.includes(y));
  const rows = result.stats.map((s) => {
    const meta = OUTPUTS.find((o) => o.id === s.id)!;
    const cells = years.map((year) => {
      const y = result.years.indexOf(year);
      return `${formatByUnit(s.p5[y], meta.unit)} / ${formatByUnit(s.p50[y], meta.unit)} / ${formatByUnit(s.p95[y], meta.unit)}`;
    });
    return [s.id, ...cells];
  });
  const header = ['output (P5 / P50 / P95)', ...years.map(String)];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** The JSON written by --json (documented in docs/cli.md). */
export function toSimulateJson(scenario: Scenario, result: SimulationResult) {
  const last = result.years[result.years.length - 1];
  return {
    format: 'reversal-lab/simulate@1',
    scenario,
    iterations: result.iterations,
    seed: result.seed,
    sampling: result.sampling,
    converged: result.converged,
    convergence: result.convergence ?? null,
    statistics: result.statistics,
    accuracy: result.accuracy ?? null,
    years: result.years,
    outputs: result.stats.map((s) => {
      const meta = OUTPUTS.find((o) => o.id === s.id)!;
      return {
        id: s.id,
        label: meta.label,
        unit: meta.unit,
        mean: s.mean,
        sd: s.sd,
        p5: s.p5,
        p10: s.p10,
        p50: s.p50,
        p90: s.p90,
        p95: s.p95,
      };
    }),
    inputs: result.inputIds.map((id) => {
      const meta = PARAMS.find((p) => p.id === id)!;
      return { id, label: meta.label, unit: meta.unit, distribution: meta.distribution, status: meta.status, source: meta.source };
    }),
    rankCorrelations: {
      year: last,
      byOutput: Object.fromEntries(
        result.outputIds.map((id) => [
          id,
          rankCorrelations(result, id, last).map((r) => ({ paramId: r.paramId, rho: Number.isNaN(r.rho) ? null : r.rho })),
        ]),
      ),
    },
  };
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'Monte Carlo / Latin Hypercube simulation of a scenario: P5/P50/P95 per output and year',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`reversal-lab simulate: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const { scenario, values } = await loadScenario(parsed.scenario, io);
    const data = await loadModelData(io);
    const outputIds = parsed.outputs ?? [...SUMMARY_OUTPUTS];
    const years = Array.from({ length: DEFAULT_LAST_YEAR - DEFAULT_FIRST_YEAR + 1 }, (_, i) => DEFAULT_FIRST_YEAR + i);
    const result = await runSimulationThreads(
      {
        data,
        values,
        iterations: parsed.iterations,
        seed: parsed.seed,
        sampling: parsed.sampling,
        outputIds,
        convergence: parsed.converge
          ? { relTol: 0.01, confidence: 0.95, maxIterations: parsed.iterations, batchSize: Math.min(1000, parsed.iterations) }
          : undefined,
        statistics: parsed.statistics,
        // Streaming runs keep the rank correlations the JSON (each output's last year) and the sheet report.
        rankTargets: [
          ...outputIds.map((outputId) => ({ outputId, year: years[years.length - 1] })),
          ...simulationRankTargets(outputIds, years),
        ],
      },
      { threads: parsed.threads },
    );
    const status = parsed.converge ? (result.converged ? ', converged (+-1 % at 95 %)' : ', NOT converged within the cap') : '';
    const accuracy = result.accuracy
      ? `; streaming statistics, percentiles within ${result.accuracy.maxRankErrorPp.toFixed(3)} percentile points`
      : '';
    io.out(
      [
        `Scenario "${scenario.name}" (preset ${scenario.preset}): ${result.iterations} trials, ${result.sampling.toUpperCase()}, seed ${result.seed}${status}${accuracy}`,
        `${result.inputIds.length} uncertain inputs: ${result.inputIds.join(', ')}`,
        '',
        ...table(result),
        '',
      ].join('\n'),
    );
    if (parsed.json) {
      await io.writeFile(parsed.json, JSON.stringify(toSimulateJson(scenario, result), null, 2) + '\n');
      io.out(`Wrote ${parsed.json}\n`);
    }
    if (parsed.xlsx) {
      const opened = await openOrCreateXlsx(parsed.xlsx, io);
      if ('error' in opened) {
        io.err(`reversal-lab simulate: ${opened.error}\n`);
        return 1;
      }
      const presetLabel = PRESETS.find((p) => p.id === scenario.preset)?.label ?? scenario.preset;
      await opened.workbook.apply(
        planSimulation(result, { presetLabel: `${presetLabel} (scenario "${scenario.name}")`, datasetVersion: REFERENCE_VERSION }),
      );
      await io.writeFile(parsed.xlsx, await opened.workbook.toBytes());
      io.out(`Wrote the Simulation sheet to ${parsed.xlsx}\n`);
    }
    return 0;
  },
};
