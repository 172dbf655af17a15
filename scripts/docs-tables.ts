/**
 * Regenerates the generated parts of docs/models.md from the code: the backtest report exactly as
 * `reversal-lab backtest` prints it, the preset comparison and the parameter table. `npm run docs:tables`
 * writes them; tests/docs.test.ts fails when the file is stale. Usage: tsx scripts/docs-tables.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { referenceModelData } from '../src/app/scenario/modelInputs';
import { backtestReport } from '../src/cli/commands/backtest';
import { backtest } from '../src/model/backtest';
import { PARAMS } from '../src/model/params';
import { PRESETS } from '../src/model/presets';
import { runModels } from '../src/model/run';
import type { Distribution } from '../src/model/types';
import { defaultValues } from '../src/model/params';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'models.md');

const dist = (d?: Distribution) =>
  !d ? '' : d.kind === 'triangular' || d.kind === 'pert' ? `${d.kind}(${d.min}, ${d.mode}, ${d.max})` : JSON.stringify(d);
const cell = (s: string) => s.replace(/\|/g, '\\|');

function parameterTable(): string {
  const rows = PARAMS.map(
    (p) =>
      `| \`${p.id}\` | ${p.default} | ${cell(p.unit)} | ${p.min} .. ${p.max} | ${p.role} | ${dist(p.distribution)} | ${cell(p.status)} | ${cell(p.source)} |`,
  );
  return ['| id | default | unit | range | role | distribution | status | source |', '|---|---|---|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

function presetTable(): string {
  const data = referenceModelData();
  const regions = ['China', 'Europe', 'UnitedStates', 'RestOfWorld'];
  const rows = PRESETS.map((preset) => {
    const run = runModels({ ...defaultValues(), ...preset.overrides }, data);
    const share = (r: string, year: number) => {
      const s = run.series.find((x) => x.id === `nev.share.${r}`)!;
      return (100 * s.values[s.years.indexOf(year)]).toFixed(0);
    };
    const total = run.series.find((x) => x.id === 'exports.value.total')!;
    return `| ${preset.label} | ${regions.map((r) => share(r, 2030)).join(' / ')} % | ${regions.map((r) => share(r, 2040)).join(' / ')} % | ${(total.values[total.years.indexOf(2030)] / 1e9).toFixed(1)} bn USD |`;
  });
  return [
    '| preset | NEV share 2030 (China / Europe / US / RoW) | NEV share 2040 | component exports 2030 |',
    '|---|---|---|---|',
    ...rows,
    '',
    'IEA STEPS 2030 (GEVO 2024): 68 / 60 / 55 / 14 %; IEA GEVO 2025 STEPS 2030: China about 80 %, Europe about 60 %, US "more slowly"; BNEF EVO 2025 (2030): 80 / 52 / 27 % (ev_share_projections.csv).',
  ].join('\n');
}

/** The three generated sections, keyed by marker name. */
export function generatedSections(): Record<string, string> {
  const data = referenceModelData();
  return {
    backtest: ['```text', backtestReport(backtest(data), 'the bundled history (nev_sales_by_region.csv)'), '```'].join('\n'),
    presets: presetTable(),
    parameters: parameterTable(),
  };
}

/** docs/models.md with every generated section replaced. */
export function renderModelsDoc(text: string): string {
  let out = text;
  for (const [name, body] of Object.entries(generatedSections())) {
    const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(out)) throw new Error(`docs/models.md has no <!-- ${name}:start --> ... <!-- ${name}:end --> markers`);
    out = out.replace(pattern, `$1\n${body}\n$2`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const current = readFileSync(file, 'utf8');
  const next = renderModelsDoc(current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('docs/models.md is stale: run npm run docs:tables');
      process.exitCode = 1;
    }
  } else writeFileSync(file, next);
}
