/**
 * `reversal-lab calibrate [--history <csv>] [--through YEAR] [--json out.json]`: the NEV calibration per region
 * (last observed share and change, mean pace, speed limit, logistic pace kappa, in-sample RMSE, estimates at a
 * bound) and the projection after YEAR at the parameter defaults, with observed shares beside it where the file
 * has them. The JSON format is documented in docs/cli.md.
 */
import { pickHistory } from '../../model/data';
import { dataThrough } from '../../model/backtest';
import { REGIONS } from '../../model/ids';
import { defaultValues } from '../../model/params';
import { calibrateHistory, compileModel, DEFAULT_LAST_YEAR } from '../../model/run';
import type { CliCommand } from '../types';
import { loadModelData, parseOptions, yearOption } from '../inputs';

const usage = [
  'Usage: reversal-lab calibrate [--history <csv>] [--through YEAR] [--json out.json]',
  '',
  'Calibrates the NEV adoption model per region on the history rows up to YEAR (default: all rows) and prints',
  'the estimates, the in-sample one-step RMSE (percentage points), any estimate held at a bound, and the',
  `projection after YEAR to ${DEFAULT_LAST_YEAR} at the parameter defaults, with observed shares beside it.`,
  '',
  '  --history <csv>   history file in the nev-sales schema (columns region, year, ev_sales_total_vehicles,',
  '                    ev_sales_share_new_cars_pct, dataset, status; validated as an import of that kind);',
  '                    default: the bundled nev_sales_by_region.csv',
  '  --through <YEAR>  last year used',
  '  --json <path>     write the result as JSON (format reversal-lab/calibrate@2, see docs/cli.md)',
  '',
  'Exit codes: 0 ok, 1 unreadable file or too little history, 2 bad usage.',
].join('\n');

const pct = (v: number, digits = 1) => `${(100 * v).toFixed(digits)} %`;

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  summary: 'calibrate the NEV adoption model on a history file and show the projection',
  usage,
  async run(args, io) {
    const opts = parseOptions(args, ['--history', '--through', '--json']);
    const through = typeof opts === 'string' ? undefined : yearOption(opts['--through'], '--through');
    if (typeof opts === 'string' || typeof through === 'string') {
      io.err(`reversal-lab calibrate: ${typeof opts === 'string' ? opts : through}\n\n${usage}\n`);
      return 2;
    }
    const historyPath = opts['--history'] as string | undefined;
    const full = await loadModelData(io, historyPath);
    const data = through === undefined ? full : dataThrough(full, through);
    let reports;
    try {
      reports = calibrateHistory(data.nevHistory);
    } catch (error) {
      io.err(`reversal-lab calibrate: ${(error as Error).message}\n`);
      return 1;
    }
    const last = Math.min(...reports.map((r) => r.through));
    const model = compileModel(data, {
      outputIds: REGIONS.map((r) => `nev.share.${r.key}`),
      firstYear: last + 1,
      lastYear: DEFAULT_LAST_YEAR,
    });
    const values = defaultValues();
    const out = new Float64Array(REGIONS.length * model.years.length);
    model.evaluate(
      Float64Array.from(model.paramIds, (id) => values[id]),
      out,
    );
    const observed = pickHistory(full.nevHistory);
    const regions = reports.map((r, i) => {
      const region = REGIONS[i];
      const projection = model.years.map((year, y) => {
        const seen = observed.find((h) => h.region === region.name && h.year === year);
        return { year, share: out[i * model.years.length + y], ...(seen ? { observed: seen.sharePct / 100 } : {}) };
      });
      return { ...r, label: region.label, projection };
    });

    const source = historyPath ?? 'the bundled history';
    const lines = [`NEV calibration on ${source}, rows up to ${through ?? last} (data only: ceilings are scenario inputs)`, ''];
    lines.push(
      `${'region'.padEnd(15)}${'n'.padStart(3)}${'last'.padStart(8)}${'last chg'.padStart(10)}${'mean chg'.padStart(10)}${'max chg'.padStart(9)}${'kappa'.padStart(8)}${'RMSE pp'.padStart(9)}`,
    );
    for (const r of regions)
      lines.push(
        `${r.label.padEnd(15)}${String(r.n).padStart(3)}${pct(r.params.lastShare).padStart(8)}${(100 * r.params.lastStep).toFixed(2).padStart(10)}` +
          `${(100 * r.params.meanStep).toFixed(2).padStart(10)}${(100 * r.params.maxStep).toFixed(2).padStart(9)}${r.params.kappa.toFixed(3).padStart(8)}${r.rmsePp.toFixed(2).padStart(9)}`,
      );
    lines.push('(changes in pp per year; max chg is the speed limit of the projection)');
    const bounds = regions.flatMap((r) => r.atBound.map((note) => `  ${r.label}: ${note}`));
    lines.push('', bounds.length ? 'Estimates at a bound:' : 'No estimate at a bound.', ...bounds);
    lines.push('', 'Projection of the NEV share at the parameter defaults (observed in brackets where the file has it):');
    for (const r of regions) {
      const shown = r.projection.filter((x) => x.observed !== undefined || x.year % 5 === 0 || x.year === r.through + 1);
      lines.push(
        `  ${r.label.padEnd(15)}${shown.map((x) => `${x.year} ${pct(x.share)}${x.observed !== undefined ? ` [${pct(x.observed)}]` : ''}`).join('  ')}`,
      );
    }
    io.out(lines.join('\n') + '\n');
    if (opts['--json']) {
      const json = {
        format: 'reversal-lab/calibrate@2',
        history: historyPath ?? 'bundled',
        through: through ?? last,
        regions: regions.map(({ region, label, model: kind, params, rmsePp, n, through: t, atBound, projection }) => ({
          region,
          label,
          model: kind,
          params,
          rmsePp,
          n,
          through: t,
          atBound,
          projection,
        })),
      };
      await io.writeFile(opts['--json'] as string, JSON.stringify(json, null, 2) + '\n');
      io.out(`Wrote ${opts['--json']}\n`);
    }
    return 0;
  },
};
