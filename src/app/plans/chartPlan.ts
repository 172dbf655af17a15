/**
 * Native workbook charts from the pane's ChartSpecs (src/app/plans/charts.ts), so the pane and Excel show the same
 * thing: `chartBlocks` writes a spec's data as a small table (the chart's source, kept in a downloaded
 * .xlsx so a person can insert the chart there) and a ChartWrite over that table's ranges; `specFromChart`
 * turns a ChartWrite and the cells it points at back into a ChartSpec for the standalone preview.
 *
 * Excel has no band series, so a fan chart's bands are written as their edges (P5 and P95 dotted, P25 and
 * P75 dashed around the solid median); a floating bar (tornado) is a stacked bar whose first, hidden
 * segment is the bar's start.
 */
import { columnIndexToLetters, formatRange } from '../../workbook/address';
import type { CellValue, ChartSeriesWrite, ChartWrite, ColumnFormat, PlanCell, WriteBlock } from '../../workbook/plan';
import type { BarRow, ChartSpec, ColorSlot, LegendItem, LineSeries, LineStyle } from './charts';
import { excelFormat } from '../units';

/** Rows a chart takes on the sheet at least (the table may be taller). */
export const CHART_ROWS = 20;
/** Columns a chart spans beside its data table. */
export const CHART_COLUMNS = 8;
const BAR_START = 'Bar start (not drawn)';

export interface ChartPlacement {
  sheet: string;
  /** 1-based row of the section title; the table starts one row below. */
  row: number;
  /** Stable key of the chart (Excel chart name), e.g. "RL_chart_nevShare". */
  name: string;
  /** Table name of the chart data, e.g. "tblChartNevShare". */
  table: string;
}

export interface ChartBlocks {
  blocks: WriteBlock[];
  chart: ChartWrite;
  /** Rows the section takes (title, table or chart, one blank row). */
  rows: number;
}

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function niceFloor(v: number, span: number): number {
  if (!(span > 0)) return v;
  const step = 10 ** Math.floor(Math.log10(span)) / 2;
  return Math.floor(v / step) * step;
}

/** The data table and chart of one spec, placed at `at` (table at column A, chart to its right). */
export function chartBlocks(spec: ChartSpec, at: ChartPlacement): ChartBlocks {
  const bars = spec.kind === 'tornado' || spec.kind === 'stackedBar';
  const built = bars ? barTable(spec) : lineTable(spec);
  const first = at.row + 2; // first data row (1-based)
  const last = first + built.rows.length - 1;
  const col = (c: number) => columnIndexToLetters(c);
  const series: ChartSeriesWrite[] = built.series.map((s) => ({
    ...s.write,
    values: `${col(s.column)}${first}:${col(s.column)}${last}`,
    xValues: `A${first}:A${last}`,
  }));
  const width = built.header.length;
  const chartLeft = width + 1;
  const rows = Math.max(built.rows.length + 2, CHART_ROWS);
  const base = spec.marks.find((m) => m.type === 'xLine' && m.id === 'base');
  const chart: ChartWrite = {
    name: at.name,
    sheet: at.sheet,
    type: bars ? 'barStacked' : 'line',
    title: base ? `${spec.title} (${base.label})` : spec.title,
    categoryAxis: bars ? { title: spec.y.title, unit: spec.y.unit } : { title: spec.x.title, unit: spec.x.unit },
    valueAxis: bars
      ? { title: spec.x.title, unit: spec.x.unit, ...built.valueRange }
      : { title: spec.y.title, unit: spec.y.unit, ...built.valueRange },
    ...(bars ? { reverseCategories: true } : {}),
    series,
    position: formatRange({ top: at.row - 1, left: chartLeft, bottom: at.row - 1 + rows - 1, right: chartLeft + CHART_COLUMNS - 1 }),
    summary: spec.summary,
  };
  const blocks: WriteBlock[] = [
    {
      sheet: at.sheet,
      address: `A${at.row}`,
      values: [[`Chart data: ${spec.title} (the chart beside is drawn from this table)`]],
      headerRows: 1,
    },
    {
      sheet: at.sheet,
      address: `A${at.row + 1}`,
      values: [built.header, ...built.rows],
      columns: built.columns,
      table: { name: at.table, style: 'TableStyleLight1' },
      headerRows: 1,
    },
  ];
  return { blocks, chart, rows: rows + 1 };
}

interface Built {
  header: PlanCell[];
  rows: PlanCell[][];
  columns: ColumnFormat[];
  series: { column: number; write: Omit<ChartSeriesWrite, 'values' | 'xValues'> }[];
  valueRange: { min?: number; max?: number };
}

const styleOf = (s: LineStyle): 'solid' | 'dashed' | 'dotted' => s;

/** Line, fan, frontier and comparison specs: x in column A, one column per line (two per band). */
function lineTable(spec: ChartSpec): Built {
  const xs = new Set<number>();
  const cols: { label: string; points: Map<number, number | null>; write: Omit<ChartSeriesWrite, 'values' | 'xValues'> }[] = [];
  const add = (label: string, points: readonly { x: number; y: number | null }[], write: Omit<ChartSeriesWrite, 'values' | 'xValues'>) => {
    for (const p of points) xs.add(p.x);
    cols.push({ label, points: new Map(points.map((p) => [p.x, finite(p.y)])), write });
  };
  // Bands first (drawn behind), then lines, as the pane draws them.
  for (const s of spec.series) {
    if (s.type !== 'band') continue;
    const line = s.depth === 'outer' ? 'dotted' : 'dashed';
    const [lo, hi] = s.label.split(' to ');
    const names = hi ? [lo, hi] : [`${s.label}, low`, `${s.label}, high`];
    add(names[0], s.lower, { name: names[0], color: s.color, line, markers: false });
    add(names[1], s.upper, { name: names[1], color: s.color, line, markers: false });
  }
  for (const s of spec.series) {
    if (s.type !== 'line') continue;
    add(s.label, s.points, { name: s.label, color: s.color, line: styleOf(s.style), markers: s.markers });
  }
  const sorted = [...xs].sort((a, b) => a - b);
  const valueFormat = excelFormat(spec.y.unit);
  return {
    header: [spec.x.title, ...cols.map((c) => c.label)],
    rows: sorted.map((x) => [x, ...cols.map((c) => c.points.get(x) ?? null)]),
    columns: [{ numberFormat: excelFormat(spec.x.unit), width: 14 }, ...cols.map(() => ({ numberFormat: valueFormat, width: 14 }))],
    series: cols.map((c, i) => ({ column: i + 1, write: c.write })),
    valueRange: { ...(spec.y.min !== undefined ? { min: spec.y.min } : {}), ...(spec.y.max !== undefined ? { max: spec.y.max } : {}) },
  };
}

/** Bar specs: one row per bar, the hidden start (when a bar floats) and one column per segment label. */
function barTable(spec: ChartSpec): Built {
  const labels: { label: string; color: ColorSlot }[] = [];
  for (const r of spec.bars)
    for (const s of r.segments) if (!labels.some((l) => l.label === s.label)) labels.push({ label: s.label, color: s.color });
  const start = (r: BarRow) => (r.segments.length ? Math.min(...r.segments.map((s) => s.from)) : 0);
  const floating = spec.bars.some((r) => start(r) !== 0);
  const rows = spec.bars.map((r) => [
    r.label,
    ...(floating ? [finite(start(r))] : []),
    ...labels.map((l) => {
      const segs = r.segments.filter((s) => s.label === l.label);
      return segs.length ? finite(segs.reduce((t, s) => t + (s.to - s.from), 0)) : null;
    }),
  ]);
  const valueFormat = excelFormat(spec.x.unit);
  const offset = floating ? 1 : 0;
  let valueRange: Built['valueRange'] = spec.x.min !== undefined ? { min: spec.x.min } : {};
  if (floating) {
    const lo = Math.min(...spec.bars.map(start));
    const hi = Math.max(...spec.bars.flatMap((r) => r.segments.map((s) => s.to)));
    // Bars start at the axis' minimum: without one Excel draws them from 0 and the swings look tiny.
    if (lo > 0 && Number.isFinite(hi)) valueRange = { min: Math.max(0, niceFloor(lo - 0.05 * (hi - lo), hi - lo)) };
  }
  return {
    header: [spec.y.title, ...(floating ? [BAR_START] : []), ...labels.map((l) => l.label)],
    rows,
    columns: [
      { width: 34 },
      ...(floating ? [{ numberFormat: valueFormat, width: 14 }] : []),
      ...labels.map(() => ({ numberFormat: valueFormat, width: 14 })),
    ],
    series: [
      ...(floating ? [{ column: 1, write: { name: BAR_START, color: 7, hidden: true } }] : []),
      ...labels.map((l, i) => ({ column: 1 + offset + i, write: { name: l.label, color: l.color } })),
    ],
    valueRange,
  };
}

/** Reads a rectangular range of a sheet (values only). */
export type CellReader = (sheet: string, address: string) => CellValue[][] | null;

const flat = (cells: CellValue[][] | null): CellValue[] => (cells ?? []).flat();
const num = (v: CellValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The ChartSpec a workbook chart shows, from the cells its series point at (what Excel would draw), for
 * the standalone preview. Hidden series only move the bars after them.
 */
export function specFromChart(chart: ChartWrite, read: CellReader): ChartSpec {
  const axis = (a: ChartWrite['valueAxis']) => ({
    title: a.title,
    unit: a.unit ?? '',
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
  });
  const legend: LegendItem[] = chart.series
    .filter((s) => !s.hidden)
    .map((s) => ({
      label: s.name,
      color: s.color as ColorSlot,
      swatch: chart.type === 'barStacked' ? 'bar' : s.line && s.line !== 'solid' ? 'dashed' : s.markers ? 'points' : 'line',
    }));
  const base = { id: `sheet:${chart.sheet}:${chart.name}`, title: chart.title, marks: [], legend, summary: chart.summary ?? chart.title };
  if (chart.type === 'line') {
    const series: LineSeries[] = chart.series.map((s, i) => {
      const ys = flat(read(chart.sheet, s.values));
      const xs = s.xValues ? flat(read(chart.sheet, s.xValues)) : ys.map((_, k) => k + 1);
      return {
        type: 'line',
        id: `${chart.name}:${i}`,
        label: s.name,
        color: s.color as ColorSlot,
        style: s.line ?? 'solid',
        markers: s.markers === true,
        points: ys.flatMap((y, k) => {
          const x = num(xs[k]);
          return x === null ? [] : [{ x, y: num(y) }];
        }),
      };
    });
    return { ...base, kind: 'line', x: axis(chart.categoryAxis), y: axis(chart.valueAxis), series, bars: [] };
  }
  const columns = chart.series.map((s) => flat(read(chart.sheet, s.values)));
  const categories = flat(chart.series[0].xValues ? read(chart.sheet, chart.series[0].xValues) : null);
  const count = Math.max(categories.length, ...columns.map((c) => c.length));
  const bars: BarRow[] = [];
  for (let k = 0; k < count; k++) {
    let at = 0;
    const segments: BarRow['segments'] = [];
    chart.series.forEach((s, i) => {
      const v = num(columns[i][k]);
      if (v === null) return;
      if (!s.hidden && v !== 0)
        segments.push({ id: `${chart.name}:${k}:${i}`, label: s.name, color: s.color as ColorSlot, from: at, to: at + v });
      at += v;
    });
    bars.push({ id: `${chart.name}:${k}`, label: String(categories[k] ?? `Row ${k + 1}`), segments });
  }
  return { ...base, kind: 'stackedBar', x: axis(chart.valueAxis), y: axis(chart.categoryAxis), series: [], bars };
}
