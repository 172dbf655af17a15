/**
 * Builds the model's ModelData from validated records (src/data: the shipped CSVs via data/reference, a file
 * given to the CLI or a workbook table via data/tableRecords). Nothing here parses text: the data layer's one
 * parser and the dataset schemas type every value, refuse broken quoting, ragged rows, values that are not
 * numbers and values out of range, naming the file (or table), line and column; nothing is returned partially.
 */
import { readCellRecords, readDelimitedRecords, type TableCell } from '../../data/tableRecords';
import type { DataRecord, DatasetKind } from '../../data/types';
import type { ChinaNevExportPoint, ModelData, NevHistoryPoint, ShareProjection, TariffStep, TradeObservation } from '../../model/data';

/**
 * "Today" for reads the model makes: any source date passes. Source dates are checked when a table is
 * imported; the model reads numbers only, and must not depend on the clock.
 */
const ANY_DAY = '9999-12-31';

/** Columns the NEV block needs in a history table (their cells may be empty where a row has no value). */
export const NEV_HISTORY_COLUMNS = ['ev_sales_total_vehicles', 'ev_sales_share_new_cars_pct'] as const;

/** A number cell; empty -> NaN. */
function num(record: DataRecord, column: string): number {
  const v = record[column];
  return typeof v === 'number' ? v : NaN;
}

function text(record: DataRecord, column: string): string {
  const v = record[column];
  return v === null || v === undefined ? '' : String(v);
}

function source(record: DataRecord): string {
  return [text(record, 'source_publisher'), text(record, 'source_title'), text(record, 'source_url')].filter((s) => s.trim()).join(', ');
}

/** { [key]: value } when value is finite, else {} (optional numeric fields stay absent, not NaN). */
function finiteAs<K extends string>(key: K, value: number): Partial<Record<K, number>> {
  return Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}

/** nev-sales records -> history points (all rows; the model picks one per region-year). */
export function nevHistoryFromRecords(records: readonly DataRecord[]): NevHistoryPoint[] {
  return records.map((r) => {
    const evSales = num(r, 'ev_sales_total_vehicles');
    const sharePct = num(r, 'ev_sales_share_new_cars_pct');
    const implied = num(r, 'total_car_sales_implied_vehicles');
    const bevSales = num(r, 'bev_sales_vehicles');
    return {
      ...finiteAs('bevSales', bevSales),
      region: text(r, 'region'),
      year: num(r, 'year'),
      evSales,
      sharePct,
      totalMarket: Number.isFinite(implied) ? implied : evSales / (sharePct / 100),
      status: text(r, 'status'),
      dataset: text(r, 'dataset'),
    };
  });
}

const DESTINATION_OF: Record<string, TariffStep['destination']> = {
  'European Union': 'Europe',
  'United States': 'North America',
  Canada: 'North America',
  Mexico: 'North America',
};

/** tariffs records -> dated steps; rows without a rate or a date (e.g. the BIS rule, guidance) are skipped. */
export function tariffsFromRecords(records: readonly DataRecord[]): TariffStep[] {
  const steps: TariffStep[] = [];
  for (const r of records) {
    const ratePct = num(r, 'tariff_rate_pct');
    const effectiveDate = text(r, 'effective_date');
    if (!Number.isFinite(ratePct) || effectiveDate === '') continue;
    const endDate = text(r, 'end_or_review_date');
    const company = text(r, 'company_or_group');
    steps.push({
      jurisdiction: text(r, 'jurisdiction'),
      destination: DESTINATION_OF[text(r, 'jurisdiction')] ?? 'Rest of world',
      scope: `${text(r, 'measure')}: ${text(r, 'product_scope')}`,
      ratePct,
      effectiveDate,
      // The EU definitive CVDs carry a 5-year review date, not an expiry: only provisional rows end.
      ...(endDate && /superseded/i.test(text(r, 'status')) ? { endDate } : {}),
      source: source(r),
      ...(company ? { company } : {}),
      ...finiteAs('baseMfnPct', num(r, 'base_mfn_rate_pct')),
      ...finiteAs('previousRatePct', num(r, 'previous_rate_pct')),
    });
  }
  return steps;
}

const fullYear = (r: DataRecord) => /^\d{4}$/.test(text(r, 'period'));

/** exports records -> full-year CAAM NEV exports (partial-year rows and rows without a value are dropped). */
export function chinaNevExportsFromRecords(records: readonly DataRecord[]): ChinaNevExportPoint[] {
  const points: ChinaNevExportPoint[] = [];
  for (const r of records) {
    if (text(r, 'metric') !== 'nev_exports' || !fullYear(r)) continue;
    const units = num(r, 'value_units');
    if (!Number.isFinite(units)) continue; // 2020: "not retrieved"
    points.push({ year: Number(text(r, 'period')), units, status: text(r, 'status'), source: source(r) });
  }
  return points;
}

/** exports records -> every full-calendar-year row with its values (partial-year rows are dropped). */
export function tradeFromRecords(records: readonly DataRecord[]): TradeObservation[] {
  return records.filter(fullYear).map((r) => ({
    metric: text(r, 'metric'),
    year: Number(text(r, 'period')),
    to: text(r, 'geography_to'),
    units: num(r, 'value_units'),
    usdBn: num(r, 'value_usd_bn'),
    eurBn: num(r, 'value_eur_bn'),
    pct: num(r, 'value_pct'),
    status: text(r, 'status'),
    source: source(r),
  }));
}

/** outlooks records -> published outlooks (rows without a share are dropped). */
export function projectionsFromRecords(records: readonly DataRecord[]): ShareProjection[] {
  const out: ShareProjection[] = [];
  for (const r of records) {
    const sharePct = num(r, 'ev_sales_share_new_cars_pct');
    if (!Number.isFinite(sharePct)) continue;
    out.push({ region: text(r, 'region'), year: num(r, 'year'), scenario: text(r, 'scenario'), sharePct, source: source(r) });
  }
  return out;
}

/** The records ModelData is built from, by dataset kind. */
export type ModelRecords = { 'nev-sales': readonly DataRecord[]; tariffs: readonly DataRecord[] } & Partial<
  Record<Extract<DatasetKind, 'exports' | 'outlooks'>, readonly DataRecord[]>
>;

/**
 * ModelData from validated records. modelling_parameters.csv is not read: its values are compiled into
 * src/model/params.ts with their citations (tests/data/parameterSources.test.ts keeps them equal).
 * @example modelDataFromRecords({ 'nev-sales': nevRecords, tariffs: tariffRecords }).nevHistory.length // 74 rows before de-duplication
 */
export function modelDataFromRecords(records: ModelRecords): ModelData {
  return {
    nevHistory: nevHistoryFromRecords(records['nev-sales']),
    tariffs: tariffsFromRecords(records.tariffs),
    chinaNevExports: records.exports ? chinaNevExportsFromRecords(records.exports) : [],
    ...(records.exports ? { trade: tradeFromRecords(records.exports) } : {}),
    ...(records.outlooks ? { projections: projectionsFromRecords(records.outlooks) } : {}),
  };
}

/** NEV history from delimited text in the shape of nev_sales_by_region.csv (e.g. the CLI's --history file). */
export function nevHistoryFromText(csv: string, fileName: string): NevHistoryPoint[] {
  return nevHistoryFromRecords(readDelimitedRecords('nev-sales', csv, fileName, { today: ANY_DAY, needColumns: NEV_HISTORY_COLUMNS }));
}

/** NEV history from a table read from the workbook (header row first), typed cell by cell: no text round trip. */
export function nevHistoryFromCells(cells: readonly (readonly TableCell[])[], where: string): NevHistoryPoint[] {
  return nevHistoryFromRecords(readCellRecords('nev-sales', cells, where, { today: ANY_DAY, needColumns: NEV_HISTORY_COLUMNS }));
}
