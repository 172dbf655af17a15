import * as React from 'react';
import type { ChartPoint, ChartSpec, LineSeries } from '../../../app/plans/charts';
import { formatValue, grouped, unitKind } from '../../../app/units';
import type { ChartLayout, NavItem, PlacedBand, PlacedBarRow, PlacedLine, PlacedMark, Tick } from './Chart.types';

/** Round tick values 1, 2, 2.5 or 5 x 10^k covering [lo, hi] with about `count` intervals. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= hi + step * 1e-9 || ticks.length < 2; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < hi - step * 1e-9) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** Year ticks every 5 years (every 10 when labels would touch), including the first. */
function yearTicks(first: number, last: number, plotWidth: number): number[] {
  const step = (plotWidth / Math.max(1, last - first)) * 5 < 36 ? 10 : 5;
  const ticks: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(y);
  if (ticks[0] !== first && ticks[0] - first >= step / 2) ticks.unshift(first);
  return ticks;
}

/** Approximate width of a tick label in px at the caption font (no DOM measuring: layout stays pure). */
const textWidth = (text: string) => text.length * 6.4;

/** Fewest decimals that show every multiple of `step` exactly (2.5 -> 1, 0.25 -> 2, 5 -> 0). */
function decimalsFor(step: number): number {
  if (!(step > 0)) return 0;
  for (let d = 0; d < 6; d++) if (Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) < 1e-6 * 10 ** d) return d;
  return 6;
}

/**
 * Tick labels with as few decimals as the tick step needs, in the axis unit: 0%, 25%; 0, 25 bn, 50 bn;
 * 0, 5 M, 10 M; years as they are.
 */
export function tickLabels(values: number[], unit: string): string[] {
  if (unit === 'year') return values.map((v) => String(Math.round(v)));
  const step = values.length > 1 ? Math.abs(values[1] - values[0]) : 0;
  const kind = unitKind(unit);
  if (kind === 'share') return values.map((v) => `${grouped(v * 100, decimalsFor(step * 100))}%`);
  const money = kind === 'usd' ? 1 : kind === 'usdM' ? 1e6 : kind === 'usdK' ? 1e3 : 0;
  if (money || kind === 'count') {
    const scale = money || 1;
    const top = Math.max(...values.map((v) => Math.abs(v * scale)));
    const [div, suffix] = top >= 1e9 ? [1e9, ' bn'] : top >= 1e6 ? [1e6, ' M'] : top >= 1e4 && money ? [1e3, ' k'] : [1, ''];
    return values.map((v) => (v === 0 ? '0' : `${grouped((v * scale) / div, decimalsFor((step * scale) / div))}${suffix}`));
  }
  return values.map((v) => grouped(v, decimalsFor(step)));
}

function linePath(points: { px: number; py: number | null }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.py === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.px.toFixed(1)},${p.py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

function bandPath(lower: { px: number; py: number | null }[], upper: { px: number; py: number | null }[]): string {
  // One closed shape per run of years where both ends have a value.
  let d = '';
  let run: number[] = [];
  const flush = () => {
    if (run.length > 1) {
      const top = run.map((i) => `${upper[i].px.toFixed(1)},${(upper[i].py as number).toFixed(1)}`);
      const bottom = [...run].reverse().map((i) => `${lower[i].px.toFixed(1)},${(lower[i].py as number).toFixed(1)}`);
      d += `M${top.join('L')}L${bottom.join('L')}Z`;
    }
    run = [];
  };
  for (let i = 0; i < lower.length; i++) {
    if (lower[i].py === null || upper[i].py === null) flush();
    else run.push(i);
  }
  flush();
  return d;
}

const ROW_LABEL = 16;
const ROW_BAR = 14;
const ROW_GAP = 8;

/**
 * Places a spec in a box `width` px wide: scales, ticks, paths, bars and the items the keyboard moves
 * through. Pure, so it is tested without a browser.
 */
export function layoutChart(spec: ChartSpec, width: number, plotHeight = 180): ChartLayout {
  const narrow = width < 360;
  if (spec.kind === 'tornado' || spec.kind === 'stackedBar') return layoutBars(spec, width);

  const xs: number[] = [];
  const ys: number[] = [];
  const collect = (pts: ChartPoint[]) => pts.forEach((p) => (xs.push(p.x), p.y !== null && ys.push(p.y)));
  for (const s of spec.series) {
    if (s.type === 'line') collect(s.points);
    else {
      collect(s.lower);
      collect(s.upper);
    }
  }
  for (const m of spec.marks) if (m.type === 'point') ys.push(m.y);
  const xMin = spec.x.min ?? Math.min(...xs);
  const xMax = spec.x.max ?? Math.max(...xs);
  const dataLo = ys.length ? Math.min(...ys) : 0;
  const dataHi = ys.length ? Math.max(...ys) : 1;
  const yTickValues = niceTicks(
    spec.y.min !== undefined ? Math.min(spec.y.min, dataLo) : dataLo,
    spec.y.max !== undefined && dataHi > spec.y.max * 0.5 ? spec.y.max : dataHi,
    4,
  );
  const yLo = yTickValues[0];
  const yHi = yTickValues[yTickValues.length - 1];
  const yLabels = tickLabels(yTickValues, spec.y.unit);
  const left = Math.ceil(Math.max(...yLabels.map(textWidth))) + 10;
  const right = 12;
  const top = 8;
  const bottom = 22;
  const plot = { left, top, right: Math.max(left + 40, width - right), bottom: top + plotHeight };
  const sx = (x: number) => plot.left + ((x - xMin) / (xMax - xMin || 1)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - yLo) / (yHi - yLo || 1)) * (plot.bottom - plot.top);
  const xTickValues =
    spec.x.unit === 'year'
      ? yearTicks(xMin, xMax, plot.right - plot.left)
      : niceTicks(xMin, xMax, narrow ? 4 : 5).filter((v) => v >= xMin - 1e-9 && v <= xMax + 1e-9);
  const xLabels = tickLabels(xTickValues, spec.x.unit);
  const xTicks: Tick[] = xTickValues.map((v, i) => ({ value: v, label: xLabels[i], pos: sx(v) }));
  const yTicks: Tick[] = yTickValues.map((v, i) => ({ value: v, label: yLabels[i], pos: sy(v) }));
  const place = (pts: ChartPoint[]) => pts.map((p) => ({ px: sx(p.x), py: p.y === null ? null : sy(p.y) }));

  const lines: PlacedLine[] = [];
  const bands: PlacedBand[] = [];
  for (const s of spec.series) {
    if (s.type === 'band') bands.push({ id: s.id, color: s.color, depth: s.depth, path: bandPath(place(s.lower), place(s.upper)) });
    else {
      const placed = place(s.points);
      lines.push({
        id: s.id,
        color: s.color,
        style: s.style,
        path: linePath(placed),
        markers: s.markers ? placed.flatMap((p) => (p.py === null ? [] : [{ px: p.px, py: p.py }])) : [],
      });
    }
  }
  const marks: PlacedMark[] = spec.marks.flatMap((m): PlacedMark[] => {
    if (m.type === 'xLine') {
      if (m.x < xMin || m.x > xMax) return [];
      const x = sx(m.x);
      const end = x > (plot.left + plot.right) / 2;
      return [
        {
          id: m.id,
          type: 'xLine',
          style: m.style,
          x1: x,
          y1: plot.top,
          x2: x,
          y2: plot.bottom,
          label: m.label,
          labelX: end ? x - 4 : x + 4,
          labelY: plot.top + 10,
          anchor: end ? 'end' : 'start',
        },
      ];
    }
    if (m.type === 'yLine') {
      const y = sy(m.y);
      return [
        {
          id: m.id,
          type: 'yLine',
          style: m.style,
          x1: plot.left,
          y1: y,
          x2: plot.right,
          y2: y,
          label: m.label,
          labelX: plot.right - 4,
          labelY: y - 4,
          anchor: 'end',
        },
      ];
    }
    const x = sx(m.x);
    const y = sy(m.y);
    return [
      { id: m.id, type: 'point', style: 'solid', x1: x, y1: y, x2: x, y2: y, label: m.label, labelX: x, labelY: y - 8, anchor: 'middle' },
    ];
  });
  return { width, height: plot.bottom + bottom, plot, xTicks, yTicks, lines, bands, rows: [], marks, items: xyItems(spec, sx, sy) };
}

function xLabel(spec: ChartSpec, x: number): string {
  return spec.x.unit === 'year' ? String(x) : formatValue(x, spec.x.unit);
}

/** Keyboard items of a year/value chart: each point of each line (fan charts: one item per year). */
function xyItems(spec: ChartSpec, sx: (x: number) => number, sy: (y: number) => number): NavItem[] {
  const items: NavItem[] = [];
  if (spec.kind === 'fan') {
    const median = spec.series.find((s): s is LineSeries => s.type === 'line');
    const bands = spec.series.filter((s) => s.type === 'band');
    median?.points.forEach((p, i) => {
      if (p.y === null) return;
      const details = bands.map((b) => {
        if (b.type !== 'band') return '';
        const lo = b.lower[i]?.y;
        const hi = b.upper[i]?.y;
        return `${b.label}: ${lo === null || lo === undefined ? 'no value' : formatValue(lo, spec.y.unit)} to ${hi === null || hi === undefined ? 'no value' : formatValue(hi, spec.y.unit)}`;
      });
      items.push({
        key: `${median.id}@${p.x}`,
        group: 0,
        px: sx(p.x),
        py: sy(p.y),
        text: `${xLabel(spec, p.x)}: median ${formatValue(p.y, spec.y.unit)}`,
        details,
      });
    });
    return items;
  }
  // Lines of one output (observed + projection) are one group; the joining year is listed once.
  const groups: string[] = [];
  for (const s of spec.series) {
    if (s.type !== 'line') continue;
    const groupKey = s.outputId && spec.kind !== 'frontier' ? s.outputId : s.id;
    if (!groups.includes(groupKey)) groups.push(groupKey);
    const group = groups.indexOf(groupKey);
    for (const p of s.points) {
      if (p.y === null) continue;
      if (items.some((it) => it.group === group && it.key.endsWith(`@${p.x}`))) continue;
      items.push({
        key: `${s.id}@${p.x}`,
        group,
        px: sx(p.x),
        py: sy(p.y),
        text: `${s.label}, ${xLabel(spec, p.x)}: ${formatValue(p.y, spec.y.unit)}`,
        details: p.note ? [p.note] : [],
      });
    }
  }
  for (const m of spec.marks)
    if (m.type === 'point') items.push({ key: m.id, group: groups.length, px: sx(m.x), py: sy(m.y), text: m.label, details: [] });
  return items;
}

function layoutBars(spec: ChartSpec, width: number): ChartLayout {
  const values = spec.bars.flatMap((r) => r.segments.flatMap((s) => [s.from, s.to]));
  for (const m of spec.marks) if (m.type === 'xLine') values.push(m.x);
  let lo = spec.x.min ?? (values.length ? Math.min(...values) : 0);
  let hi = values.length ? Math.max(...values) : 1;
  if (spec.kind === 'tornado') {
    const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 0.01;
    lo -= pad;
    hi += pad;
  }
  const ticks = niceTicks(lo, hi, width < 360 ? 3 : 4);
  const tLo = spec.kind === 'tornado' ? lo : ticks[0];
  const tHi = spec.kind === 'tornado' ? hi : ticks[ticks.length - 1];
  const plot = { left: 4, top: 4, right: width - 16, bottom: 4 + spec.bars.length * (ROW_LABEL + ROW_BAR + ROW_GAP) };
  const sx = (v: number) => plot.left + ((v - tLo) / (tHi - tLo || 1)) * (plot.right - plot.left);
  const room = plot.right - plot.left;
  const fit = (label: string) => {
    if (textWidth(label) <= room) return label;
    const chars = Math.max(4, Math.floor(room / 6.4) - 1);
    return `${label.slice(0, chars).trimEnd()}…`;
  };
  const rows: PlacedBarRow[] = spec.bars.map((r, i) => {
    const y0 = plot.top + i * (ROW_LABEL + ROW_BAR + ROW_GAP);
    const label = fit(r.label);
    return {
      id: r.id,
      label,
      labelY: y0 + ROW_LABEL - 4,
      labelWidth: Math.min(room, textWidth(label)),
      segments: r.segments.map((s) => ({
        id: s.id,
        color: s.color,
        x: sx(s.from),
        y: y0 + ROW_LABEL,
        w: Math.max(1, sx(s.to) - sx(s.from)),
        h: ROW_BAR,
      })),
    };
  });
  const shownTicks = ticks.filter((v) => v >= tLo - 1e-12 && v <= tHi + 1e-12);
  const barLabels = tickLabels(shownTicks, spec.x.unit);
  const xTicks: Tick[] = shownTicks.map((v, i) => ({ value: v, label: barLabels[i], pos: sx(v) }));
  const marks: PlacedMark[] = spec.marks.flatMap((m): PlacedMark[] =>
    m.type === 'xLine'
      ? [
          {
            id: m.id,
            type: 'xLine',
            style: m.style,
            x1: sx(m.x),
            y1: plot.top,
            x2: sx(m.x),
            y2: plot.bottom,
            label: m.label,
            labelX: sx(m.x),
            labelY: plot.top,
            anchor: 'middle',
          },
        ]
      : [],
  );
  const items: NavItem[] = [];
  spec.bars.forEach((r, i) =>
    r.segments.forEach((s, k) => {
      const placed = rows[i].segments[k];
      items.push({
        key: s.id,
        group: i,
        px: placed.x + placed.w / 2,
        py: placed.y,
        text: `${r.label}: ${s.note ?? `${s.label} ${formatValue(s.to - s.from, spec.x.unit)}`}`,
        details: spec.kind === 'tornado' ? [s.label] : [],
      });
    }),
  );
  return { width, height: plot.bottom + 24, plot, xTicks, yTicks: [], lines: [], bands: [], rows, marks, items };
}

/** Moves through items: Left/Right within a group, Up/Down to the neighbouring group, Home/End. */
export function nextItem(items: NavItem[], current: number, key: string): number {
  if (items.length === 0) return -1;
  if (current < 0) return key === 'End' ? items.length - 1 : 0;
  const here = items[current];
  const sameGroup = items.map((it, i) => ({ it, i })).filter(({ it }) => it.group === here.group);
  const pos = sameGroup.findIndex(({ i }) => i === current);
  switch (key) {
    case 'ArrowRight':
      return sameGroup[Math.min(sameGroup.length - 1, pos + 1)].i;
    case 'ArrowLeft':
      return sameGroup[Math.max(0, pos - 1)].i;
    case 'Home':
      return sameGroup[0].i;
    case 'End':
      return sameGroup[sameGroup.length - 1].i;
    case 'ArrowUp':
    case 'ArrowDown': {
      const groups = [...new Set(items.map((it) => it.group))];
      const g = groups.indexOf(here.group) + (key === 'ArrowDown' ? 1 : -1);
      if (g < 0 || g >= groups.length) return current;
      const candidates = items.map((it, i) => ({ it, i })).filter(({ it }) => it.group === groups[g]);
      return candidates.reduce((best, c) => (Math.abs(c.it.px - here.px) < Math.abs(best.it.px - here.px) ? c : best)).i;
    }
    default:
      return current;
  }
}

export interface ChartState {
  boxRef: React.RefObject<HTMLDivElement>;
  layout: ChartLayout;
  active: NavItem | null;
  onKeyDown(e: React.KeyboardEvent): void;
  onPointerMove(e: React.PointerEvent): void;
  onPointerLeave(): void;
  onFocus(): void;
  onBlur(): void;
}

/** Measures the box, lays the chart out, and tracks the point under the pointer or the keyboard. */
export function useChart(spec: ChartSpec, plotHeight: number | undefined, initialWidth: number): ChartState {
  const boxRef = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(initialWidth);
  React.useLayoutEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    const ro = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    ro?.observe(el);
    return () => ro?.disconnect();
  }, []);
  const layout = React.useMemo(() => layoutChart(spec, width, plotHeight), [spec, width, plotHeight]);
  const [index, setIndex] = React.useState(-1);
  const [shown, setShown] = React.useState(false);
  // A new spec (slider moved) keeps the item the person is on when it still exists.
  const activeKey = React.useRef<string | null>(null);
  const resolved =
    index >= 0 && layout.items[index]?.key === activeKey.current ? index : layout.items.findIndex((it) => it.key === activeKey.current);
  const active = shown && resolved >= 0 ? layout.items[resolved] : null;
  const select = (i: number) => {
    setIndex(i);
    activeKey.current = layout.items[i]?.key ?? null;
    setShown(i >= 0);
  };
  return {
    boxRef,
    layout,
    active,
    onKeyDown(e) {
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Escape'].includes(e.key)) return;
      e.preventDefault();
      if (e.key === 'Escape') return setShown(false);
      select(nextItem(layout.items, resolved, e.key));
    },
    onPointerMove(e) {
      const box = boxRef.current?.getBoundingClientRect();
      if (!box || layout.items.length === 0) return;
      const x = e.clientX - box.left;
      const y = e.clientY - box.top;
      let best = 0;
      let bestD = Infinity;
      layout.items.forEach((it, i) => {
        const d = (it.px - x) ** 2 + ((it.py - y) * 0.5) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      if (best !== resolved || !shown) select(best);
    },
    onPointerLeave: () => setShown(false),
    onFocus: () => select(resolved >= 0 ? resolved : 0),
    onBlur: () => setShown(false),
  };
}
