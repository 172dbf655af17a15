/**
 * Builds the model's ModelData from the reference CSV texts (papaparse). Rows that cannot be read
 * raise one error naming the file, line and column; nothing is returned partially.
 */
import Papa from 'papaparse';
import type { ChinaNevExportPoint, ModelData, NevHistoryPoint, ShareProjection, TariffStep, TradeObservation } from '../model/data';

type Row = Record<string, string>;

function parseCsv(text: string, file: string, required: readonly string[]): Row[] {
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: 'greedy' });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new Error(`${file}: CSV error on row ${(e.row ?? 0) + 2}: ${e.message}`);
  }
  const fields = parsed.meta.fields ?? [];
  const missing = required.filter((c) => !fields.includes(c));
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return parsed.data;
}

/** Empty cell -> NaN; anything else must be a number. `line` is the 1-based line in the file. */
function num(row: Row, column: string, file: string, line: number): number {
  const raw = (row[column] ?? '').trim();
  if (raw === '') return NaN;
  const value = Number(raw);
  if (Number.isFinite(value)) return value;
  if (!Number.isNaN(value) && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw))
    throw new Error(`${file} line ${line}, column ${column}: '${raw}' is too large (beyond +-1.8e308)`);
  throw new Error(`${file} line ${line}, column ${column}: '${raw}' is not a number`);
}

function source(row: Row): string {
  return [row.source_publisher, row.source_title, row.source_url].filter((s) => s && s.trim()).join(', ');
}

/** nev_sales_by_region.csv -> history points (all rows; the model picks one per region-year). */
export function parseNevHistory(text: string, file = 'nev_sales_by_region.csv'): NevHistoryPoint[] {
  const rows = parseCsv(text, file, ['region', 'year', 'ev_sales_total_vehicles', 'ev_sales_share_new_cars_pct', 'status']);
  return rows.map((row, i) => {
    const line = i + 2;
    const year = num(row, 'year', file, line);
    if (!Number.isInteger(year)) throw new Error(`${file} line ${line}, column year: a year is required`);
    const evSales = num(row, 'ev_sales_total_vehicles', file, line);
    const sharePct = num(row, 'ev_sales_share_new_cars_pct', file, line);
    const implied = num(row, 'total_car_sales_implied_vehicles', file, line);
    const bevSales = num(row, 'bev_sales_vehicles', file, line);
    if (sharePct < 0 || sharePct > 100)
      throw new Error(`${file} line ${line}, column ev_sales_share_new_cars_pct: ${sharePct} is outside 0-100 % (region ${row.region}, ${year})`);
    for (const [column, value] of [['ev_sales_total_vehicles', evSales], ['bev_sales_vehicles', bevSales], ['total_car_sales_implied_vehicles', implied]] as const)
      if (value < 0) throw new Error(`${file} line ${line}, column ${column}: ${value} is negative (region ${row.region}, ${year}); counts of vehicles cannot be`);
    return {
      ...(Number.isFinite(bevSales) ? { bevSales } : {}),
      region: row.region.trim(),
      year,
      evSales,
      sharePct,
      totalMarket: Number.isFinite(implied) ? implied : evSales / (sharePct / 100),
      status: row.status ?? '',
      dataset: row.dataset ?? '',
    };
  });
}

const DESTINATION_OF: Record<string, TariffStep['destination']> = {
  'European Union': 'Europe',
  'United States': 'North America',
  Canada: 'North America',
  Mexico: 'North America',
};

/** tariffs.csv -> dated steps; rows without a rate or a date (e.g. the BIS rule, guidance) are skipped. */
export function parseTariffs(text: string, file = 'tariffs.csv'): TariffStep[] {
  const rows = parseCsv(text, file, ['jurisdiction', 'measure', 'product_scope', 'tariff_rate_pct', 'effective_date']);
  const steps: TariffStep[] = [];
  rows.forEach((row, i) => {
    const ratePct = num(row, 'tariff_rate_pct', file, i + 2);
    const effectiveDate = (row.effective_date ?? '').trim();
    if (!Number.isFinite(ratePct) || effectiveDate === '') return;
    const endDate = (row.end_or_review_date ?? '').trim();
    steps.push({
      jurisdiction: row.jurisdiction.trim(),
      destination: DESTINATION_OF[row.jurisdiction.trim()] ?? 'Rest of world',
      scope: `${row.measure}: ${row.product_scope}`,
      ratePct,
      effectiveDate,
      // The EU definitive CVDs carry a 5-year review date, not an expiry: only provisional rows end.
      ...(endDate && /superseded/i.test(row.status ?? '') ? { endDate } : {}),
      source: source(row),
      ...((row.company_or_group ?? '').trim() ? { company: row.company_or_group.trim() } : {}),
      ...finiteAs('baseMfnPct', num(row, 'base_mfn_rate_pct', file, i + 2)),
      ...finiteAs('previousRatePct', num(row, 'previous_rate_pct', file, i + 2)),
    });
  });
  return steps;
}

/** china_exports.csv -> full-year CAAM NEV exports (partial-year rows are dropped). */
export function parseChinaNevExports(text: string, file = 'china_exports.csv'): ChinaNevExportPoint[] {
  const rows = parseCsv(text, file, ['period', 'metric', 'value_units', 'status']);
  const points: ChinaNevExportPoint[] = [];
  rows.forEach((row, i) => {
    if (row.metric !== 'nev_exports' || !/^\d{4}$/.test(row.period.trim())) return;
    const units = num(row, 'value_units', file, i + 2);
    if (!Number.isFinite(units)) return; // 2020: "not retrieved"
    points.push({ year: Number(row.period), units, status: row.status ?? '', source: source(row) });
  });
  return points;
}

/** { [key]: value } when value is finite, else {} (optional numeric fields stay absent, not NaN). */
function finiteAs<K extends string>(key: K, value: number): Partial<Record<K, number>> {
  return Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}

/** china_exports.csv -> every full-calendar-year row with its values (partial-year rows are dropped). */
export function parseTradeObservations(text: string, file = 'china_exports.csv'): TradeObservation[] {
  const rows = parseCsv(text, file, ['period', 'metric', 'geography_to', 'value_units', 'value_usd_bn', 'value_eur_bn', 'value_pct', 'status']);
  const out: TradeObservation[] = [];
  rows.forEach((row, i) => {
    if (!/^\d{4}$/.test(row.period.trim())) return;
    const line = i + 2;
    out.push({
      metric: row.metric.trim(),
      year: Number(row.period),
      to: (row.geography_to ?? '').trim(),
      units: num(row, 'value_units', file, line),
      usdBn: num(row, 'value_usd_bn', file, line),
      eurBn: num(row, 'value_eur_bn', file, line),
      pct: num(row, 'value_pct', file, line),
      status: row.status ?? '',
      source: source(row),
    });
  });
  return out;
}

/** ev_share_projections.csv -> published outlooks (rows without a share are dropped). */
export function parseProjections(text: string, file = 'ev_share_projections.csv'): ShareProjection[] {
  const rows = parseCsv(text, file, ['region', 'year', 'scenario', 'ev_sales_share_new_cars_pct']);
  const out: ShareProjection[] = [];
  rows.forEach((row, i) => {
    const sharePct = num(row, 'ev_sales_share_new_cars_pct', file, i + 2);
    if (!Number.isFinite(sharePct)) return;
    out.push({ region: row.region, year: num(row, 'year', file, i + 2), scenario: row.scenario, sharePct, source: source(row) });
  });
  return out;
}

/**
 * ModelData from the reference CSV texts. `parameters` (modelling_parameters.csv) is accepted for
 * symmetry but not read: its values are compiled into src/model/params.ts with their citations.
 * @example toModelData({ nevSales, tariffs, exports }).nevHistory.length // 74 rows before de-duplication
 */
export function toModelData(csv: { nevSales: string; tariffs: string; parameters?: string; exports?: string; projections?: string }): ModelData {
  return {
    nevHistory: parseNevHistory(csv.nevSales),
    tariffs: parseTariffs(csv.tariffs),
    chinaNevExports: csv.exports ? parseChinaNevExports(csv.exports) : [],
    ...(csv.exports ? { trade: parseTradeObservations(csv.exports) } : {}),
    ...(csv.projections ? { projections: parseProjections(csv.projections) } : {}),
  };
}
