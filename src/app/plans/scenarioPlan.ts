/**
 * Pure write plans for model results: the Results sheet (one table per unit, one row per output id,
 * one column per year, a defined name per series), the history fit and the R&D frontier.
 */
import { OUTPUT_BY_ID } from '../../model/outputs';
import type { CalibrationReport, ModelResult } from '../../model/run';
import type { Series } from '../../model/types';
import { columnIndexToLetters, outputIdToName } from '../../workbook/address';
import type { ColumnFormat, PlanCell, WriteBlock, WritePlan } from '../../workbook/plan';
import { chartBlocks } from './chartPlan';
import { exportsChart, frontierChart, nevShareChart, type ChartSpec } from './charts';
import type { ChartWrite } from '../../workbook/plan';
import { displayUnit, excelFormat, formatValue, unitKind, type UnitKind } from '../units';

/** The year of the exports chart on the Results sheet (the pane's default). */
export const RESULTS_EXPORT_YEAR = 2030;

export const RESULTS_SHEET = 'Results';

export interface UnitGroup {
  key: string;
  title: string;
  numberFormat: string;
  /** Unit kinds (src/app/units.ts) whose series go into this group's table. */
  kinds: UnitKind[];
}

/**
 * Series are grouped so that each table carries one number format per year column, and every cell shows
 * its number the way the pane does (shares as %, money in M / bn USD, counts rounded).
 */
const UNIT_GROUPS: UnitGroup[] = [
  {
    key: 'Tariffs',
    title: 'Tariffs and break-even tariffs (%; cells hold fractions, 0.25 = 25 %)',
    numberFormat: excelFormat('fraction'),
    kinds: [],
  },
  { key: 'Shares', title: 'Shares (%; cells hold fractions, 0.25 = 25 %)', numberFormat: excelFormat('fraction'), kinds: ['share'] },
  {
    key: 'Volumes',
    title: 'Volumes (vehicles, units, engineer-years; M = million)',
    numberFormat: excelFormat('vehicles'),
    kinds: ['count', 'engineers'],
  },
  { key: 'Money', title: 'Export values (USD; M = million, bn = billion)', numberFormat: excelFormat('USD'), kinds: ['usd'] },
  { key: 'UnitCost', title: 'Landed cost (USD per unit)', numberFormat: excelFormat('USD per unit'), kinds: ['usdPer'] },
  { key: 'RndMoney', title: 'R&D money (USD m, i.e. millions of USD)', numberFormat: excelFormat('USD m'), kinds: ['usdM', 'usdK'] },
  { key: 'Time', title: 'Time (months)', numberFormat: excelFormat('months'), kinds: ['months'] },
];
const OTHER_GROUP: UnitGroup = { key: 'Other', title: 'Other outputs and derived metrics', numberFormat: excelFormat(''), kinds: [] };

/** The table of a series: tariffs by the output's category (outputs.ts), everything else by its unit. */
export function groupOf(unit: string, id = ''): UnitGroup {
  if (OUTPUT_BY_ID.get(id)?.category === 'tariff') return UNIT_GROUPS[0];
  const kind = unitKind(unit);
  return UNIT_GROUPS.find((g) => g.kinds.includes(kind)) ?? OTHER_GROUP;
}

export interface ResultsContext {
  presetLabel: string;
  datasetVersion: string;
  /** Parameter ids whose value differs from the preset, with the value used. */
  changed: { id: string; label: string; value: number; unit: string }[];
  /** Where the NEV history came from: the workbook's table or the bundled reference. */
  historySource: string;
  /** China cap of the R&D budget (rnd.cap.China), marked on the frontier chart when known. */
  chinaCap?: number;
}

function cleanNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function seriesTable(
  group: UnitGroup,
  series: Series[],
  years: readonly number[],
  startRow: number,
): { title: WriteBlock; table: WriteBlock; rows: number } {
  const header: PlanCell[] = ['Output id', 'Output', 'Unit', ...years.map((y) => String(y))];
  const body: PlanCell[][] = series.map((s) => {
    const byYear = new Map(s.years.map((y, i) => [y, s.values[i]]));
    return [s.id, s.label, displayUnit(s.unit), ...years.map((y) => (byYear.has(y) ? cleanNumber(byYear.get(y) as number) : null))];
  });
  const columns: ColumnFormat[] = [
    { width: 34 },
    { width: 48 },
    { width: 14 },
    ...years.map(() => ({ numberFormat: group.numberFormat, width: 11 })),
  ];
  const lastCol = columnIndexToLetters(3 + years.length - 1);
  return {
    title: { sheet: RESULTS_SHEET, address: `A${startRow}`, values: [[group.title]], headerRows: 1 },
    table: {
      sheet: RESULTS_SHEET,
      address: `A${startRow + 1}`,
      values: [header, ...body],
      columns,
      table: { name: `tblResults${group.key}`, style: 'TableStyleLight9' },
      headerRows: 1,
      names: series.map((s, i) => ({
        name: outputIdToName(s.id),
        address: `D${startRow + 2 + i}:${lastCol}${startRow + 2 + i}`,
        comment: `${s.label} (${s.unit}; shown as ${displayUnit(s.unit)}), ${years[0]}-${years[years.length - 1]}`,
      })),
    },
    rows: 2 + body.length,
  };
}

function calibrationBlock(calibration: CalibrationReport[], startRow: number): WriteBlock[] {
  const header = [
    'Region',
    'Model',
    'Last share',
    'Last change (pp/yr)',
    'Mean change (pp/yr)',
    'Speed limit (pp/yr)',
    'Logistic pace kappa (1/yr)',
    'In-sample RMSE (pp)',
    'Years',
    'History through',
    'At a bound',
  ];
  const rows: PlanCell[][] = calibration.map((c) => [
    c.region,
    c.model,
    cleanNumber(c.params.lastShare ?? NaN),
    cleanNumber(100 * (c.params.lastStep ?? NaN)),
    cleanNumber(100 * (c.params.meanStep ?? NaN)),
    cleanNumber(100 * (c.params.maxStep ?? NaN)),
    cleanNumber(c.params.kappa ?? NaN),
    cleanNumber(c.rmsePp),
    c.n,
    c.through,
    c.atBound.length ? c.atBound.join('; ') : 'none',
  ]);
  return [
    {
      sheet: RESULTS_SHEET,
      address: `A${startRow}`,
      values: [['NEV calibration per region (data only; the projection continues from the last observed year, docs/models.md)']],
      headerRows: 1,
    },
    {
      sheet: RESULTS_SHEET,
      address: `A${startRow + 1}`,
      values: [header, ...rows],
      columns: [
        {},
        {},
        { numberFormat: '0.0%' },
        { numberFormat: '0.00' },
        { numberFormat: '0.00' },
        { numberFormat: '0.00' },
        { numberFormat: '0.000' },
        { numberFormat: '0.00' },
        { numberFormat: '0' },
        { numberFormat: '0' },
        {},
      ],
      table: { name: 'tblCalibration', style: 'TableStyleLight9' },
      headerRows: 1,
    },
  ];
}

function frontierBlock(result: ModelResult, startRow: number): WriteBlock[] {
  const f = result.frontier;
  const rows: PlanCell[][] = f.chinaShare.map((x, i) => [x, cleanNumber(f.npvUsdM[i]), f.feasible[i] ? 'yes' : 'no (caps)']);
  return [
    { sheet: RESULTS_SHEET, address: `A${startRow}`, values: [[`${f.label} (${f.unit})`]], headerRows: 1 },
    {
      sheet: RESULTS_SHEET,
      address: `A${startRow + 1}`,
      values: [['China share of R&D', 'NPV (USD m)', 'Attainable within caps'], ...rows],
      columns: [{ numberFormat: '0%' }, { numberFormat: '#,##0.0' }, {}],
      table: { name: 'tblRndFrontier', style: 'TableStyleLight9' },
      headerRows: 1,
    },
  ];
}

/** The whole Results sheet for one model run, as one plan (written atomically by the adapter). */
export function planScenarioResults(result: ModelResult, ctx: ResultsContext): WritePlan {
  const years = result.series.find((s) => s.years.length > 1)?.years ?? [];
  const changed = ctx.changed.length
    ? ctx.changed.map((c) => `${c.label} = ${formatValue(c.value, c.unit)}`.trim()).join('; ')
    : 'none (preset values)';
  const blocks: WriteBlock[] = [
    {
      sheet: RESULTS_SHEET,
      address: 'A1',
      values: [
        [`Reversal Lab results: preset ${ctx.presetLabel}, reference data ${ctx.datasetVersion}`],
        [`Changed from the preset: ${changed}`],
        [`NEV history: ${ctx.historySource}. Each series row is also a defined name (e.g. ${outputIdToName('nev.share.China')}).`],
        // What the model says about this scenario: the same warnings the pane shows and the CLI prints.
        [result.warnings.length ? `Model notes: ${result.warnings.join(' | ')}` : 'Model notes: none'],
      ],
      headerRows: 1,
    },
  ];
  let row = 5;
  const groups = new Map<string, { group: UnitGroup; series: Series[] }>();
  for (const s of result.series) {
    const g = groupOf(s.unit, s.id);
    const entry = groups.get(g.key) ?? { group: g, series: [] };
    entry.series.push(s);
    groups.set(g.key, entry);
  }
  // Key results first, the long tariff tables last.
  const ordered = [...groups.values()].sort((a, b) => (a.group.key === 'Tariffs' ? 1 : 0) - (b.group.key === 'Tariffs' ? 1 : 0));
  for (const { group, series } of ordered) {
    const t = seriesTable(group, series, years, row);
    blocks.push(t.title, t.table);
    row += t.rows + 1;
  }
  blocks.push(...calibrationBlock(result.calibration, row));
  row += result.calibration.length + 3;
  blocks.push(...frontierBlock(result, row));
  row += result.frontier.chinaShare.length + 3;
  const charts = resultsCharts(result, ctx, row, blocks);
  return {
    sheets: [{ name: RESULTS_SHEET, clear: true, freeze: { rows: 0, columns: 3 } }],
    blocks,
    charts,
  };
}

/** The pane's scenario charts (same specs), each with its data table, below the Results tables. */
function resultsCharts(result: ModelResult, ctx: ResultsContext, startRow: number, blocks: WriteBlock[]): ChartWrite[] {
  const last = (id: string) => {
    const s = result.series.find((x) => x.id === id);
    return s ? s.values[s.values.length - 1] : Number.NaN;
  };
  const specs: { spec: ChartSpec; name: string; table: string }[] = [
    { spec: nevShareChart(result.series, result.calibration, result.baseYear), name: 'RL_chart_nevShare', table: 'tblChartNevShare' },
    { spec: exportsChart(result.series, RESULTS_EXPORT_YEAR), name: 'RL_chart_exports', table: 'tblChartExports' },
    {
      spec: frontierChart(result.frontier, { share: last('rnd.optimalChinaShare'), npvUsdM: last('rnd.npv') }, ctx.chinaCap ?? null),
      name: 'RL_chart_rndFrontier',
      table: 'tblChartRndFrontier',
    },
  ];
  blocks.push({ sheet: RESULTS_SHEET, address: `A${startRow}`, values: [['Charts (each drawn from the table beside it)']], headerRows: 1 });
  let row = startRow + 2;
  const charts: ChartWrite[] = [];
  for (const { spec, name, table } of specs) {
    const c = chartBlocks(spec, { sheet: RESULTS_SHEET, row, name, table });
    blocks.push(...c.blocks);
    charts.push(c.chart);
    row += c.rows;
  }
  return charts;
}
