/** Pure write plan for a Monte Carlo run: percentiles per output and year, and input rank correlations. */
import { OUTPUTS } from '../../model/outputs';
import { paramById } from '../../model/params';
import { rankCorrelations } from '../../model/sim/sensitivity';
import type { SimulationResult } from '../../model/sim/simulation';
import type { PlanCell, WriteBlock, WritePlan } from '../../workbook/plan';
import type { ChartWrite } from '../../workbook/plan';
import { chartBlocks } from './chartPlan';
import { fanChart, fanStats } from './charts';
import { groupOf } from './scenarioPlan';
import { displayUnit } from '../units';

export const SIMULATION_SHEET = 'Simulation';

/** Outputs kept per trial in the pane's simulation (8 bytes per trial, output and year). */
export const SIMULATION_OUTPUTS = [
  'nev.share.China',
  'nev.share.Europe',
  'nev.share.UnitedStates',
  'nev.share.RestOfWorld',
  'nev.sales.World',
  'nev.chinaShareOfGlobal.domestic',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'exports.chinaSupplyShare.Europe',
  'exports.chinaSupplyShare.NorthAmerica',
  'exports.chinaSupplyShare.RestOfWorld',
  'rnd.optimalChinaShare',
  'rnd.cycleTimeMonths',
  'rnd.npv',
] as const;

const STATS = [
  ['mean', 'Mean'],
  ['p5', 'P5'],
  ['p10', 'P10'],
  ['p50', 'P50'],
  ['p90', 'P90'],
  ['p95', 'P95'],
] as const;

/** The rank correlations the Simulation sheet shows (a streaming run must track them: rankTargets). */
const CORRELATION_TARGETS: { id: string; year: number }[] = [
  { id: 'nev.share.China', year: 2030 },
  { id: 'exports.value.total', year: 2030 },
  { id: 'rnd.npv', year: 2030 },
];

/** The (output, year) cells planSimulation reports rank correlations for, among those simulated. */
export function simulationRankTargets(outputIds: readonly string[], years: readonly number[]): { outputId: string; year: number }[] {
  return CORRELATION_TARGETS.filter((t) => outputIds.includes(t.id) && years.includes(t.year)).map((t) => ({
    outputId: t.id,
    year: t.year,
  }));
}

/** What a pane simulation (SIMULATION_OUTPUTS, 2015-2040) tracks for the sheet when it runs streaming. */
export const SIMULATION_RANK_TARGETS = CORRELATION_TARGETS.filter((t) => (SIMULATION_OUTPUTS as readonly string[]).includes(t.id)).map(
  (t) => ({ outputId: t.id, year: t.year }),
);

const metaOf = (id: string) => OUTPUTS.find((o) => o.id === id) ?? { id, label: id, unit: '' };
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Rows for the pane's summary table: P5/P50/P95 of each reported output in the given years. */
export function simulationRows(result: SimulationResult, years: number[]) {
  return result.stats
    .flatMap((s) => {
      const meta = metaOf(s.id);
      return years
        .map((year) => ({ year, i: s.years.indexOf(year) }))
        .filter(({ i }) => i >= 0)
        .map(({ year, i }) => ({ id: s.id, label: meta.label, unit: meta.unit, year, p5: s.p5[i], p50: s.p50[i], p95: s.p95[i] }));
    })
    .filter((r) => ['nev.share.China', 'nev.chinaShareOfGlobal.chinaMade', 'exports.value.total', 'rnd.cycleTimeMonths'].includes(r.id));
}

export function planSimulation(result: SimulationResult, ctx: { presetLabel: string; datasetVersion: string }): WritePlan {
  const years = result.years;
  const blocks: WriteBlock[] = [
    {
      sheet: SIMULATION_SHEET,
      address: 'A1',
      values: [
        [`Reversal Lab simulation: preset ${ctx.presetLabel}, reference data ${ctx.datasetVersion}`],
        [
          `${result.iterations} trials, ${result.sampling === 'lhs' ? 'Latin Hypercube' : 'plain Monte Carlo'} sampling, seed ${result.seed}` +
            (result.convergence ? `, converged: ${result.converged ? 'yes' : 'no'}` : '') +
            `; sampled inputs: ${result.inputIds.length}`,
        ],
      ],
      headerRows: 1,
    },
  ];
  let row = 4;
  const groups = new Map<string, { title: string; numberFormat: string; rows: PlanCell[][] }>();
  for (const s of result.stats) {
    const meta = metaOf(s.id);
    const g = groupOf(meta.unit, s.id);
    const entry = groups.get(g.key) ?? { title: g.title, numberFormat: g.numberFormat, rows: [] };
    for (const [key, label] of STATS) entry.rows.push([s.id, meta.label, displayUnit(meta.unit), label, ...s[key].map(finite)]);
    groups.set(g.key, entry);
  }
  for (const [key, g] of groups) {
    blocks.push({ sheet: SIMULATION_SHEET, address: `A${row}`, values: [[g.title]], headerRows: 1 });
    blocks.push({
      sheet: SIMULATION_SHEET,
      address: `A${row + 1}`,
      values: [['Output id', 'Output', 'Unit', 'Statistic', ...years.map(String)], ...g.rows],
      columns: [
        { width: 34 },
        { width: 44 },
        { width: 12 },
        { width: 9 },
        ...years.map(() => ({ numberFormat: g.numberFormat, width: 11 })),
      ],
      table: { name: `tblSimulation${key}`, style: 'TableStyleLight9' },
      headerRows: 1,
    });
    row += g.rows.length + 3;
  }
  if (result.inputIds.length > 0 && result.iterations >= 3) {
    // A streaming run has the correlations it tracked (rankTargets); others are left out rather than guessed.
    const tracked = (t: { id: string; year: number }) =>
      result.statistics !== 'streaming' || (result.rankCorrelationsByTarget ?? []).some((c) => c.outputId === t.id && c.year === t.year);
    const targets = CORRELATION_TARGETS.filter((t) => result.outputIds.includes(t.id) && years.includes(t.year) && tracked(t));
    const header: PlanCell[] = ['Input id', 'Input', ...targets.map((t) => `rank corr. with ${t.id} ${t.year}`)];
    const byTarget = targets.map((t) => new Map(rankCorrelations(result, t.id, t.year).map((c) => [c.paramId, c.rho])));
    const rows: PlanCell[][] = result.inputIds.map((id) => [
      id,
      paramById(id)?.label ?? id,
      ...byTarget.map((m) => finite(m.get(id) ?? NaN)),
    ]);
    blocks.push({
      sheet: SIMULATION_SHEET,
      address: `A${row}`,
      values: [['Spearman rank correlation of each sampled input with key outputs']],
      headerRows: 1,
    });
    blocks.push({
      sheet: SIMULATION_SHEET,
      address: `A${row + 1}`,
      values: [header, ...rows],
      columns: [{ width: 34 }, { width: 44 }, ...targets.map(() => ({ numberFormat: '0.00', width: 14 }))],
      table: { name: 'tblSimulationRankCorrelation', style: 'TableStyleLight9' },
      headerRows: 1,
    });
    row += rows.length + 3;
  }
  const charts = simulationCharts(result, row, blocks);
  return { sheets: [{ name: SIMULATION_SHEET, clear: true, freeze: { rows: 0, columns: 4 } }], blocks, charts };
}

/** Outputs that get a fan chart on the Simulation sheet (those the pane's summary table shows). */
export const SIMULATION_CHART_OUTPUTS = [
  'nev.share.China',
  'nev.chinaShareOfGlobal.chinaMade',
  'exports.value.total',
  'rnd.cycleTimeMonths',
] as const;

/** Fan charts (the pane's spec) of the key outputs, each with its data table, below the statistics. */
function simulationCharts(result: SimulationResult, startRow: number, blocks: WriteBlock[]): ChartWrite[] {
  const stats = SIMULATION_CHART_OUTPUTS.flatMap((id) => result.stats.filter((s) => s.id === id));
  if (stats.length === 0 || result.iterations < 1) return [];
  blocks.push({
    sheet: SIMULATION_SHEET,
    address: `A${startRow}`,
    values: [['Fan charts (each drawn from the table beside it)']],
    headerRows: 1,
  });
  let row = startRow + 2;
  const charts: ChartWrite[] = [];
  for (const s of stats) {
    const meta = metaOf(s.id);
    const q = s.extra?.p25 && s.extra?.p75 ? { p25: s.extra.p25, p75: s.extra.p75 } : null;
    const spec = fanChart(fanStats(s, meta, q), result.iterations);
    if (!q) {
      // Without quartiles (a run that did not ask for them) the inner band is P10 to P90: say so.
      for (const series of spec.series) if (series.type === 'band' && series.depth === 'inner') series.label = 'P10 to P90';
      for (const item of spec.legend) if (item.label === 'P25 to P75') item.label = 'P10 to P90';
    }
    const key = s.id.replace(/[^A-Za-z0-9]/g, '_');
    const c = chartBlocks(spec, { sheet: SIMULATION_SHEET, row, name: `RL_chart_fan_${key}`, table: `tblChartFan_${key}` });
    blocks.push(...c.blocks);
    charts.push(c.chart);
    row += c.rows;
  }
  return charts;
}
