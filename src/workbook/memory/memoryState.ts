/**
 * The in-memory workbook's state, its JSON form and the checked restore of saved JSON.
 * Cells are immutable objects in sparse maps so a state copy is cheap (maps are copied, cells shared).
 */
import { excelNameProblem, formatRange, parseRange, sheetNameProblem, type RangeRef } from '../address';
import type { CellValue, ChartWrite } from '../plan';
import { chartProblems } from '../validate';

export interface MemoryCell {
  readonly value: CellValue;
  readonly formula?: string;
  readonly numberFormat?: string;
  readonly hyperlink?: string;
  readonly bold?: boolean;
  /** Data validation (plan CellValidation): decimal min..max and the input message. */
  readonly validation?: { readonly min: number; readonly max: number; readonly title: string; readonly message: string };
}

export interface MemorySheet {
  name: string;
  /** key = row * 16384 + col (0-based). */
  cells: Map<number, MemoryCell>;
  freeze?: { rows: number; columns: number };
}

export interface MemoryTable {
  name: string;
  sheet: string;
  range: RangeRef;
  style?: string;
}

export interface MemoryName {
  name: string;
  sheet: string;
  range: RangeRef;
  comment?: string;
}

export interface MemoryState {
  sheets: MemorySheet[];
  tables: Map<string, MemoryTable>; // key: lower-case name (Excel names are case-insensitive)
  names: Map<string, MemoryName>;
  metadata: Map<string, string>;
  /** Native charts, key: lower-case "sheet|name"; `id` stays the same while a chart is updated in place. */
  charts: Map<string, MemoryChart>;
  active?: string;
}

export interface MemoryChart {
  id: number;
  chart: ChartWrite;
}

export const chartKey = (sheet: string, name: string) => `${sheet.toLowerCase()}|${name.toLowerCase()}`;

export const COLS = 16_384;
export const cellKey = (row: number, col: number) => row * COLS + col;

export function emptyState(): MemoryState {
  return { sheets: [], tables: new Map(), names: new Map(), metadata: new Map(), charts: new Map() };
}

/** A copy that shares the (immutable) cells; used to roll back a failed apply exactly. */
export function copyState(s: MemoryState): MemoryState {
  return {
    sheets: s.sheets.map((sh) => ({ name: sh.name, cells: new Map(sh.cells), freeze: sh.freeze })),
    tables: new Map(s.tables),
    names: new Map(s.names),
    metadata: new Map(s.metadata),
    charts: new Map(s.charts),
    active: s.active,
  };
}

export const STATE_FORMAT = 'reversal-lab/memory-workbook';
export const STATE_VERSION = 1;

export interface SerializedWorkbook {
  format: typeof STATE_FORMAT;
  version: number;
  sheets: { name: string; freeze?: { rows: number; columns: number }; cells: [number, number, MemoryCell][] }[];
  tables: { name: string; sheet: string; range: string; style?: string }[];
  names: { name: string; sheet: string; range: string; comment?: string }[];
  metadata: Record<string, string>;
  /** Native charts (absent in states saved before charts existed). */
  charts?: ChartWrite[];
  active?: string;
}

export function serializeState(s: MemoryState): SerializedWorkbook {
  return {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    sheets: s.sheets.map((sh) => ({
      name: sh.name,
      ...(sh.freeze ? { freeze: sh.freeze } : {}),
      cells: [...sh.cells.entries()].map(([k, cell]) => [Math.floor(k / COLS), k % COLS, cell]),
    })),
    tables: [...s.tables.values()].map((t) => ({
      name: t.name,
      sheet: t.sheet,
      range: formatRange(t.range),
      ...(t.style ? { style: t.style } : {}),
    })),
    names: [...s.names.values()].map((n) => ({
      name: n.name,
      sheet: n.sheet,
      range: formatRange(n.range),
      ...(n.comment ? { comment: n.comment } : {}),
    })),
    metadata: Object.fromEntries(s.metadata),
    ...(s.charts.size ? { charts: [...s.charts.values()].map((c) => structuredClone(c.chart)) } : {}),
    ...(s.active ? { active: s.active } : {}),
  };
}

export class WorkbookStateError extends Error {
  constructor(path: string, message: string) {
    super(`Saved workbook state is invalid at ${path}: ${message}. The current workbook was not changed.`);
    this.name = 'WorkbookStateError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkCell(raw: unknown, path: string): MemoryCell {
  if (!isObj(raw)) throw new WorkbookStateError(path, 'cell must be an object');
  const v = raw.value;
  if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) {
    throw new WorkbookStateError(path, 'value must be text, a finite number, a boolean or null');
  }
  for (const key of ['formula', 'numberFormat', 'hyperlink'] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== 'string') throw new WorkbookStateError(`${path}.${key}`, 'must be text');
  }
  if (raw.bold !== undefined && typeof raw.bold !== 'boolean') throw new WorkbookStateError(`${path}.bold`, 'must be true or false');
  const cell: { -readonly [K in keyof MemoryCell]: MemoryCell[K] } = { value: v as CellValue };
  if (raw.formula !== undefined) cell.formula = raw.formula as string;
  if (raw.numberFormat !== undefined) cell.numberFormat = raw.numberFormat as string;
  if (raw.hyperlink !== undefined) cell.hyperlink = raw.hyperlink as string;
  if (raw.bold) cell.bold = true;
  if (raw.validation !== undefined) {
    const v = raw.validation as Record<string, unknown>;
    if (!isObj(v) || !Number.isFinite(v.min) || !Number.isFinite(v.max) || typeof v.title !== 'string' || typeof v.message !== 'string') {
      throw new WorkbookStateError(`${path}.validation`, 'must be { min, max, title, message }');
    }
    cell.validation = { min: v.min as number, max: v.max as number, title: v.title, message: v.message };
  }
  return cell;
}

function checkRef(list: unknown, path: string, sheetKeys: Set<string>, kind: 'table' | 'name') {
  if (!Array.isArray(list)) throw new WorkbookStateError(path, 'must be a list');
  return list.map((raw, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(raw) || typeof raw.name !== 'string' || typeof raw.sheet !== 'string' || typeof raw.range !== 'string') {
      throw new WorkbookStateError(at, `${kind} needs name, sheet and range text`);
    }
    const issue = excelNameProblem(raw.name);
    if (issue) throw new WorkbookStateError(at, issue);
    if (!sheetKeys.has(raw.sheet.toLowerCase())) throw new WorkbookStateError(at, `sheet "${raw.sheet}" does not exist`);
    const range = parseRange(raw.range);
    if (!range) throw new WorkbookStateError(at, `range "${raw.range}" is not an A1 range`);
    const extra = kind === 'table' ? raw.style : raw.comment;
    if (extra !== undefined && typeof extra !== 'string')
      throw new WorkbookStateError(at, `${kind === 'table' ? 'style' : 'comment'} must be text`);
    return { name: raw.name, sheet: raw.sheet, range, extra: extra as string | undefined };
  });
}

/** Parses saved JSON (text or object) into a state; throws WorkbookStateError naming the bad path. */
export function parseState(input: unknown): MemoryState {
  let data: unknown = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new WorkbookStateError('$', `not JSON (${(e as Error).message})`);
    }
  }
  if (!isObj(data) || data.format !== STATE_FORMAT) throw new WorkbookStateError('$.format', `expected "${STATE_FORMAT}"`);
  if (data.version !== STATE_VERSION) throw new WorkbookStateError('$.version', `unsupported version ${String(data.version)}`);
  if (!Array.isArray(data.sheets)) throw new WorkbookStateError('$.sheets', 'must be a list');
  const state = emptyState();
  const sheetKeys = new Set<string>();
  data.sheets.forEach((raw, i) => {
    const at = `$.sheets[${i}]`;
    if (!isObj(raw) || typeof raw.name !== 'string') throw new WorkbookStateError(at, 'sheet needs a name');
    const issue = sheetNameProblem(raw.name);
    if (issue) throw new WorkbookStateError(`${at}.name`, issue);
    if (sheetKeys.has(raw.name.toLowerCase())) throw new WorkbookStateError(`${at}.name`, `sheet "${raw.name}" appears twice`);
    sheetKeys.add(raw.name.toLowerCase());
    if (!Array.isArray(raw.cells)) throw new WorkbookStateError(`${at}.cells`, 'must be a list');
    const cells = new Map<number, MemoryCell>();
    raw.cells.forEach((entry, j) => {
      const cAt = `${at}.cells[${j}]`;
      if (!Array.isArray(entry) || entry.length !== 3) throw new WorkbookStateError(cAt, 'must be [row, col, cell]');
      const [row, col] = entry;
      if (!Number.isInteger(row) || row < 0 || row >= 1_048_576 || !Number.isInteger(col) || col < 0 || col >= COLS) {
        throw new WorkbookStateError(cAt, 'row/col outside the sheet');
      }
      cells.set(cellKey(row, col), checkCell(entry[2], `${cAt}[2]`));
    });
    const f = raw.freeze;
    let freeze: MemorySheet['freeze'];
    if (f !== undefined) {
      if (!isObj(f) || !Number.isInteger(f.rows) || !Number.isInteger(f.columns))
        throw new WorkbookStateError(`${at}.freeze`, 'needs whole rows/columns');
      freeze = { rows: f.rows as number, columns: f.columns as number };
    }
    state.sheets.push({ name: raw.name, cells, freeze });
  });
  for (const t of checkRef(data.tables, '$.tables', sheetKeys, 'table')) {
    state.tables.set(t.name.toLowerCase(), { name: t.name, sheet: t.sheet, range: t.range, style: t.extra });
  }
  for (const n of checkRef(data.names, '$.names', sheetKeys, 'name')) {
    state.names.set(n.name.toLowerCase(), { name: n.name, sheet: n.sheet, range: n.range, comment: n.extra });
  }
  if (!isObj(data.metadata)) throw new WorkbookStateError('$.metadata', 'must be an object');
  for (const [k, v] of Object.entries(data.metadata)) {
    if (typeof v !== 'string') throw new WorkbookStateError(`$.metadata.${k}`, 'must be text');
    state.metadata.set(k, v);
  }
  if (data.charts !== undefined) {
    if (!Array.isArray(data.charts)) throw new WorkbookStateError('$.charts', 'must be a list');
    data.charts.forEach((raw, i) => {
      const at = `$.charts[${i}]`;
      const problems = chartProblems(raw as ChartWrite);
      if (problems.length) throw new WorkbookStateError(at, problems[0]);
      const chart = raw as ChartWrite;
      if (!sheetKeys.has(chart.sheet.toLowerCase())) throw new WorkbookStateError(at, `sheet "${chart.sheet}" does not exist`);
      const key = chartKey(chart.sheet, chart.name);
      if (state.charts.has(key)) throw new WorkbookStateError(at, `chart "${chart.name}" appears twice on sheet "${chart.sheet}"`);
      state.charts.set(key, { id: i + 1, chart: structuredClone(chart) });
    });
  }
  if (data.active !== undefined) {
    if (typeof data.active !== 'string') throw new WorkbookStateError('$.active', 'must be text');
    state.active = data.active;
  }
  return state;
}
