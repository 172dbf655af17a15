/**
 * Assumption cells bound both ways (issue #9, item 3). The Inputs sheet holds one input cell per model
 * parameter (src/model/params.ts), each a defined name `RL_param.<id>` with Excel data validation from the
 * parameter's range and an input message giving its unit and source. The reference data's own Parameters
 * sheet (tblParameters, modelling_parameters.csv) is data and is never written here.
 *
 * Layout (docs/workbook.md, "Inputs sheet"): a title row, a note, then table tblInputs at A4:
 * Parameter id | Value | Parameter | Unit | Min | Max | Check | Source. Value is the input cell; Check says why
 * a value was refused. Columns A:B are the (parameter id, value) block the RLAB custom functions take as their
 * `overrides` argument (docs/functions.md), so =RLAB.SERIES("nev.share.China",,,Inputs!A4:B200) follows this sheet. The app writes the whole table with every scenario run (the same plan as the Results);
 * a person's edit of a Value cell is read back (readParameterCells), checked, and moves the pane's slider.
 */
import { columnIndexToLetters, outputIdToName, parseRange } from '../../workbook/address';
import type { CellValidation, CellValue, PlanCell, WriteBlock, WritePlan } from '../../workbook/plan';
import type { WorkbookPort } from '../../workbook/port';
import { PARAMS, paramById } from '../../model/params';
import type { ParamMeta } from '../../model/types';
import { formatValue } from '../units';

export const INPUTS_SHEET = 'Inputs';
export const INPUTS_TABLE = 'tblInputs';
/** Top-left cell of tblInputs. */
const TABLE_ROW = 4; // 1-based
const HEADER = ['Parameter id', 'Value', 'Parameter', 'Unit', 'Min', 'Max', 'Check', 'Source'] as const;
const VALUE_COL = 1; // 0-based column of Value in the table (B)

/**
 * The defined name of a parameter's input cell: `RL_param.` + the id with the output-name encoding
 * (address.ts outputIdToName: letters, digits and dots kept, `_` doubled, other characters `_xHHHH_`, names
 * over 255 characters cut and tagged with a hash), so it is deterministic and two ids never share a name.
 * Every id in the registry is letters, digits and dots, so in practice it is `RL_param.<id>`.
 */
export function paramCellName(id: string): string {
  return outputIdToName(id, 'RL_param.');
}

/** A Value cell a person filled with something the model cannot use. */
export interface RefusedCell {
  id: string;
  /** Sheet-qualified A1 address, e.g. Inputs!B7. */
  address: string;
  /** What the cell holds, as read. */
  raw: CellValue;
  /** Why it was refused and what drives the model instead, e.g. "'abc' is not a number". */
  message: string;
}

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

function validationOf(m: ParamMeta, address: string): CellValidation {
  const range = `${formatValue(m.min, m.unit)} to ${formatValue(m.max, m.unit)}`;
  return {
    address,
    decimal: { min: m.min, max: m.max },
    prompt: { title: cut(m.label, 32), message: cut(`Unit: ${m.unit}. Range ${m.min} to ${m.max} (${range}). Source: ${m.source}`, 255) },
  };
}

/**
 * The Inputs sheet for these values. `refused` cells are written back as the person left them, with the
 * reason in Check, so the workbook keeps their input next to the note (the model uses `values`).
 */
export function planParameterInputs(values: Record<string, number>, refused: ReadonlyMap<string, RefusedCell> = new Map()): WritePlan {
  const rows: PlanCell[][] = [[...HEADER]];
  const validations: CellValidation[] = [];
  const names = PARAMS.map((m, i) => {
    const row = TABLE_ROW + 1 + i;
    const bad = refused.get(m.id);
    const value = values[m.id] ?? m.default;
    rows.push([m.id, bad ? bad.raw : value, m.label, m.unit, m.min, m.max, bad ? `${bad.message}; the model uses ${value}` : '', m.source]);
    validations.push(validationOf(m, `B${row}`));
    return { name: paramCellName(m.id), address: `B${row}`, comment: cut(`${m.label} (${m.unit})`, 255) };
  });
  const block: WriteBlock = {
    sheet: INPUTS_SHEET,
    address: `A${TABLE_ROW}`,
    values: rows,
    columns: [{ width: 34 }, { width: 12 }, { width: 48 }, { width: 22 }, { width: 9 }, { width: 9 }, { width: 40 }, { width: 80 }],
    table: { name: INPUTS_TABLE, style: 'TableStyleLight9' },
    headerRows: 1,
    names,
    validations,
  };
  return {
    sheets: [{ name: INPUTS_SHEET, clear: false, freeze: { rows: TABLE_ROW, columns: 2 } }],
    blocks: [
      {
        sheet: INPUTS_SHEET,
        address: 'A1',
        values: [
          ['Reversal Lab scenario inputs: one cell per model parameter (Value column)'],
          [
            'Type a value in the Value column to move the slider in the pane and rerun; each cell is a defined name (RL_param.<id>). The Parameters sheet is the reference data.',
          ],
        ],
        headerRows: 1,
      },
      block,
    ],
  };
}

/** Text a person may leave in a cell Excel formatted as text ("0.9", " 12 "): a plain decimal number. */
function numberOf(raw: CellValue): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw)) return Number(raw);
  return null;
}

export interface ParameterCells {
  /** Valid values read from the Value cells, by parameter id. */
  values: Record<string, number>;
  refused: RefusedCell[];
}

/**
 * Reads the Value cells of tblInputs (located by its header, so columns a person added do not matter);
 * null when the workbook has no Inputs table. Blank, text or out-of-range values are refused with their cell.
 */
export async function readParameterCells(port: WorkbookPort): Promise<ParameterCells | null> {
  const snap = await port.readSheet(INPUTS_SHEET);
  const where = snap?.tables?.find((t) => t.name.toLowerCase() === INPUTS_TABLE.toLowerCase());
  const box = where && parseRange(where.address);
  if (!snap || !box) return null;
  const header = snap.values[box.top]?.slice(box.left, box.right + 1) ?? [];
  const idCol = box.left + header.indexOf(HEADER[0]);
  const valueCol = box.left + header.indexOf(HEADER[VALUE_COL]);
  if (idCol < box.left || valueCol < box.left) return null;
  const values: Record<string, number> = {};
  const refused: RefusedCell[] = [];
  for (let r = box.top + 1; r <= box.bottom; r++) {
    const id = snap.values[r]?.[idCol];
    const m = typeof id === 'string' ? paramById(id) : undefined;
    if (!m) continue;
    const raw = snap.values[r]?.[valueCol] ?? null;
    const address = `${INPUTS_SHEET}!${columnIndexToLetters(valueCol)}${r + 1}`;
    const n = numberOf(raw);
    if (n === null) {
      const shown = raw === null || raw === '' ? 'an empty cell' : `'${String(raw)}'`;
      refused.push({ id: m.id, address, raw, message: `${address} (${m.id}): ${shown} is not a number` });
    } else if (n < m.min || n > m.max) {
      refused.push({ id: m.id, address, raw, message: `${address} (${m.id}): ${n} is outside ${m.min} to ${m.max} (${m.unit})` });
    } else values[m.id] = n;
  }
  return { values, refused };
}

/** Several plans as one (applied atomically by the adapter): sheets and blocks in order, metadata merged. */
export function combinePlans(...plans: WritePlan[]): WritePlan {
  const metadata = plans.flatMap((p) => p.metadata ?? []);
  const charts = plans.flatMap((p) => p.charts ?? []);
  const activate = plans
    .map((p) => p.activate)
    .filter(Boolean)
    .pop();
  return {
    sheets: plans.flatMap((p) => p.sheets),
    blocks: plans.flatMap((p) => p.blocks),
    ...(charts.length ? { charts } : {}),
    ...(metadata.length ? { metadata } : {}),
    ...(activate ? { activate } : {}),
  };
}
