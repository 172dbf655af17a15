/**
 * `reversal-lab backtest [--history file.csv] [--cutoffs 2020-2023] [--horizons 3] [--json out.json]`: the NEV
 * projection judged out of sample. For each cut-off the model is rebuilt on the data up to that year and its
 * 1..H-year projection compared with the observed share, next to the naive "last value" and "last value + last
 * change" forecasts. Prints the absolute errors per region, cut-off and horizon, and the mean absolute errors.
 */
import { backtest, possibleCutoffs, type BacktestResult } from '../../model/backtest';
import { REGIONS } from '../../model/ids';
import type { CliCommand } from '../types';
import { loadModelData, parseOptions } from '../inputs';

const usage = [
  'Usage: reversal-lab backtest [--history <csv>] [--cutoffs FROM-TO|Y,Y,...] [--horizons N] [--json out.json]',
  '',
  'Rebuilds the model on the history up to each cut-off year (nothing after it is seen), projects 1..N years',
  'ahead at the parameter defaults and prints, per region and horizon, the absolute error of the model beside',
  'the naive forecasts "last value" and "last value + last change", and the mean absolute errors (pp).',
  '',
  '  --history <csv>   NEV history in the shape of nev_sales_by_region.csv (default: the bundled data)',
  '  --cutoffs <c>     cut-off years, e.g. 2020-2023 or 2021,2023 (default: every year the history allows)',
  '  --horizons <n>    years ahead, 1-10 (default 3)',
  '  --json <path>     write every point and the summary as JSON (format reversal-lab/backtest@1)',
  '',
  'Exit codes: 0 ok, 1 unreadable history or no possible cut-off, 2 bad usage.',
].join('\n');

function parseCutoffs(spec: string): number[] | string {
  const range = /^(\d{4})-(\d{4})$/.exec(spec);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (from > to) return `--cutoffs: ${from} is after ${to}`;
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const years = spec.split(',').map((s) => s.trim());
  if (years.some((y) => !/^\d{4}$/.test(y))) return `--cutoffs must be FROM-TO or a comma-separated list of years, got "${spec}"`;
  return years.map(Number);
}

const pp = (v: number) => (Number.isFinite(v) ? (100 * v).toFixed(1) : '-');

/** The report as printed (also quoted in docs/models.md). */
export function backtestReport(result: BacktestResult, source: string): string {
  const lines = [
    `Backtest of the NEV share projection on ${source}: cut-offs ${result.cutoffs.join(', ')}, horizons 1-${result.horizons}`,
    'Absolute errors in percentage points (model | naive last value | naive last value + last change):',
    '',
  ];
  const head = ['region', 'cut-off', ...Array.from({ length: result.horizons }, (_, h) => `h=${h + 1}`)];
  const rows: string[][] = [];
  for (const region of REGIONS)
    for (const cutoff of result.cutoffs) {
      const cells = Array.from({ length: result.horizons }, (_, h) => {
        const p = result.points.find((x) => x.region === region.key && x.cutoff === cutoff && x.horizon === h + 1);
        return p
          ? `${pp(Math.abs(p.model - p.observed))} | ${pp(Math.abs(p.naiveLast - p.observed))} | ${pp(Math.abs(p.naiveDrift - p.observed))}`
          : '';
      });
      rows.push([region.label, String(cutoff), ...cells]);
    }
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  lines.push(line(head), ...rows.map(line), '', 'Mean absolute error (pp), model | last value | last value + last change:');
  const summaryHead = ['region', ...Array.from({ length: result.horizons }, (_, h) => `h=${h + 1}`), 'all horizons', 'n'];
  const summaryRows = [...REGIONS.map((r) => ({ key: r.key, label: r.label })), { key: 'all', label: 'All regions' }].map(
    ({ key, label }) => {
      const of = (h: number) => result.summary.find((s) => s.region === key && s.horizon === h)!;
      const cell = (h: number) => `${of(h).maeModel.toFixed(2)} | ${of(h).maeNaiveLast.toFixed(2)} | ${of(h).maeNaiveDrift.toFixed(2)}`;
      return [label, ...Array.from({ length: result.horizons }, (_, h) => cell(h + 1)), cell(0), String(of(0).n)];
    },
  );
  const sw = summaryHead.map((h, c) => Math.max(h.length, ...summaryRows.map((r) => r[c].length)));
  const sline = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(sw[c]) : cell.padStart(sw[c]))).join('  ');
  lines.push(sline(summaryHead), ...summaryRows.map(sline));
  const all = result.summary.find((s) => s.region === 'all' && s.horizon === 0)!;
  const better = Math.min(all.maeNaiveLast, all.maeNaiveDrift);
  lines.push(
    '',
    `Model ${all.maeModel.toFixed(2)} pp against the better naive forecast ${better.toFixed(2)} pp: ${all.maeModel <= better ? 'no worse (target met)' : 'WORSE (target not met)'}.`,
  );
  if (result.atBound.length > 0) {
    lines.push('', 'Fits at a bound:');
    for (const b of result.atBound) lines.push(`  ${b.cutoff} ${b.region}: ${b.note}`);
  } else lines.push('No fit hit a bound.');
  return lines.join('\n');
}

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'out-of-sample check of the NEV projection against naive forecasts',
  usage,
  async run(args, io) {
    const opts = parseOptions(args, ['--history', '--cutoffs', '--horizons', '--json']);
    if (typeof opts === 'string') {
      io.err(`reversal-lab backtest: ${opts}\n\n${usage}\n`);
      return 2;
    }
    let cutoffs: number[] | undefined;
    if (typeof opts['--cutoffs'] === 'string') {
      const parsed = parseCutoffs(opts['--cutoffs']);
      if (typeof parsed === 'string') {
        io.err(`reversal-lab backtest: ${parsed}\n`);
        return 2;
      }
      cutoffs = parsed;
    }
    let horizons = 3;
    if (typeof opts['--horizons'] === 'string') {
      if (!/^\d+$/.test(opts['--horizons']) || Number(opts['--horizons']) < 1 || Number(opts['--horizons']) > 10) {
        io.err(`reversal-lab backtest: --horizons must be an integer from 1 to 10, got "${opts['--horizons']}"\n`);
        return 2;
      }
      horizons = Number(opts['--horizons']);
    }
    const historyPath = opts['--history'] as string | undefined;
    const data = await loadModelData(io, historyPath);
    if (possibleCutoffs(data).length === 0) {
      io.err('reversal-lab backtest: the history is too short for a backtest (every region needs 4 consecutive years)\n');
      return 1;
    }
    const result = backtest(data, { cutoffs, horizons });
    io.out(backtestReport(result, historyPath ?? 'the bundled history (nev_sales_by_region.csv)') + '\n');
    if (opts['--json']) {
      await io.writeFile(opts['--json'] as string, JSON.stringify({ format: 'reversal-lab/backtest@1', ...result }, null, 2) + '\n');
      io.out(`Wrote ${opts['--json']}\n`);
    }
    return 0;
  },
};
