/**
 * Typed reference data the models run on. Built from the CSV files by src/app/scenario/modelData.ts;
 * nothing here parses text. Region/destination names are the display names of the CSV files.
 */

/** One region-year of electric-car (BEV+PHEV) history (nev_sales_by_region.csv). */
export interface NevHistoryPoint {
  region: string;
  year: number;
  /** Electric-car sales, vehicles. */
  evSales: number;
  /** Battery-electric part of evSales, vehicles, where the row splits BEV and PHEV. */
  bevSales?: number;
  /** Share of new-car sales, percent (0..100). */
  sharePct: number;
  /** Implied new-car market, vehicles (evSales / share); NaN when the row has none. */
  totalMarket: number;
  status: string;
  /** Dataset column of the CSV; used to pick one row per region-year (see pickHistory). */
  dataset?: string;
}

/** One dated step of a tariff schedule (tariffs.csv). ratePct is ad valorem, percent. */
export interface TariffStep {
  jurisdiction: string;
  destination: 'Europe' | 'North America' | 'Rest of world';
  /** "measure: product scope" text; matched by keyword to products in model/tariffs.ts. */
  scope: string;
  ratePct: number;
  /** ISO date (YYYY-MM-DD or YYYY-MM). */
  effectiveDate: string;
  endDate?: string;
  source: string;
  /** Company or group a company-specific rate applies to (EU countervailing duties); absent for general rates. */
  company?: string;
  /** MFN rate the measure stacks on, percent (tariffs.csv base_mfn_rate_pct), where given. */
  baseMfnPct?: number;
  /** Rate of the same measure before effectiveDate, percent (tariffs.csv previous_rate_pct), where given. */
  previousRatePct?: number;
}

/**
 * One full-year figure of china_exports.csv (vehicle exports, EU imports from China, auto-parts exports...):
 * the observations the export block is anchored on or checked against (docs/models.md).
 */
export interface TradeObservation {
  metric: string;
  year: number;
  /** geography_to: World, EU27, Europe, ... */
  to: string;
  /** value_units, value_usd_bn, value_eur_bn, value_pct: NaN where the row has none. */
  units: number;
  usdBn: number;
  eurBn: number;
  pct: number;
  status: string;
  source: string;
}

/** China NEV exports, vehicles per year (china_exports.csv, metric nev_exports, CAAM). */
export interface ChinaNevExportPoint {
  year: number;
  units: number;
  status: string;
  source: string;
}

/** A published outlook of the NEV share (ev_share_projections.csv). */
export interface ShareProjection {
  region: string;
  year: number;
  scenario: string;
  sharePct: number;
  source: string;
}

export interface ModelData {
  nevHistory: NevHistoryPoint[];
  tariffs: TariffStep[];
  /**
   * Full calendar years only; partial-year rows (e.g. 2025-01..2025-10) are dropped by the loader.
   * Optional: without it China's NEV exports are 0 in the history (the run says so) and the projection has no
   * China-made share to continue from.
   */
  chinaNevExports?: ChinaNevExportPoint[];
  /** Optional; used for documentation and preset anchoring checks, not by the kernels. */
  projections?: ShareProjection[];
  /**
   * Optional full-year trade figures of china_exports.csv. The EU-imports rows anchor the Europe share of China's
   * NEV exports; without them the model uses the derived 2023 anchor documented in docs/models.md.
   */
  trade?: TradeObservation[];
}

/**
 * Dataset preference when the CSV holds several rows for one region-year. Lower wins.
 * The IEA GEVO 2024 explorer is the series the 2015-2023 fit is built on; OWID republishes the
 * later IEA edition for 2024-2025; press-release headlines are rounded lower bounds and the
 * Benchmark/Rho Motion tracker uses another definition (cross-check only), so both rank last.
 */
const DATASET_RANK: ReadonlyArray<[RegExp, number]> = [
  [/IEA GEVO 2024 data explorer/i, 0],
  [/OWID/i, 1],
  [/press release/i, 8],
  [/Benchmark|Rho Motion/i, 9],
];

function datasetRank(dataset: string | undefined): number {
  for (const [pattern, rank] of DATASET_RANK) if (pattern.test(dataset ?? '')) return rank;
  return 5;
}

/**
 * Picks exactly one history row per region-year: rows need a finite share and sales; among
 * duplicates the preferred dataset wins (DATASET_RANK), ties keep the first row of the file.
 * @example pickHistory(rows).filter((p) => p.region === 'China').length // 11 (2015..2025)
 */
export function pickHistory(rows: readonly NevHistoryPoint[]): NevHistoryPoint[] {
  const best = new Map<string, NevHistoryPoint>();
  for (const row of rows) {
    if (!Number.isFinite(row.sharePct) || !Number.isFinite(row.evSales) || row.sharePct <= 0) continue;
    const key = `${row.region}|${row.year}`;
    const current = best.get(key);
    if (!current || datasetRank(row.dataset) < datasetRank(current.dataset)) best.set(key, row);
  }
  return [...best.values()].sort((a, b) => (a.region === b.region ? a.year - b.year : a.region < b.region ? -1 : 1));
}
