/**
 * validatePlan: every problem of a WritePlan, found before any adapter writes a cell.
 * Adapters call assertValidPlan first, so a bad plan writes nothing anywhere.
 */
import {
  blockExtent,
  excelNameProblem,
  formatRange,
  parseCell,
  parseRange,
  rangesOverlap,
  sheetNameProblem,
  type RangeRef,
} from './address';
import type { CellValidation, ChartWrite, PlanCell, WriteBlock, WritePlan } from './plan';

/** Hidden sheet holding plan metadata (see docs/workbook.md); plans may not write to it. */
export const META_SHEET = '_rlab_meta';
/** Excel: a cell holds at most 32,767 characters. */
export const MAX_CELL_TEXT = 32_767;

export interface PlanProblem {
  /** Where: "sheet 'NEV'!B5", "block 2 (NEV!A1)", "metadata[3]"... */
  where: string;
  message: string;
}

export class PlanValidationError extends Error {
  readonly problems: PlanProblem[];
  constructor(problems: PlanProblem[]) {
    const head = problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`);
    const more = problems.length > 5 ? ` (+${problems.length - 5} more)` : '';
    super(`Write plan rejected, nothing was written: ${head.join('; ')}${more}`);
    this.name = 'PlanValidationError';
    this.problems = problems;
  }
}

export function isFormulaCell(cell: PlanCell): cell is { formula: string } {
  return typeof cell === 'object' && cell !== null && 'formula' in cell;
}

/** The range a block covers, or null when its address or shape is invalid. */
export function blockRange(block: WriteBlock): RangeRef | null {
  const topLeft = parseCell(block.address);
  if (!topLeft || !Array.isArray(block.values) || block.values.length === 0) return null;
  const cols = Array.isArray(block.values[0]) ? block.values[0].length : 0;
  return blockExtent(topLeft, block.values.length, cols);
}

function cellProblem(cell: PlanCell): string | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? null : `number ${cell} is not finite`;
  if (typeof cell === 'string') return cell.length > MAX_CELL_TEXT ? `text longer than ${MAX_CELL_TEXT} characters` : null;
  if (isFormulaCell(cell)) {
    if (typeof cell.formula !== 'string' || !cell.formula.startsWith('=') || cell.formula.length < 2) {
      return `formula ${JSON.stringify(cell.formula)} must be text starting with "="`;
    }
    return null;
  }
  return `unsupported cell value ${JSON.stringify(cell)}`;
}

function checkBlock(block: WriteBlock, where: string, problems: PlanProblem[]): RangeRef | null {
  const sheetIssue = sheetNameProblem(block.sheet);
  if (sheetIssue) problems.push({ where, message: sheetIssue });
  if (block.sheet === META_SHEET) problems.push({ where, message: `sheet "${META_SHEET}" is reserved for metadata` });
  const topLeft = parseCell(block.address);
  if (!topLeft) {
    problems.push({ where, message: `address "${block.address}" is not a single A1 cell` });
    return null;
  }
  if (!Array.isArray(block.values) || block.values.length === 0 || !Array.isArray(block.values[0]) || block.values[0].length === 0) {
    problems.push({ where, message: 'block has no values (needs at least one row and one column)' });
    return null;
  }
  const width = block.values[0].length;
  let cellIssues = 0;
  block.values.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== width) {
      problems.push({ where, message: `ragged rows: row ${r + 1} has ${Array.isArray(row) ? row.length : 0} cells, row 1 has ${width}` });
      return;
    }
    row.forEach((cell, c) => {
      const issue = cellProblem(cell);
      if (issue && cellIssues++ < 20) {
        const at = formatRange({ top: topLeft.row + r, left: topLeft.col + c, bottom: topLeft.row + r, right: topLeft.col + c });
        problems.push({ where: `${block.sheet}!${at}`, message: issue });
      }
    });
  });
  const range = blockExtent(topLeft, block.values.length, width);
  if (!range) {
    problems.push({ where, message: `block of ${block.values.length}x${width} at ${block.address} runs past the sheet edge` });
    return null;
  }
  if (block.columns && block.columns.length > width) {
    problems.push({ where, message: `${block.columns.length} column formats for ${width} columns` });
  }
  if (
    block.headerRows !== undefined &&
    (!Number.isInteger(block.headerRows) || block.headerRows < 0 || block.headerRows > block.values.length)
  ) {
    problems.push({ where, message: `headerRows ${block.headerRows} is not between 0 and ${block.values.length}` });
  }
  return range;
}

function checkTableHeader(block: WriteBlock, where: string, problems: PlanProblem[]): void {
  const seen = new Set<string>();
  for (const [c, cell] of (block.values[0] ?? []).entries()) {
    if (typeof cell !== 'string' || cell.trim() === '') {
      problems.push({ where, message: `table "${block.table?.name}" header cell ${c + 1} must be non-empty text` });
      continue;
    }
    const key = cell.trim().toLowerCase();
    if (seen.has(key)) problems.push({ where, message: `table "${block.table?.name}" has duplicate header "${cell}"` });
    seen.add(key);
  }
}

/** Excel's limits for data validation prompts (MS-XLSB DValStrings / MS-OI29500 dataValidation). */
export const PROMPT_TITLE_MAX = 32;
export const PROMPT_MESSAGE_MAX = 255;

function checkValidation(v: CellValidation, block: RangeRef | null, where: string, problems: PlanProblem[]): void {
  const box = parseRange(v?.address ?? '');
  if (!box) return void problems.push({ where, message: `validation address "${v?.address}" is not an A1 range` });
  if (block && !(box.top >= block.top && box.bottom <= block.bottom && box.left >= block.left && box.right <= block.right)) {
    problems.push({ where, message: `validation ${v.address} is outside the block (${formatRange(block)})` });
  }
  const { min, max } = v.decimal ?? ({} as CellValidation['decimal']);
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max)
    problems.push({ where, message: `validation range ${min}..${max} must be finite numbers with min <= max` });
  if (typeof v.prompt?.title !== 'string' || v.prompt.title.length > PROMPT_TITLE_MAX)
    problems.push({ where, message: `prompt title must be text of at most ${PROMPT_TITLE_MAX} characters (Excel's limit)` });
  if (typeof v.prompt?.message !== 'string' || v.prompt.message.length > PROMPT_MESSAGE_MAX)
    problems.push({ where, message: `prompt message must be text of at most ${PROMPT_MESSAGE_MAX} characters (Excel's limit)` });
}

/** Lists every problem of the plan; an empty list means adapters may write it. */
export function validatePlan(plan: WritePlan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!plan || !Array.isArray(plan.sheets) || !Array.isArray(plan.blocks)) {
    return [{ where: 'plan', message: 'plan must have "sheets" and "blocks" arrays' }];
  }
  const sheetKeys = new Set<string>();
  plan.sheets.forEach((s, i) => {
    const where = `sheets[${i}] "${s?.name}"`;
    const issue = sheetNameProblem(s?.name);
    if (issue) problems.push({ where, message: issue });
    if (s?.name === META_SHEET) problems.push({ where, message: `sheet "${META_SHEET}" is reserved for metadata` });
    const key = String(s?.name).toLowerCase();
    if (sheetKeys.has(key)) problems.push({ where, message: `sheet "${s.name}" is listed twice` });
    sheetKeys.add(key);
    const f = s?.freeze;
    if (f && !(Number.isInteger(f.rows) && f.rows >= 0 && Number.isInteger(f.columns) && f.columns >= 0)) {
      problems.push({ where, message: 'freeze rows/columns must be whole numbers >= 0' });
    }
  });

  const placed: { sheet: string; range: RangeRef; where: string }[] = [];
  const definedNames = new Map<string, string>(); // lower-case name -> where first seen
  const claimName = (name: string, where: string, kind: string) => {
    const issue = excelNameProblem(name);
    if (issue) {
      problems.push({ where, message: `${kind} ${issue}` });
      return;
    }
    const key = name.toLowerCase();
    const first = definedNames.get(key);
    if (first) problems.push({ where, message: `${kind} "${name}" duplicates a name already used at ${first}` });
    else definedNames.set(key, where);
  };

  plan.blocks.forEach((block, i) => {
    const where = `block ${i + 1} (${block?.sheet}!${block?.address})`;
    if (!block || typeof block.sheet !== 'string') {
      problems.push({ where: `block ${i + 1}`, message: 'block needs a sheet name' });
      return;
    }
    const range = checkBlock(block, where, problems);
    if (range) {
      for (const other of placed) {
        if (other.sheet.toLowerCase() === block.sheet.toLowerCase() && rangesOverlap(other.range, range)) {
          problems.push({
            where,
            message: `overlaps ${other.where} on sheet "${block.sheet}" (${formatRange(range)} vs ${formatRange(other.range)})`,
          });
        }
      }
      placed.push({ sheet: block.sheet, range, where });
    }
    if (block.table) {
      claimName(block.table.name, where, 'table');
      if (range) checkTableHeader(block, where, problems);
    }
    (block.names ?? []).forEach((n, j) => {
      const nWhere = `${where} names[${j}]`;
      claimName(n.name, nWhere, 'named range');
      if (!parseRange(n.address ?? '')) problems.push({ where: nWhere, message: `named range address "${n.address}" is not an A1 range` });
    });
    (block.validations ?? []).forEach((v, j) => checkValidation(v, range, `${where} validations[${j}]`, problems));
  });

  const chartKeys = new Map<string, string>();
  (plan.charts ?? []).forEach((chart, i) => {
    const where = `charts[${i}] "${chart?.name}"`;
    for (const message of chartProblems(chart)) problems.push({ where, message });
    if (!chart || typeof chart.sheet !== 'string') return;
    const key = `${chart.sheet.toLowerCase()}|${String(chart.name).toLowerCase()}`;
    if (chartKeys.has(key))
      problems.push({ where, message: `chart "${chart.name}" is already written at ${chartKeys.get(key)} on sheet "${chart.sheet}"` });
    chartKeys.set(key, where);
    const known =
      sheetKeys.has(chart.sheet.toLowerCase()) || plan.blocks.some((b) => b?.sheet?.toLowerCase() === chart.sheet.toLowerCase());
    if (!known) problems.push({ where, message: `sheet "${chart.sheet}" of the chart is not in the plan` });
  });

  const metaKeys = new Set<string>();
  (plan.metadata ?? []).forEach((m, i) => {
    const where = `metadata[${i}] "${m?.key}"`;
    if (typeof m?.key !== 'string' || m.key.length === 0) problems.push({ where, message: 'metadata key is empty' });
    else if (metaKeys.has(m.key)) problems.push({ where, message: `metadata key "${m.key}" is set twice` });
    else metaKeys.add(m.key);
    if (typeof m?.value !== 'string') problems.push({ where, message: 'metadata value must be text' });
    else if (m.value.length > MAX_CELL_TEXT) problems.push({ where, message: `metadata value longer than ${MAX_CELL_TEXT} characters` });
  });

  if (plan.activate !== undefined) {
    const known =
      sheetKeys.has(plan.activate.toLowerCase()) || plan.blocks.some((b) => b?.sheet?.toLowerCase() === plan.activate!.toLowerCase());
    if (!known) problems.push({ where: 'activate', message: `sheet "${plan.activate}" to activate is not in the plan` });
  }
  return problems;
}

const isLine = (r: RangeRef | null) => r !== null && (r.top === r.bottom || r.left === r.right);

/** What is wrong with one chart of a plan (also used to check a saved workbook's charts). */
export function chartProblems(chart: ChartWrite): string[] {
  if (!chart || typeof chart !== 'object') return ['chart must be an object'];
  const out: string[] = [];
  if (typeof chart.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/.test(chart.name))
    out.push(`chart name ${JSON.stringify(chart.name)} must start with a letter or "_" and hold only letters, digits, "_" and "."`);
  if (typeof chart.sheet !== 'string' || sheetNameProblem(chart.sheet))
    out.push(`chart sheet ${JSON.stringify(chart.sheet)} is not a sheet name`);
  if (chart.type !== 'line' && chart.type !== 'barStacked')
    out.push(`chart type ${JSON.stringify(chart.type)} must be "line" or "barStacked"`);
  if (typeof chart.title !== 'string' || chart.title.trim() === '') out.push('chart needs a title');
  for (const axis of ['categoryAxis', 'valueAxis'] as const) {
    const a = chart[axis];
    if (!a || typeof a.title !== 'string' || a.title.trim() === '') out.push(`${axis} needs a title (with its unit)`);
    else
      for (const end of ['min', 'max'] as const)
        if (a[end] !== undefined && !Number.isFinite(a[end])) out.push(`${axis}.${end} must be a finite number`);
  }
  if (!parseRange(String(chart.position ?? ''))) out.push(`chart position ${JSON.stringify(chart.position)} is not an A1 range`);
  if (!Array.isArray(chart.series) || chart.series.length === 0) out.push('chart needs at least one series');
  else {
    chart.series.forEach((s, j) => {
      const at = `series[${j}]`;
      if (!s || typeof s.name !== 'string' || s.name === '') {
        out.push(`${at} needs a name (the legend entry)`);
        return;
      }
      const values = parseRange(String(s.values ?? ''));
      if (!isLine(values)) out.push(`${at} "${s.name}": values ${JSON.stringify(s.values)} must be one row or one column`);
      if (s.xValues !== undefined) {
        const x = parseRange(String(s.xValues));
        if (!isLine(x)) out.push(`${at} "${s.name}": xValues ${JSON.stringify(s.xValues)} must be one row or one column`);
        else if (x && values && isLine(values)) {
          const n = (r: RangeRef) => Math.max(r.bottom - r.top, r.right - r.left) + 1;
          if (n(x) !== n(values)) out.push(`${at} "${s.name}": ${n(values)} values but ${n(x)} x values`);
        }
      }
      if (!Number.isInteger(s.color) || s.color < 0 || s.color > 7) out.push(`${at} "${s.name}": color must be a palette slot 0..7`);
    });
  }
  return out;
}

/** Throws PlanValidationError (listing where and what) unless the plan is valid. */
export function assertValidPlan(plan: WritePlan): void {
  const problems = validatePlan(plan);
  if (problems.length > 0) throw new PlanValidationError(problems);
}

/** Every sheet a plan touches, in first-mention order (sheets first, then blocks). */
export function planSheetNames(plan: WritePlan): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of [...plan.sheets.map((s) => s.name), ...plan.blocks.map((b) => b.sheet)]) {
    if (!seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      out.push(name);
    }
  }
  return out;
}
