/**
 * The model's inputs as the workbook holds them: the NEV history comes from the workbook's NEV sales table
 * (sheet and table names from the nev-sales schema) when the user has loaded (and maybe edited) it, else from
 * the bundled reference. Both are validated records of the data layer (src/data); no CSV text in between.
 */
import { referenceTable } from '../data/reference/index';
import { SCHEMAS } from '../data/schemas';
import type { ModelData } from '../model/data';
import type { WorkbookPort } from '../workbook/port';
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
    nevHistory = nevHistoryFromCells(table, `workbook table ${NEV_HISTORY_TABLE}`);
  } catch (error) {
    throw new Error(`The NEV sales table in the workbook cannot be used for the fit: ${(error as Error).message}`);
  }
  return { data: { ...base, nevHistory }, historySource: `workbook table ${NEV_HISTORY_TABLE} (${table.length - 1} rows, sheet ${NEV_HISTORY_SHEET})` };
}
