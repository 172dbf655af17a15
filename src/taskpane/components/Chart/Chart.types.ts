import type { ChartSpec, ColorSlot, LineStyle } from '../../../app/plans/charts';

export interface ChartProps {
  spec: ChartSpec;
  /** Height of the plot area for year/value charts, in px (bar charts grow with their rows). */
  plotHeight?: number;
  /** Width used before the container is measured (and in tests, where nothing is measured). */
  initialWidth?: number;
}

/** A point, bar segment or year a person can move to with the arrow keys (and see in the tooltip). */
export interface NavItem {
  key: string;
  /** Navigation group: a series (line charts), a year (fan charts) or a bar row. */
  group: number;
  px: number;
  py: number;
  /** First tooltip line and what a screen reader hears, e.g. "China, 2030: 81.9 %". */
  text: string;
  /** Further tooltip lines (calibration error, bands). */
  details: string[];
}

export interface PlacedLine {
  id: string;
  color: ColorSlot;
  style: LineStyle;
  path: string;
  markers: { px: number; py: number }[];
}

export interface PlacedBand {
  id: string;
  color: ColorSlot;
  depth: 'outer' | 'inner';
  path: string;
}

export interface PlacedBarRow {
  id: string;
  label: string;
  labelY: number;
  /** Estimated width of the label in px: a background of that width keeps lines from crossing the text. */
  labelWidth: number;
  segments: { id: string; color: ColorSlot; x: number; y: number; w: number; h: number }[];
}

export interface PlacedMark {
  id: string;
  type: 'xLine' | 'yLine' | 'point';
  style: LineStyle;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string;
  /** Where the mark's label goes (text anchor). */
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end' | 'middle';
}

export interface Tick {
  value: number;
  label: string;
  pos: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  lines: PlacedLine[];
  bands: PlacedBand[];
  rows: PlacedBarRow[];
  marks: PlacedMark[];
  items: NavItem[];
}
