/**
 * The model's inputs as the workbook holds them: the NEV history comes from the workbook's
 * tblNevSales when the user has loaded (and maybe edited) it, else from the bundled reference.
 */
import Papa from 'papaparse';
import type { ModelData } from '../model/data';
import { REFERENCE_FILES } from '../data/reference/index';
import type { CellValue } from '../workbook/plan';
import type { WorkbookPort } from '../workbook/port';
import { parseNevHistory, toModelData } from './modelData';

export const NEV_HISTORY_TABLE = 'tblNevSales';
export const NEV_HISTORY_SHEET = 'NEV sales';

function referenceCsv(file: string): string {
  const entry = REFERENCE_FILES.find((f) => f.file === file);
  if (!entry) throw new Error(`the bundled dataset has no ${file}`);
  return entry.csv;
}

let referenceData: ModelData | null = null;

/** ModelData from the bundled reference CSVs (parsed once). */
export function referenceModelData(): ModelData {
  referenceData ??= toModelData({
    nevSales: referenceCsv('nev_sales_by_region.csv'),
    tariffs: referenceCsv('tariffs.csv'),
    exports: referenceCsv('china_exports.csv'),
    projections: referenceCsv('ev_share_projections.csv'),
  });
  return referenceData;
}

/** Turns a table read from the workbook (header row + rows) back into CSV text for the parser. */
function tableToCsv(table: CellValue[][]): string {
  return Papa.unparse(table.map((row) => row.map((v) => (v === null ? '' : String(v)))));
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
  let nevHistory;
  try {
    nevHistory = parseNevHistory(tableToCsv(table), `workbook table ${NEV_HISTORY_TABLE}`);
  } catch (error) {
    throw new Error(`The NEV sales table in the workbook cannot be used for the fit: ${(error as Error).message}`, { cause: error });
  }
  return { data: { ...base, nevHistory }, historySource: `workbook table ${NEV_HISTORY_TABLE} (${table.length - 1} rows, sheet NEV sales)` };
}
