/**
 * Write plans for datasets: each dataset is a title row (name, version, as-of date) above an Excel
 * table with typed, formatted columns, a hyperlink source column and the status next to its
 * display label. Text that looks like a formula stays text (plan strings are never formulas) and
 * its cells are listed in `formulaLikeCells` so the pane can say so.
 */
import { isFormulaLike } from '../../data/cells';
import type { ReferenceDataset } from '../../data/reference/index';
import { SCHEMAS } from '../../data/schemas';
import { statusLabel } from '../../data/status';
import type { ColumnSpec, DataRecord, DatasetKind, RejectedRow, ValidationResult } from '../../data/types';
import { columnIndexToLetters } from '../../workbook/address';
import type { CellValue, ColumnFormat, MetadataWrite, SheetSpec, WriteBlock, WritePlan } from '../../workbook/plan';
import { TableFingerprinter } from '../datasets/tableFingerprint';
import { describeSource, LINKS_INDEX_KEY, linkKey, type LinkSource, type TableLink } from '../datasets/sources';

export const TITLE_ROW = 1;
/** Tables start on row 3: title on row 1, a blank row between. */
export const TABLE_ROW = 3;
export const REJECTED_SHEET = 'Rejected rows';
export const REJECTED_TABLE = 'tblRejectedRows';
export const SUMMARY_SHEET = 'Suppliers (summary)';
export const SUMMARY_TABLE = 'tblSuppliersSummary';

export interface FlaggedCell {
  sheet: string;
  address: string;
  value: string;
}

export interface DatasetPlan {
  plan: WritePlan;
  /** Cells whose text starts with = + - @, written as text and never as formulas. */
  formulaLikeCells: FlaggedCell[];
}

interface TableInput {
  sheet: string;
  table: string;
  title: string;
  columns: ColumnSpec[];
  records: DataRecord[];
  /** Context for status labels (2025 NEV sales rows are "provisional"). */
  kind?: string;
}

function formatFor(col: ColumnSpec): ColumnFormat {
  switch (col.type) {
    case 'number':
      return { numberFormat: col.numberFormat ?? 'General', width: 12 };
    case 'integer':
      return { numberFormat: col.numberFormat ?? '#,##0', width: 12 };
    case 'year':
      return { numberFormat: '0', width: 8 };
    case 'date':
      // Values are ISO text (partial dates such as "2025-01" exist); the format documents the convention.
      return { numberFormat: 'yyyy-mm-dd', width: 12 };
    case 'url':
      return { numberFormat: '@', width: 40, hyperlink: true };
    default:
      return { numberFormat: '@', width: col.name.includes('note') || col.name.includes('title') ? 40 : 20 };
  }
}

export interface BuiltTable {
  sheet: SheetSpec;
  blocks: WriteBlock[];
  /** tableFingerprint of the table cells as written: stored in the link to detect later edits. */
  fingerprint: string;
}

/**
 * Title block + table block for one dataset; formula-like cells are collected into `flagged`. One pass over the
 * records builds each row as an array of plain values (no object per cell) and feeds the fingerprint.
 */
export function buildTableBlocks(input: TableInput, flagged: FlaggedCell[]): BuiltTable {
  const header: string[] = [];
  const formats: ColumnFormat[] = [];
  for (const col of input.columns) {
    header.push(col.name);
    formats.push(formatFor(col));
    if (col.status) {
      header.push('status_label');
      formats.push({ numberFormat: '@', width: 14 });
    }
  }
  const { columns, records } = input;
  const values: CellValue[][] = new Array(records.length + 1);
  values[0] = header;
  const fingerprint = new TableFingerprinter(columns, header, records.length + 1);
  // Status words repeat: one label per distinct word (and per 2025 NEV row, which is provisional).
  const labels = new Map<string, string>();
  const nevSales = input.kind === 'nev-sales';
  for (let r = 0; r < records.length; r++) {
    const rec = records[r];
    const row: CellValue[] = [];
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c];
      const value = rec[col.name] ?? null;
      if (typeof value === 'string' && isFormulaLike(value)) {
        flagged.push({ sheet: input.sheet, address: `${columnIndexToLetters(row.length)}${TABLE_ROW + 1 + r}`, value });
      }
      row.push(value);
      if (col.status) {
        const text = String(value ?? '');
        const year = typeof rec.year === 'number' ? rec.year : null;
        const cacheable = !(nevSales && year === 2025);
        let label = cacheable ? labels.get(text) : undefined;
        if (label === undefined) {
          label = statusLabel(text, { kind: input.kind, year });
          if (cacheable) labels.set(text, label);
        }
        if (isFormulaLike(label))
          flagged.push({ sheet: input.sheet, address: `${columnIndexToLetters(row.length)}${TABLE_ROW + 1 + r}`, value: label });
        row.push(label);
      }
    }
    values[r + 1] = row;
    fingerprint.row(row);
  }
  return {
    fingerprint: fingerprint.finish(),
    sheet: { name: input.sheet, clear: false, freeze: { rows: TABLE_ROW, columns: 1 } },
    blocks: [
      { sheet: input.sheet, address: `A${TITLE_ROW}`, values: [[input.title]], headerRows: 1 },
      {
        sheet: input.sheet,
        address: `A${TABLE_ROW}`,
        values,
        columns: formats,
        table: { name: input.table, style: 'TableStyleMedium2' },
        headerRows: 1,
      },
    ],
  };
}

function linkWrites(links: TableLink[], existingTables: string[]): MetadataWrite[] {
  const tables = [...existingTables];
  for (const l of links) if (!tables.includes(l.table)) tables.push(l.table);
  return [
    ...links.map((l) => ({ key: linkKey(l.table), value: JSON.stringify(l) })),
    { key: LINKS_INDEX_KEY, value: JSON.stringify(tables) },
  ];
}

const SUMMARY_FIXED: ColumnSpec[] = [
  { name: 'company', type: 'text' },
  { name: 'hq_country', type: 'text' },
  { name: 'company_type', type: 'text' },
  { name: 'fact_count', type: 'integer', numberFormat: '0' },
  { name: 'verified_facts', type: 'integer', numberFormat: '0' },
  { name: 'per_article_facts', type: 'integer', numberFormat: '0' },
];

/** Column specs of the wide supplier summary (fixed columns, then one text column per attribute). */
export function summaryColumns(columnNames: string[]): ColumnSpec[] {
  return columnNames.map((name) => SUMMARY_FIXED.find((c) => c.name === name) ?? { name, type: 'text' });
}

/** Plan for the whole bundled reference dataset: eight sheets, one table each, links in metadata. */
export function planReferenceDataset(dataset: ReferenceDataset, loadedAt: string, existingLinkTables: string[] = []): DatasetPlan {
  const flagged: FlaggedCell[] = [];
  const sheets: SheetSpec[] = [];
  const blocks: WriteBlock[] = [];
  const links: TableLink[] = [];
  const add = (input: TableInput, schema: string, dataset_: string) => {
    const built = buildTableBlocks(input, flagged);
    sheets.push(built.sheet);
    blocks.push(...built.blocks);
    const source: LinkSource = { kind: 'bundled', dataset: dataset_, version: dataset.version };
    links.push({
      table: input.table,
      sheet: input.sheet,
      schema,
      source,
      loadedAt,
      rows: input.records.length,
      fingerprint: built.fingerprint,
    });
  };
  const title = (label: string) => `${label}: Reversal Lab reference dataset ${dataset.version}, as of ${dataset.asOf}`;
  for (const t of dataset.tables) {
    const schema = SCHEMAS[t.kind];
    add(
      { sheet: schema.sheet, table: schema.table, title: title(schema.label), columns: schema.columns, records: t.records, kind: t.kind },
      t.kind,
      t.kind,
    );
    if (t.kind === 'suppliers') {
      add(
        {
          sheet: SUMMARY_SHEET,
          table: SUMMARY_TABLE,
          title: title('Supplier summary (one row per company, built from Suppliers)'),
          columns: summaryColumns(dataset.supplierSummary.columns),
          records: dataset.supplierSummary.rows,
        },
        'suppliers-summary',
        'suppliers-summary',
      );
    }
  }
  return {
    // Land on the one-row-per-company overview rather than on whichever sheet was written last.
    plan: {
      sheets,
      blocks,
      metadata: linkWrites(links, existingLinkTables),
      activate: sheets.find((s) => s.name === SUMMARY_SHEET)?.name ?? sheets[0]?.name,
    },
    formulaLikeCells: flagged,
  };
}

export interface ImportedTableInput {
  kind: DatasetKind;
  validation: ValidationResult;
  source: LinkSource;
  loadedAt: string;
  /** Write valid rows and list rejected ones on the "Rejected rows" sheet. */
  acceptValidRows?: boolean;
  existingLinkTables?: string[];
}

/** Header names that satisfy table rules: non-empty and unique (case-insensitive). */
function uniqueHeaders(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    let name = raw.trim() || `column_${i + 1}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${raw.trim() || `column_${i + 1}`}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

function rejectedBlocks(rejected: RejectedRow[], title: string, flagged: FlaggedCell[]): BuiltTable {
  const rawHeaders: string[] = [];
  for (const r of rejected) for (const h of Object.keys(r.raw)) if (!rawHeaders.includes(h)) rawHeaders.push(h);
  const header = uniqueHeaders(['row', 'reasons', ...rawHeaders]);
  const columns: ColumnSpec[] = header.map((name, i) => (i === 0 ? { name, type: 'integer', numberFormat: '0' } : { name, type: 'text' }));
  const records: DataRecord[] = rejected.map((r) => {
    const rec: DataRecord = { [header[0]]: r.row, [header[1]]: r.reasons.join('; ') };
    rawHeaders.forEach((h, i) => (rec[header[i + 2]] = r.raw[h] ?? ''));
    return rec;
  });
  return buildTableBlocks({ sheet: REJECTED_SHEET, table: REJECTED_TABLE, title, columns, records }, flagged);
}

/**
 * Plan for one imported table; null when the import must write nothing (invalid and not
 * acceptValidRows, or a file-level error, or no valid row at all).
 */
export function planImportedTable(input: ImportedTableInput): DatasetPlan | null {
  const { validation, kind } = input;
  const schema = SCHEMAS[kind];
  const summary = validation.summary;
  if (summary.fileErrors > 0 || validation.records.length === 0) return null;
  if (!summary.valid && !input.acceptValidRows) return null;
  const flagged: FlaggedCell[] = [];
  const title = `${schema.label}: imported from ${describeSource(input.source)}, loaded ${input.loadedAt}`;
  const main = buildTableBlocks(
    { sheet: schema.sheet, table: schema.table, title, columns: schema.columns, records: validation.records, kind },
    flagged,
  );
  const sheets = [main.sheet];
  const blocks = [...main.blocks];
  if (input.acceptValidRows && validation.rejected.length > 0) {
    const rej = rejectedBlocks(validation.rejected, `Rejected rows of ${summary.fileName} (${schema.label}), ${input.loadedAt}`, flagged);
    sheets.push(rej.sheet);
    blocks.push(...rej.blocks);
  }
  const link: TableLink = {
    table: schema.table,
    sheet: schema.sheet,
    schema: kind,
    source: input.source,
    loadedAt: input.loadedAt,
    rows: validation.records.length,
    fingerprint: main.fingerprint,
  };
  return {
    plan: { sheets, blocks, metadata: linkWrites([link], input.existingLinkTables ?? []), activate: schema.sheet },
    formulaLikeCells: flagged,
  };
}
