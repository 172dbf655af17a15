/**
 * Charts are data: every chart the pane draws is first a ChartSpec (kind, series ids, axis titles with
 * units, legend, reference marks, an accessible summary). The pane renders a spec as SVG; an Excel
 * adapter can render the same spec natively later (series ids are output ids, so each series maps to
 * its RL_<id> row on the Results sheet). Pure: no DOM, no React, no Office.
 *
 * Values the model has no number for (NaN, e.g. R&D outputs before the base year) become `null`: a gap
 * in a line, no bar, "no value" in a summary, never "NaN".
 */
import { DESTINATIONS, PRODUCTS, REGIONS } from '../../model/ids';
import type { OutputStats } from '../../model/sim/simulation';
import { displayUnit, formatValue } from '../units';

export type ChartKind = 'line' | 'fan' | 'frontier' | 'tornado' | 'stackedBar';

export interface ChartAxis {
  /** Axis title with the unit people read, e.g. "NEV share of new-car sales (%)". */
  title: string;
  /** Model unit of the values on this axis (formats ticks and tooltips through src/app/units.ts). */
  unit: string;
  /** Fixed ends when the quantity has natural bounds (shares 0..1); else from the data. */
  min?: number;
  max?: number;
}

export interface ChartPoint {
  x: number;
  y: number | null;
  /** Extra tooltip line, e.g. the calibration error of an observed point. */
  note?: string;
}

/** Palette slot 0..7: each renderer maps it to its own colours (design tokens, Excel theme accents). */
export type ColorSlot = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type LineStyle = 'solid' | 'dashed' | 'dotted';

export interface LineSeries {
  type: 'line';
  /** Unique within the chart, e.g. "nev.share.China:observed". */
  id: string;
  /** The model output the values come from (a Results row), when there is one. */
  outputId?: string;
  label: string;
  color: ColorSlot;
  style: LineStyle;
  markers: boolean;
  points: ChartPoint[];
}

export interface BandSeries {
  type: 'band';
  id: string;
  outputId?: string;
  label: string;
  color: ColorSlot;
  /** 'outer' draws lighter than 'inner'. */
  depth: 'outer' | 'inner';
  lower: ChartPoint[];
  upper: ChartPoint[];
}

export type XYSeries = LineSeries | BandSeries;

/** One horizontal bar row: a range (tornado) or stacked segments (exports by product). */
export interface BarRow {
  id: string;
  label: string;
  segments: { id: string; outputId?: string; label: string; color: ColorSlot; from: number; to: number; note?: string }[];
}

export type ChartMark =
  | { type: 'xLine'; id: string; x: number; label: string; style: LineStyle }
  | { type: 'yLine'; id: string; y: number; label: string; style: LineStyle }
  | { type: 'point'; id: string; x: number; y: number; label: string };

export interface LegendItem {
  label: string;
  color?: ColorSlot;
  /** How the swatch is drawn. */
  swatch: 'line' | 'dashed' | 'points' | 'band' | 'bar' | 'mark';
}

export interface ChartSpec {
  id: string;
  kind: ChartKind;
  title: string;
  x: ChartAxis;
  y: ChartAxis;
  series: XYSeries[];
  bars: BarRow[];
  marks: ChartMark[];
  legend: LegendItem[];
  /** One or two sentences a screen reader hears instead of the picture. */
  summary: string;
}

/** Minimal series shape the builders read (the model's Series, or the pane's instant results). */
export interface ValueSeries {
  id: string;
  label: string;
  unit: string;
  years: readonly number[];
  values: ArrayLike<number>;
}

const finiteOrNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

function valueAt(s: ValueSeries | undefined, year: number): number | null {
  if (!s) return null;
  const i = s.years.indexOf(year);
  return i >= 0 ? finiteOrNull(s.values[i]) : null;
}

const shown = (v: number | null, unit: string) => (v === null ? 'no value' : formatValue(v, unit));
const axisTitle = (name: string, unit: string) => {
  const u = displayUnit(unit);
  return u ? `${name} (${u.startsWith('%') ? '%' : u})` : name;
};

/** Years a chart shows: 2015..2040 by default. */
export interface YearRange {
  first: number;
  last: number;
}

/**
 * NEV share by region over time: observed years solid with points, projections dashed (joined at the
 * last observed year), each observed point's tooltip carrying the region's calibration error.
 */
export function nevShareChart(
  series: readonly ValueSeries[],
  calibration: readonly { region: string; rmsePp: number; through: number }[],
  lastHistoryYear = 2025,
): ChartSpec {
  const byId = new Map(series.map((s) => [s.id, s]));
  const out: LineSeries[] = [];
  const legend: LegendItem[] = [];
  const sentences: string[] = [];
  let years: readonly number[] = [];
  REGIONS.forEach((r, i) => {
    const s = byId.get(`nev.share.${r.key}`);
    if (!s) return;
    years = s.years;
    const fit = calibration.find((c) => c.region === r.key || c.region === r.name || c.region === r.label);
    const through = fit?.through ?? lastHistoryYear;
    const note = fit ? `Fit error of the calibrated curve, ${s.years[0]}-${through}: ${fit.rmsePp.toFixed(2)} pp (RMSE)` : undefined;
    const observed = s.years.flatMap((y, k) => (y <= through ? [{ x: y, y: finiteOrNull(s.values[k]), ...(note ? { note } : {}) }] : []));
    const projected = s.years.flatMap((y, k) => (y >= through ? [{ x: y, y: finiteOrNull(s.values[k]) }] : []));
    const color = i as ColorSlot;
    out.push({
      type: 'line',
      id: `${s.id}:observed`,
      outputId: s.id,
      label: `${r.label}, observed`,
      color,
      style: 'solid',
      markers: true,
      points: observed,
    });
    out.push({
      type: 'line',
      id: `${s.id}:projection`,
      outputId: s.id,
      label: `${r.label}, projection`,
      color,
      style: 'dashed',
      markers: false,
      points: projected,
    });
    legend.push({ label: r.label, color, swatch: 'line' });
    const last = s.years[s.years.length - 1];
    sentences.push(
      `${r.label} ${shown(valueAt(s, through), 'fraction')} in ${through}, ${shown(valueAt(s, 2030), 'fraction')} in 2030, ${shown(valueAt(s, last), 'fraction')} in ${last}`,
    );
  });
  legend.push({ label: 'Observed', swatch: 'points' }, { label: 'Projection', swatch: 'dashed' });
  const first = years[0] ?? 2015;
  const last = years[years.length - 1] ?? 2040;
  return {
    id: 'nev-share',
    kind: 'line',
    title: 'NEV share of new-car sales by region',
    x: { title: 'Year', unit: 'year', min: first, max: last },
    y: { title: axisTitle('Share of new-car sales', 'fraction'), unit: 'fraction', min: 0, max: 1 },
    series: out,
    bars: [],
    marks: [
      { type: 'xLine', id: 'history-end', x: lastHistoryYear, label: `Observed to ${lastHistoryYear}, projected after`, style: 'dotted' },
    ],
    legend,
    summary: `NEV share of new-car sales, ${first}-${last}, observed up to ${lastHistoryYear} and projected after: ${sentences.join('; ')}.`,
  };
}

/** Percentiles of one output per year, as the simulation returns them. */
export interface FanStats {
  id: string;
  label: string;
  unit: string;
  years: readonly number[];
  p5: ArrayLike<number>;
  p25: ArrayLike<number>;
  p50: ArrayLike<number>;
  p75: ArrayLike<number>;
  p95: ArrayLike<number>;
}

/**
 * FanStats of one simulated output: its P25 and P75 when the run kept them, otherwise P10 and P90 in their place
 * (the caller then calls the inner band "P10 to P90").
 */
export function fanStats(
  s: Pick<OutputStats, 'id' | 'years' | 'p5' | 'p10' | 'p50' | 'p90' | 'p95'>,
  meta: { label: string; unit: string },
  quartiles?: { p25: ArrayLike<number>; p75: ArrayLike<number> } | null,
): FanStats {
  return {
    id: s.id,
    label: meta.label,
    unit: meta.unit,
    years: s.years,
    p5: s.p5,
    p25: quartiles?.p25 ?? s.p10,
    p50: s.p50,
    p75: quartiles?.p75 ?? s.p90,
    p95: s.p95,
  };
}

/** Fan chart of a simulated output: P5-P95 and P25-P75 bands around the median line. */
export function fanChart(stats: FanStats, trials: number): ChartSpec {
  const pts = (a: ArrayLike<number>) => stats.years.map((x, i) => ({ x, y: finiteOrNull(a[i]) }));
  const first = stats.years[0];
  const last = stats.years[stats.years.length - 1];
  const at = (a: ArrayLike<number>, year: number) => finiteOrNull(a[stats.years.indexOf(year)]);
  const probe = [2030, last].filter((y, i, all) => stats.years.includes(y) && all.indexOf(y) === i);
  const share = /^(fraction|share)/i.test(stats.unit);
  return {
    id: `fan:${stats.id}`,
    kind: 'fan',
    title: `${stats.label}: simulated range`,
    x: { title: 'Year', unit: 'year', min: first, max: last },
    y: { title: axisTitle(stats.label, stats.unit), unit: stats.unit, ...(share ? { min: 0 } : {}) },
    series: [
      {
        type: 'band',
        id: `${stats.id}:p5-p95`,
        outputId: stats.id,
        label: 'P5 to P95',
        color: 0,
        depth: 'outer',
        lower: pts(stats.p5),
        upper: pts(stats.p95),
      },
      {
        type: 'band',
        id: `${stats.id}:p25-p75`,
        outputId: stats.id,
        label: 'P25 to P75',
        color: 0,
        depth: 'inner',
        lower: pts(stats.p25),
        upper: pts(stats.p75),
      },
      {
        type: 'line',
        id: `${stats.id}:p50`,
        outputId: stats.id,
        label: 'Median (P50)',
        color: 0,
        style: 'solid',
        markers: false,
        points: pts(stats.p50),
      },
    ],
    bars: [],
    marks: [],
    legend: [
      { label: 'Median (P50)', color: 0, swatch: 'line' },
      { label: 'P25 to P75', color: 0, swatch: 'band' },
      { label: 'P5 to P95', color: 0, swatch: 'band' },
    ],
    summary:
      `${stats.label} over ${trials.toLocaleString('en-US')} simulated trials, ${first}-${last}: ` +
      probe
        .map(
          (y) =>
            `in ${y} median ${shown(at(stats.p50, y), stats.unit)}, half of the trials between ${shown(at(stats.p25, y), stats.unit)} and ${shown(at(stats.p75, y), stats.unit)}, 90 % between ${shown(at(stats.p5, y), stats.unit)} and ${shown(at(stats.p95, y), stats.unit)}`,
        )
        .join('; ') +
      '.',
  };
}

export interface TornadoInput {
  paramId: string;
  label: string;
  outputAtLow: number;
  outputAtHigh: number;
  low: number;
  high: number;
  unit?: string;
}

/** Tornado on one shared axis of the output (with its unit) and the base-case line. */
export function tornadoChart(
  output: { id: string; label: string; unit: string },
  year: number,
  base: number,
  bars: readonly TornadoInput[],
): ChartSpec {
  const rows: BarRow[] = [];
  for (const b of bars) {
    const lo = finiteOrNull(b.outputAtLow);
    const hi = finiteOrNull(b.outputAtHigh);
    if (lo === null || hi === null || Math.abs(hi - lo) <= 1e-12 * Math.max(1, Math.abs(base))) continue;
    const rising = hi >= lo;
    const inputs = b.unit ? ` (input ${formatValue(b.low, b.unit)} to ${formatValue(b.high, b.unit)})` : '';
    rows.push({
      id: b.paramId,
      label: b.label,
      segments: [
        {
          id: `${b.paramId}:${rising ? 'rising' : 'falling'}`,
          label: rising ? 'Output rises with the input' : 'Output falls as the input rises',
          color: rising ? 0 : 1,
          from: Math.min(lo, hi),
          to: Math.max(lo, hi),
          note: `low input: ${formatValue(lo, output.unit)}, high input: ${formatValue(hi, output.unit)}${inputs}`,
        },
      ],
    });
  }
  const top = rows.slice(0, 3).map((r) => {
    const s = r.segments[0];
    return `${r.label} (${formatValue(s.from, output.unit)} to ${formatValue(s.to, output.unit)})`;
  });
  const baseValue = finiteOrNull(base);
  return {
    id: `tornado:${output.id}:${year}`,
    kind: 'tornado',
    title: `What moves ${output.label} in ${year}`,
    x: { title: axisTitle(`${output.label}, ${year}`, output.unit), unit: output.unit },
    y: { title: 'Input', unit: '' },
    series: [],
    bars: rows,
    marks:
      baseValue === null
        ? []
        : [{ type: 'xLine', id: 'base', x: baseValue, label: `Base case ${formatValue(baseValue, output.unit)}`, style: 'solid' }],
    legend: [
      { label: 'Output rises with the input', color: 0, swatch: 'bar' },
      { label: 'Output falls as the input rises', color: 1, swatch: 'bar' },
      { label: 'Base case', swatch: 'line' },
    ],
    summary:
      rows.length === 0
        ? `No input moves ${output.label} in ${year}.`
        : `${output.label} in ${year}, base case ${shown(baseValue, output.unit)}. ${rows.length === 1 ? '1 input moves it' : `${rows.length} inputs move it`}; the largest: ${top.join('; ')}.`,
  };
}

export interface FrontierData {
  chinaShare: readonly number[];
  npvUsdM: readonly number[];
  feasible: readonly boolean[];
}

/** R&D frontier: NPV against the China share of the R&D budget, the optimum and the China cap marked. */
export function frontierChart(
  frontier: FrontierData,
  optimum: { share: number; npvUsdM: number } | null,
  chinaCap: number | null,
): ChartSpec {
  const attainable = frontier.chinaShare.map((x, i) => ({ x, y: frontier.feasible[i] ? finiteOrNull(frontier.npvUsdM[i]) : null }));
  const blocked = frontier.chinaShare.map((x, i) => ({ x, y: frontier.feasible[i] ? null : finiteOrNull(frontier.npvUsdM[i]) }));
  // Join the blocked part to the attainable part so the curve reads as one line.
  for (let i = 0; i < blocked.length; i++) {
    if (blocked[i].y === null && frontier.feasible[i] && (frontier.feasible[i + 1] === false || frontier.feasible[i - 1] === false))
      blocked[i].y = attainable[i].y;
  }
  const marks: ChartMark[] = [];
  const opt = optimum && Number.isFinite(optimum.share) && Number.isFinite(optimum.npvUsdM) ? optimum : null;
  if (opt)
    marks.push({
      type: 'point',
      id: 'optimum',
      x: opt.share,
      y: opt.npvUsdM,
      label: `Optimum: ${formatValue(opt.share, 'fraction')} in China, NPV ${formatValue(opt.npvUsdM, 'USD m')}`,
    });
  if (chinaCap !== null && Number.isFinite(chinaCap) && chinaCap < 1)
    marks.push({ type: 'xLine', id: 'cap', x: chinaCap, label: `China cap ${formatValue(chinaCap, 'fraction')}`, style: 'dashed' });
  const hasBlocked = blocked.some((p) => p.y !== null);
  return {
    id: 'rnd-frontier',
    kind: 'frontier',
    title: 'R&D frontier: NPV against the China share of R&D',
    x: { title: axisTitle('China share of the R&D budget', 'fraction'), unit: 'fraction', min: 0, max: 1 },
    y: { title: 'NPV of the R&D footprint (USD)', unit: 'USD m' },
    series: [
      {
        type: 'line',
        id: 'rnd.frontier.npv:attainable',
        outputId: 'rnd.frontier.npv',
        label: 'NPV, attainable within the caps',
        color: 2,
        style: 'solid',
        markers: false,
        points: attainable,
      },
      ...(hasBlocked
        ? [
            {
              type: 'line' as const,
              id: 'rnd.frontier.npv:blocked',
              outputId: 'rnd.frontier.npv',
              label: 'NPV, beyond a cap',
              color: 7 as ColorSlot,
              style: 'dashed' as const,
              markers: false,
              points: blocked,
            },
          ]
        : []),
    ],
    bars: [],
    marks,
    legend: [
      { label: 'NPV within the caps', color: 2, swatch: 'line' },
      ...(hasBlocked ? [{ label: 'Beyond a cap', color: 7 as ColorSlot, swatch: 'dashed' as const }] : []),
      ...(opt ? [{ label: 'Optimum', swatch: 'mark' as const }] : []),
      ...(marks.some((m) => m.id === 'cap') ? [{ label: 'China cap', swatch: 'dashed' as const }] : []),
    ],
    summary: opt
      ? `NPV of the R&D footprint for China shares from 0 % to 100 %. The optimum within the caps is ${formatValue(opt.share, 'fraction')} in China with an NPV of ${formatValue(opt.npvUsdM, 'USD m')}${chinaCap !== null && chinaCap < 1 ? `; the China cap is ${formatValue(chinaCap, 'fraction')}` : ''}.`
      : 'NPV of the R&D footprint for China shares from 0 % to 100 %; the caps cannot hold the whole budget, so there is no optimum.',
  };
}

/** China export value by destination (rows) and product (stacked segments) in one year. */
export function exportsChart(series: readonly ValueSeries[], year: number): ChartSpec {
  const byId = new Map(series.map((s) => [s.id, s]));
  const rows: BarRow[] = DESTINATIONS.map((d) => {
    let at = 0;
    const segments = PRODUCTS.flatMap((p, i) => {
      const id = `exports.value.${p.key}.${d.key}`;
      const v = valueAt(byId.get(id), year);
      if (v === null || v <= 0) return [];
      const seg = {
        id,
        outputId: id,
        label: p.label,
        color: i as ColorSlot,
        from: at,
        to: at + v,
        note: `${p.label} to ${d.label}: ${formatValue(v, 'USD')}`,
      };
      at += v;
      return [seg];
    });
    return { id: d.key, label: d.label, segments };
  });
  const totals = rows.map((r) => ({ label: r.label, total: r.segments.reduce((t, s) => Math.max(t, s.to), 0) }));
  const total = valueAt(byId.get('exports.value.total'), year);
  const biggest = [...totals].sort((a, b) => b.total - a.total)[0];
  return {
    id: `exports:${year}`,
    kind: 'stackedBar',
    title: `China component exports by destination and product, ${year}`,
    x: { title: 'Export value (USD, FOB)', unit: 'USD', min: 0 },
    y: { title: 'Destination', unit: '' },
    series: [],
    bars: rows,
    marks: [],
    legend: PRODUCTS.map((p, i) => ({ label: p.label, color: i as ColorSlot, swatch: 'bar' as const })),
    summary:
      total === null
        ? `China component exports in ${year}: no value for this year.`
        : `China component exports in ${year}: ${formatValue(total, 'USD')} in all; ${totals.map((t) => `${t.label} ${formatValue(t.total, 'USD')}`).join(', ')}${biggest && biggest.total > 0 ? `; the largest destination is ${biggest.label}` : ''}.`,
  };
}

/** One output of several saved scenarios over time, one line each. */
export function comparisonChart(
  output: { id: string; label: string; unit: string },
  scenarios: readonly { name: string; years: readonly number[]; values: ArrayLike<number> }[],
): ChartSpec {
  const share = /^(fraction|share)/i.test(output.unit);
  const years = scenarios[0]?.years ?? [];
  const first = years[0] ?? 2015;
  const last = years[years.length - 1] ?? 2040;
  const styles: LineStyle[] = ['solid', 'dashed', 'dotted'];
  const series: LineSeries[] = scenarios.map((s, i) => ({
    type: 'line',
    id: `${output.id}:${s.name}`,
    outputId: output.id,
    label: s.name,
    color: (i % 8) as ColorSlot,
    style: styles[i % styles.length],
    markers: false,
    points: s.years.map((x, k) => ({ x, y: finiteOrNull(s.values[k]) })),
  }));
  const probe = years.includes(2030) ? 2030 : last;
  return {
    id: `compare:${output.id}`,
    kind: 'line',
    title: `${output.label}: scenarios compared`,
    x: { title: 'Year', unit: 'year', min: first, max: last },
    y: { title: axisTitle(output.label, output.unit), unit: output.unit, ...(share ? { min: 0 } : {}) },
    series,
    bars: [],
    marks: [],
    legend: series.map((s) => ({ label: s.label, color: s.color, swatch: s.style === 'solid' ? ('line' as const) : ('dashed' as const) })),
    summary: `${output.label} in ${probe}: ${scenarios
      .map((s) => `${s.name} ${shown(finiteOrNull(s.values[s.years.indexOf(probe)]), output.unit)}`)
      .join('; ')}.`,
  };
}
