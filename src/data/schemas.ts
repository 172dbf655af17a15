/**
 * One schema per importable kind. Each accepts the exact format of its reference CSV in
 * src/data/reference/ (the canonical names below are those headers), so a user can take a reference
 * file, add rows and import it. Aliases cover common spellings; matching ignores case, spaces and
 * punctuation (see normaliseHeader).
 */
import type { ColumnSpec, DatasetKind, DatasetSchema } from './types';

// Columns every reference file carries to trace a value to where it came from.
const SOURCE_COLUMNS: ColumnSpec[] = [
  { name: 'source_publisher', type: 'text', aliases: ['publisher', 'source'] },
  { name: 'source_title', type: 'text', aliases: ['title'] },
  { name: 'source_url', type: 'url', aliases: ['url', 'link', 'source link'] },
  // Publication date of the source: it cannot lie after "today". Partial ISO (yyyy, yyyy-mm) as in the CSVs.
  { name: 'source_date', type: 'date', aliases: ['published', 'publication date'], notFuture: true },
];

const status = (name: string, aliases: string[] = []): ColumnSpec => ({
  name,
  type: 'text',
  required: true,
  status: true,
  aliases: ['status', 'verification', ...aliases],
});

const PCT_SHARE = { type: 'number' as const, unit: '%', min: 0, max: 100, numberFormat: '0.0' };
const VEHICLES = { type: 'integer' as const, unit: 'vehicles', min: 0, numberFormat: '#,##0' };
// Tariff rates above 100 % exist (US 100 % surtax + 2.5 % MFN = 102.5 %); 1000 % is a typo guard.
const PCT_RATE = { type: 'number' as const, unit: '%', min: 0, max: 1000, numberFormat: '0.0' };
const YEAR = { type: 'year' as const, min: 1900, max: 2100, numberFormat: '0' };

export const SCHEMAS: Record<DatasetKind, DatasetSchema> = {
  suppliers: {
    kind: 'suppliers',
    label: 'Supplier facts',
    sheet: 'Suppliers',
    table: 'tblSuppliers',
    key: ['company', 'attribute', 'as_of'],
    columns: [
      { name: 'company', type: 'text', required: true, aliases: ['supplier', 'company name'] },
      { name: 'hq_country', type: 'text', aliases: ['hq', 'headquarters', 'country'] },
      { name: 'company_type', type: 'text', aliases: ['type', 'group'] },
      { name: 'attribute', type: 'text', required: true, aliases: ['metric', 'fact'] },
      { name: 'value_num', type: 'number', aliases: ['value', 'number'], numberFormat: '#,##0.###' },
      { name: 'value_unit', type: 'text', aliases: ['unit'] },
      { name: 'value_text', type: 'text', aliases: ['text', 'comment'] },
      { name: 'as_of', type: 'text', aliases: ['as of date', 'fiscal year', 'period'] },
      status('verification_status'),
      ...SOURCE_COLUMNS,
    ],
  },
  'nev-sales': {
    kind: 'nev-sales',
    label: 'NEV sales by region',
    sheet: 'NEV sales',
    table: 'tblNevSales',
    // The same region-year appears in several datasets (IEA, OWID, Rho Motion): the dataset is part of the key.
    key: ['region', 'year', 'dataset'],
    columns: [
      { name: 'region', type: 'text', required: true, aliases: ['market', 'geography'] },
      { name: 'year', ...YEAR, required: true },
      { name: 'bev_sales_vehicles', ...VEHICLES, aliases: ['bev sales', 'bev'] },
      { name: 'phev_sales_vehicles', ...VEHICLES, aliases: ['phev sales', 'phev'] },
      { name: 'ev_sales_total_vehicles', ...VEHICLES, aliases: ['ev sales', 'nev sales', 'ev sales total'] },
      { name: 'ev_sales_share_new_cars_pct', ...PCT_SHARE, aliases: ['ev share pct', 'ev share', 'share pct', 'sales share'] },
      { name: 'total_car_sales_implied_vehicles', ...VEHICLES, aliases: ['total car sales', 'car sales'] },
      { name: 'dataset', type: 'text', required: true, aliases: ['series', 'data set'] },
      status('status'),
      { name: 'notes', type: 'text', aliases: ['note', 'comment'] },
      ...SOURCE_COLUMNS,
    ],
  },
  'china-share': {
    kind: 'china-share',
    label: "China's share of global NEV",
    sheet: 'China share',
    table: 'tblChinaShare',
    key: ['period', 'metric', 'source_publisher'],
    columns: [
      { name: 'period', type: 'text', required: true, aliases: ['year'] },
      { name: 'metric', type: 'text', required: true, aliases: ['measure'] },
      { name: 'value_pct', ...PCT_SHARE, required: true, aliases: ['share pct', 'share', 'value'] },
      { name: 'numerator_definition', type: 'text', aliases: ['numerator'] },
      { name: 'denominator_definition', type: 'text', aliases: ['denominator'] },
      { name: 'basis', type: 'text' },
      status('status'),
      ...SOURCE_COLUMNS.map((c) => (c.name === 'source_publisher' ? { ...c, required: true } : c)),
    ],
  },
  exports: {
    kind: 'exports',
    label: 'China vehicle and parts exports',
    sheet: 'Exports',
    table: 'tblExports',
    key: ['period', 'metric', 'geography_from', 'geography_to', 'source_publisher'],
    columns: [
      { name: 'period', type: 'text', required: true, aliases: ['year'] },
      { name: 'period_start', type: 'date', aliases: ['start', 'from date'] },
      { name: 'period_end', type: 'date', aliases: ['end', 'to date'] },
      { name: 'metric', type: 'text', required: true, aliases: ['measure'] },
      { name: 'geography_from', type: 'text', required: true, aliases: ['from', 'origin', 'exporter'] },
      { name: 'geography_to', type: 'text', required: true, aliases: ['to', 'destination', 'importer'] },
      { name: 'value_units', ...VEHICLES, type: 'number', aliases: ['units', 'volume', 'vehicles'] },
      // Growth rates may exceed +100 % but cannot fall below -100 %.
      { name: 'value_yoy_pct', type: 'number', unit: '%', min: -100, numberFormat: '0.0', aliases: ['yoy pct', 'yoy'] },
      { name: 'value_usd_bn', type: 'number', unit: 'USD bn', min: 0, numberFormat: '#,##0.00', aliases: ['value usd bn', 'usd bn'] },
      { name: 'value_eur_bn', type: 'number', unit: 'EUR bn', min: 0, numberFormat: '#,##0.00', aliases: ['value eur bn', 'eur bn'] },
      { name: 'value_pct', ...PCT_SHARE, aliases: ['share pct'] },
      { name: 'definition', type: 'text', aliases: ['definitions'] },
      status('status'),
      ...SOURCE_COLUMNS,
      { name: 'notes', type: 'text', aliases: ['note', 'comment'] },
    ],
  },
  tariffs: {
    kind: 'tariffs',
    label: 'Tariffs on Chinese vehicles and parts',
    sheet: 'Tariffs',
    table: 'tblTariffs',
    // Brazil's phase-in repeats one measure per date: the effective date is part of the key.
    key: ['jurisdiction', 'measure', 'product_scope', 'company_or_group', 'effective_date'],
    columns: [
      { name: 'jurisdiction', type: 'text', required: true, aliases: ['country', 'market'] },
      { name: 'measure', type: 'text', required: true, aliases: ['tariff', 'duty'] },
      { name: 'legal_basis', type: 'text', aliases: ['legal act', 'regulation'] },
      { name: 'product_scope', type: 'text', required: true, aliases: ['scope', 'products'] },
      { name: 'company_or_group', type: 'text', aliases: ['company', 'exporter'] },
      { name: 'tariff_rate_pct', ...PCT_RATE, aliases: ['rate pct', 'tariff rate', 'rate'] },
      { name: 'base_mfn_rate_pct', ...PCT_RATE, aliases: ['mfn rate pct', 'mfn rate'] },
      { name: 'total_rate_incl_mfn_pct', ...PCT_RATE, aliases: ['total rate pct', 'total rate'] },
      { name: 'min_duty_usd_per_vehicle', type: 'number', unit: 'USD', min: 0, numberFormat: '#,##0', aliases: ['min duty usd'] },
      { name: 'quota_vehicles_per_year', ...VEHICLES, aliases: ['quota', 'quota vehicles'] },
      { name: 'previous_rate_pct', ...PCT_RATE, aliases: ['previous rate'] },
      // Effective and review dates may lie in the future (scheduled measures): no notFuture here.
      { name: 'effective_date', type: 'date', aliases: ['effective', 'in force from', 'start date'] },
      { name: 'end_or_review_date', type: 'date', aliases: ['end date', 'review date'] },
      status('status'),
      { name: 'notes', type: 'text', aliases: ['note', 'comment'] },
      ...SOURCE_COLUMNS,
    ],
  },
  outlooks: {
    kind: 'outlooks',
    label: 'Published EV share outlooks',
    sheet: 'Outlooks',
    table: 'tblOutlooks',
    key: ['region', 'year', 'scenario'],
    columns: [
      { name: 'region', type: 'text', required: true, aliases: ['market', 'geography'] },
      { name: 'year', ...YEAR, required: true },
      { name: 'scenario', type: 'text', required: true, aliases: ['case', 'outlook'] },
      { name: 'ev_sales_share_new_cars_pct', ...PCT_SHARE, aliases: ['ev share pct', 'ev share', 'share pct', 'sales share'] },
      { name: 'ev_sales_vehicles', ...VEHICLES, aliases: ['ev sales', 'vehicles'] },
      status('status'),
      { name: 'notes', type: 'text', aliases: ['note', 'comment'] },
      ...SOURCE_COLUMNS,
    ],
  },
  parameters: {
    kind: 'parameters',
    label: 'Modelling parameters (low / central / high)',
    sheet: 'Parameters',
    table: 'tblParameters',
    key: ['model', 'parameter', 'region_or_scope'],
    columns: [
      { name: 'model', type: 'text', required: true },
      { name: 'parameter', type: 'text', required: true, aliases: ['param', 'name'] },
      { name: 'region_or_scope', type: 'text', required: true, aliases: ['region', 'scope'] },
      { name: 'value_low', type: 'number', aliases: ['low'], numberFormat: 'General' },
      { name: 'value_central', type: 'number', aliases: ['central', 'value', 'mid'], numberFormat: 'General' },
      { name: 'value_high', type: 'number', aliases: ['high'], numberFormat: 'General' },
      { name: 'unit', type: 'text', aliases: ['units'] },
      { name: 'year_or_period', type: 'text', aliases: ['year', 'period'] },
      status('status'),
      { name: 'notes', type: 'text', aliases: ['note', 'comment'] },
      ...SOURCE_COLUMNS,
    ],
  },
};

export const DATASET_KINDS = Object.keys(SCHEMAS) as DatasetKind[];

export function isDatasetKind(value: string): value is DatasetKind {
  return Object.prototype.hasOwnProperty.call(SCHEMAS, value);
}

/** Looks a schema up by kind; throws a message listing the known kinds. */
export function schemaFor(kind: string): DatasetSchema {
  if (!isDatasetKind(kind)) {
    throw new Error(`Unknown dataset kind "${kind}". Known kinds: ${DATASET_KINDS.join(', ')}.`);
  }
  return SCHEMAS[kind];
}

/** Header comparison key: lower case, letters and digits only ("EV Share (%)" -> "evshare"). */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
