/**
 * `reversal-lab calibrate --history <csv> [--through YEAR] [--ceiling Region=fraction]... [--json out.json]`:
 * fits the Bass NEV curve per region on the history rows up to YEAR (ceilings fixed: scenario inputs),
 * prints p, q, tau, the RMSE in percentage points and the projection after YEAR next to any
 * observed (hold-out) share. The JSON format is documented in docs/cli.md.
 */
import { parseNevHistory } from '../../app/modelData';
import { bassF } from '../../model/bass';
import { pickHistory } from '../../model/data';
import { REGIONS } from '../../model/ids';
import { paramById } from '../../model/params';
import { calibrateHistory, DEFAULT_LAST_YEAR } from '../../model/run';
import type { CliCommand } from '../types';

const usage = [
  'Usage: reversal-lab calibrate --history <csv> [--through YEAR] [--ceiling Region=fraction]... [--json out.json]',
  '',
  'Fits s(t) = m F(t - tau; p, q) (Bass) per region on nev_sales_by_region.csv-shaped rows up to YEAR',
  '(default: all rows) and prints the parameters, the fit RMSE (percentage points) and the projection',
  `after YEAR to ${DEFAULT_LAST_YEAR}, with observed shares beside it where the file has them (hold-out check).`,
  '',
  '  --history <csv>            history file (columns region, year, ev_sales_total_vehicles, ev_sales_share_new_cars_pct, status)',
  '  --through <YEAR>           last year used in the fit',
  `  --ceiling <Region=m>       ceiling m (fraction) for a region key: ${REGIONS.map((r) => r.key).join(', ')} (default: parameter defaults)`,
  '  --json <path>              write the result as JSON (format reversal-lab/calibrate@1, see docs/cli.md)',
  '',
  'Exit codes: 0 ok, 1 unreadable file or too little history, 2 bad usage.',
].join('\n');

interface CalibrateArgs {
  history: string;
  through?: number;
  json?: string;
  ceilings: Record<string, number>;
}

function parseArgs(args: string[]): CalibrateArgs | string {
  const out: Partial<CalibrateArgs> = { ceilings: {} };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    const needsValue = ['--history', '--through', '--json', '--ceiling'].includes(a);
    if (needsValue && (v === undefined || v.startsWith('--'))) return `${a} needs a value`;
    if (a === '--history') out.history = v;
    else if (a === '--json') out.json = v;
    else if (a === '--through') {
      if (!/^\d{4}$/.test(v)) return `--through must be a year, got "${v}"`;
      out.through = Number(v);
    } else if (a === '--ceiling') {
      const m = /^([A-Za-z]+)=([0-9.]+)$/.exec(v);
      const key = m?.[1];
      if (!m || !REGIONS.some((r) => r.key === key)) return `--ceiling must be Region=fraction with Region one of ${REGIONS.map((r) => r.key).join(', ')}, got "${v}"`;
      const value = Number(m[2]);
      const meta = paramById(`nev.ceiling.${key}`)!;
      if (!(value >= meta.min && value <= meta.max)) return `--ceiling ${key}: ${value} is out of range [${meta.min}, ${meta.max}]`;
      out.ceilings![key!] = value;
    } else return a.startsWith('--') ? `unknown option ${a}` : `unexpected argument "${a}"`;
    if (needsValue) i++;
  }
  if (!out.history) return 'missing --history <csv>';
  return out as CalibrateArgs;
}

const pct = (v: number, digits = 1) => `${(100 * v).toFixed(digits)} %`;

export const calibrateCommand: CliCommand = {
  name: 'calibrate',
  summary: 'fit the Bass NEV adoption curves on a history file and show the projection',
  usage,
  async run(args, io) {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`reversal-lab calibrate: ${parsed}\n\n${usage}\n`);
      return 2;
    }
    const text = new TextDecoder().decode(await io.readFile(parsed.history));
    const history = parseNevHistory(text, parsed.history);
    const reports = calibrateHistory(history, { through: parsed.through, ceilingByRegion: parsed.ceilings });
    if (reports.length === 0) {
      io.err(`reversal-lab calibrate: ${parsed.history} has fewer than 3 usable rows per region up to ${parsed.through ?? 'the last year'}\n`);
      return 1;
    }
    const picked = pickHistory(history);
    const through = Math.max(...reports.map((r) => r.through));
    const regions = reports.map((r) => {
      const region = REGIONS.find((x) => x.key === r.region)!;
      const { p, q, tau, m } = r.params;
      const projection = [];
      for (let year = r.through + 1; year <= DEFAULT_LAST_YEAR; year++) {
        const observed = picked.find((h) => h.region === region.name && h.year === year);
        projection.push({ year, share: m * bassF(year - tau, p, q), ...(observed ? { observed: observed.sharePct / 100 } : {}) });
      }
      return { ...r, label: region.label, projection };
    });

    const lines = [`Bass fit on ${parsed.history}, rows up to ${parsed.through ?? through} (ceilings m fixed: scenario inputs)`, ''];
    lines.push(`${'region'.padEnd(15)}${'n'.padStart(3)}${'p'.padStart(10)}${'q'.padStart(8)}${'tau'.padStart(9)}${'m'.padStart(7)}${'RMSE pp'.padStart(9)}`);
    for (const r of regions)
      lines.push(
        `${r.label.padEnd(15)}${String(r.n).padStart(3)}${r.params.p.toExponential(2).padStart(10)}${r.params.q.toFixed(3).padStart(8)}` +
          `${r.params.tau.toFixed(2).padStart(9)}${r.params.m.toFixed(2).padStart(7)}${r.rmsePp.toFixed(2).padStart(9)}`,
      );
    lines.push('', 'Projection of the NEV share after the fit (observed in brackets where the file has it):');
    for (const r of regions) {
      const shown = r.projection.filter((x) => x.observed !== undefined || x.year % 5 === 0 || x.year === r.through + 1);
      lines.push(`  ${r.label.padEnd(15)}${shown.map((x) => `${x.year} ${pct(x.share)}${x.observed !== undefined ? ` [${pct(x.observed)}]` : ''}`).join('  ')}`);
    }
    io.out(lines.join('\n') + '\n');
    if (parsed.json) {
      const json = {
        format: 'reversal-lab/calibrate@1',
        history: parsed.history,
        through: parsed.through ?? through,
        regions: regions.map(({ region, label, model, params, rmsePp, n, through: t, projection }) => ({
          region, label, model, params, rmsePp, n, through: t, projection,
        })),
      };
      await io.writeFile(parsed.json, JSON.stringify(json, null, 2) + '\n');
      io.out(`Wrote ${parsed.json}\n`);
    }
    return 0;
  },
};
