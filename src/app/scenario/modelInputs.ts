/**
 * The model's inputs as the workbook holds them: the NEV history comes from the workbook's NEV sales table
 * (sheet and table names from the nev-sales schema) when the user has loaded (and maybe edited) it, else from
 * the bundled reference. Both are validated records of the data layer (src/data); no CSV text in between.
 */
import { referenceTable } from '../../data/reference/index';
import { SCHEMAS } from '../../data/schemas';
import type { ModelData } from '../../model/data';
import type { WorkbookPort } from '../../workbook/port';
import type { CellValue } from '../../workbook/plan';
import { parseRange, sheetAddress } from '../../workbook/address';
import { modelDataFromRecords, nevHistoryFromCells } from './modelData';

export const NEV_HISTORY_TABLE = SCHEMAS['nev-sales'].table;
export const NEV_HISTORY_SHEET = SCHEMAS['nev-sales'].sheet;

let referenceData: ModelData | null = null;

/** ModelData from the bundled reference dataset's records (parsed and validated once, by data/reference). */
export function referenceModelData(): ModelData {
  referenceData ??= modelDataFromRecords({
    'nev-sales': referenceTable('nev-sales').records,
    tariffs: referenceTable('tariffs').records,
    exports: referenceTable('exports').records,
    outlooks: referenceTable('outlooks').records,
  });
  return referenceData;
}

/** A cell of a model-input table holds what the model cannot use; `address` names it (sheet!A1). */
export class InputCellError extends Error {
  constructor(
    message: string,
    readonly address: string,
  ) {
    super(message);
    this.name = 'InputCellError';
  }
}

/** Columns of the NEV history that must hold numbers (or be empty). */
const NEV_NUMERIC = [
  'year',
  'ev_sales_total_vehicles',
  'ev_sales_share_new_cars_pct',
  'total_car_sales_implied_vehicles',
  'bev_sales_vehicles',
];

const isNumberLike = (v: CellValue) =>
  v === null ||
  v === '' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && /^\s*([+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)?\s*$/i.test(v));

/** The first cell of a numeric column holding text, as [row, col] in the table (row 0 = header), or null. */
function firstTextCell(table: CellValue[][]): [number, number] | null {
  const header = table[0].map((h) => String(h ?? '').trim());
  const cols = NEV_NUMERIC.map((name) => header.indexOf(name)).filter((c) => c >= 0);
  for (let r = 1; r < table.length; r++) for (const c of cols) if (!isNumberLike(table[r][c] ?? null)) return [r, c];
  return null;
}

export interface ModelInputs {
  data: ModelData;
  /** Human-readable origin of the NEV history, written next to the results. */
  historySource: string;
}

/**
 * Reads the NEV history table from the workbook. A table that cannot be read as NEV history gives
 * an error naming the table and the problem; the model never silently falls back over user data.
 */
export async function readModelInputs(port: WorkbookPort): Promise<ModelInputs> {
  const base = referenceModelData();
  const table = await port.readTable(NEV_HISTORY_TABLE);
  if (!table || table.length < 2) {
    return { data: base, historySource: 'bundled reference (nev_sales_by_region.csv); load the data to edit it in the NEV sales sheet' };
  }
  const bad = firstTextCell(table);
  if (bad) {
    const [r, c] = bad;
    // Only now is the table's place read, to name the cell as Excel does.
    const at = (await port.readSheet(NEV_HISTORY_SHEET))?.tables?.find((t) => t.name.toLowerCase() === NEV_HISTORY_TABLE.toLowerCase());
    const box = at ? parseRange(at.address) : null;
    const address = box
      ? sheetAddress(NEV_HISTORY_SHEET, { top: box.top + r, left: box.left + c, bottom: box.top + r, right: box.left + c }, false)
      : `${NEV_HISTORY_TABLE} row ${r}, column ${c + 1}`;
    const row = table[r];
    const region = row[table[0].indexOf('region')] ?? '';
    const year = row[table[0].indexOf('year')] ?? '';
    throw new InputCellError(
      `The NEV sales table refuses ${address} (column ${String(table[0][c])}${region ? `, ${region}` : ''}${year !== '' ? ` ${year}` : ''}): '${String(row[c])}' is not a number.`,
      address,
    );
  }
  let nevHistory;
  try {
    nevHistory = nevHistoryFromCells(table, `workbook table ${NEV_HISTORY_TABLE}`);
  } catch (error) {
    throw new Error(`The NEV sales table in the workbook cannot be used for the fit: ${(error as Error).message}`, { cause: error });
  }
  return {
    data: { ...base, nevHistory },
    historySource: `workbook table ${NEV_HISTORY_TABLE} (${table.length - 1} rows, sheet ${NEV_HISTORY_SHEET})`,
  };
}
