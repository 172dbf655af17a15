/**
 * Use cases: load the bundled reference dataset, import a user file or an https URL. Each either
 * validates and writes in ONE port.apply(plan) call, or writes nothing and returns the report
 * (unless acceptValidRows: then valid rows are written and rejected rows listed on their own sheet,
 * in the same single plan). With `append` the new rows are added after the table already in the
 * workbook (see appendRows.ts) and the table's link becomes a combined link.
 */
import { parseAndValidate } from '../../data/parseAndValidate';
import { loadReferenceDataset } from '../../data/reference/index';
import { schemaFor } from '../../data/schemas';
import { sha256HexAsync } from '../../data/sha256';
import { tableToRecords } from '../../data/diff';
import { DataImportError, type DatasetSchema, type ParseOptions, type ValidationIssue, type ValidationResult } from '../../data/types';
import type { WorkbookPort } from '../../workbook/port';
import type { ActionReport } from '../types';
import { plural } from '../units';
import { mergeForAppend, type AppendMerge } from './appendRows';
import { planImportedTable, planReferenceDataset, type FlaggedCell } from '../plans/datasetPlan';
import {
  combineSources,
  LINKS_INDEX_KEY,
  linkKey,
  parseLinksIndex,
  parseTableLink,
  pullUrl,
  type FetchUrl,
  type LinkSource,
} from './sources';
import { assertNoOverwrite, findOverwrittenContent, overwriteMessage } from './contentGuard';

/** Injected clock: returns an ISO timestamp (e.g. "2026-11-28T10:00:00Z"). */
export type Clock = () => string;

export interface ImportRequest {
  kind: string;
  bytes: Uint8Array;
  fileName: string;
  acceptValidRows?: boolean;
  /**
   * Add the rows to the kind's table already in the workbook instead of replacing it; a new row whose
   * key the table already holds is a duplicate-key problem. Without a table this is a normal import.
   */
  append?: boolean;
  /** Where the bytes came from; a file source with the bytes' SHA-256 when absent. */
  source?: LinkSource;
  sheetName?: string;
  onProgress?: ParseOptions['onProgress'];
  signal?: AbortSignal;
  /** Parser+validator; default in-thread. The pane passes its Web Worker client so big files do not freeze it. */
  validate?: typeof parseAndValidate;
  /** Report wording: 'plain' for the pane, 'terse' (default) for the CLI. */
  wording?: ReportWording;
}

export interface ImportReport extends ActionReport {
  written: boolean;
  validation: ValidationResult | null;
  formulaLikeCells: FlaggedCell[];
}

const DETAIL_LINES = 20;

/**
 * Wording of import reports. 'plain' (the pane) speaks in the file's own line numbers and plain
 * grammar; 'terse' keeps the historic one-line form ("error row 1, col = "x" [rule]: ...", "1 rows
 * read") that the CLI prints and its tests pin.
 */
export type ReportWording = 'plain' | 'terse';

/**
 * Where a data row sits in the file a person has open: the header is line 1 of a CSV/TSV and row 1 of
 * a sheet, so data row n is line / row n + 1; JSON has records, counted from 1.
 */
export function fileLocation(row: number, format: 'csv' | 'json' | 'xlsx' = 'csv'): string {
  if (row === 0) return 'the file';
  if (format === 'json') return `record ${row}`;
  return `${format === 'xlsx' ? 'row' : 'line'} ${row + 1}`;
}

/** "row 3 (line 4), value_num = "ninety" [not-a-number]: Row 3: ..." (terse; the file line when the issue has one). */
export function formatIssue(issue: ValidationIssue): string {
  const line = issue.line !== undefined ? `line ${issue.line}` : '';
  const where = issue.row === 0 ? line || 'file' : `row ${issue.row}${line ? ` (${line})` : ''}`;
  const col = issue.column ? `, ${issue.column}` : '';
  const value = issue.value ? ` = "${issue.value.length > 40 ? issue.value.slice(0, 40) + '…' : issue.value}"` : '';
  return `${issue.severity === 'error' ? 'error' : 'warning'} ${where}${col}${value} [${issue.rule}]: ${issue.message}`;
}

/** 'Line 3, column value_num: "ninety" is not a number', in the file's own line numbers. */
export function formatIssuePlain(issue: ValidationIssue, format: 'csv' | 'json' | 'xlsx' = 'csv'): string {
  // The reader's own line number is exact where a quoted field spans lines; row + 1 otherwise.
  const where = issue.line !== undefined && format === 'csv' ? `line ${issue.line}` : fileLocation(issue.row, format);
  const col = issue.column ? `, column ${issue.column}` : '';
  const message = issue.message.replace(/^Row \d+:\s*/i, '');
  const shown =
    issue.value && !message.includes(issue.value)
      ? ` (value "${issue.value.length > 40 ? issue.value.slice(0, 40) + '…' : issue.value}")`
      : '';
  const severity = issue.severity === 'error' ? '' : 'warning, ';
  return `${where[0].toUpperCase()}${where.slice(1)}${col}: ${severity}${message}${shown}`;
}

export function describeValidation(v: ValidationResult): string {
  const s = v.summary;
  return `${s.rowsRead} rows read, ${s.rowsValid} valid, ${s.rowsRejected} rejected; ${s.errors} errors, ${s.warnings} warnings`;
}

/** "3 rows read: 2 valid, 1 rejected (1 error, no warnings)" */
export function describeValidationPlain(v: ValidationResult): string {
  const s = v.summary;
  const issues = [
    s.errors === 0 ? 'no errors' : plural(s.errors, 'error'),
    s.warnings === 0 ? 'no warnings' : plural(s.warnings, 'warning'),
  ].join(', ');
  return `${plural(s.rowsRead, 'row')} read: ${s.rowsValid.toLocaleString('en-US')} valid, ${s.rowsRejected.toLocaleString('en-US')} rejected (${issues})`;
}

/** "1 row" in plain wording, "1 rows" in terse wording (kept for the CLI's pinned output). */
function count(wording: ReportWording, n: number, noun: string): string {
  return wording === 'plain' ? plural(n, noun) : `${n} ${noun}s`;
}

function failure(message: string, validation: ValidationResult | null = null, details: string[] = []): ImportReport {
  return { ok: false, written: false, message, details, validation, formulaLikeCells: [] };
}

/** Validates and (when allowed) writes an imported table; never writes half a table. */
export async function importData(port: WorkbookPort, request: ImportRequest, now: Clock): Promise<ImportReport> {
  const loadedAt = now();
  let validation: ValidationResult;
  try {
    schemaFor(request.kind);
    validation = await (request.validate ?? parseAndValidate)(request.kind, request.bytes, request.fileName, {
      today: loadedAt.slice(0, 10),
      sheetName: request.sheetName,
      onProgress: request.onProgress,
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof DataImportError || error instanceof Error) return failure(error.message);
    throw error;
  }
  const schema = schemaFor(request.kind);
  let source: LinkSource = request.source ?? { kind: 'file', name: request.fileName, sha256: await sha256HexAsync(request.bytes) };
  let merge: AppendMerge | null = null;
  if (request.append) {
    const appended = await prepareAppend(port, schema, validation, source, request);
    if ('failure' in appended) return appended.failure;
    if (appended.merge) ({ merge, source } = appended);
  }
  const written = merge?.validation ?? validation;
  const wording = request.wording ?? 'terse';
  const details = detailLines(written.issues, written.issueCount, written.summary.format, wording);
  const existing = parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY));
  const planned = planImportedTable({
    kind: schema.kind,
    validation: written,
    source,
    loadedAt,
    acceptValidRows: request.acceptValidRows,
    existingLinkTables: existing,
  });
  if (!planned) {
    return failure(
      wording === 'plain'
        ? `${request.fileName} is not valid, so nothing was written. ${describeValidationPlain(validation)}.`
        : `Nothing written: ${request.fileName} is not valid (${describeValidation(validation)}).`,
      validation,
      details,
    );
  }
  const overwritten = overwriteMessage(await findOverwrittenContent(port, planned.plan));
  if (overwritten) return failure(`Nothing written: ${overwritten}.`, validation, details);
  try {
    await port.apply(planned.plan);
  } catch (error) {
    return failure(`Nothing written: the workbook refused the write (${(error as Error).message}).`, validation, details);
  }
  const rejectedNote =
    written.rejected.length === 0
      ? ''
      : wording === 'plain'
        ? `; ${plural(written.rejected.length, 'rejected row')} listed on the "Rejected rows" sheet`
        : `; ${written.rejected.length} rejected rows on "Rejected rows"`;
  const message = merge
    ? `Appended ${count(wording, merge.added, 'row')} to ${schema.sheet} (${schema.table}): ${merge.existingRows} existing + ${merge.added} new = ${count(wording, written.records.length, 'row')}${rejectedNote}.`
    : `Wrote ${count(wording, validation.records.length, 'row')} to ${schema.sheet} (${schema.table})${rejectedNote}.`;
  return { ok: true, written: true, message, details, validation: written, formulaLikeCells: planned.formulaLikeCells };
}

function detailLines(
  issues: ValidationIssue[],
  issueCount: number,
  format: 'csv' | 'json' | 'xlsx' = 'csv',
  wording: ReportWording = 'terse',
): string[] {
  const details = issues.slice(0, DETAIL_LINES).map((i) => (wording === 'plain' ? formatIssuePlain(i, format) : formatIssue(i)));
  if (issueCount > DETAIL_LINES)
    details.push(
      wording === 'plain' ? `… and ${plural(issueCount - DETAIL_LINES, 'more issue')}` : `… and ${issueCount - DETAIL_LINES} more issues`,
    );
  return details;
}

type AppendPrepared = { failure: ImportReport } | { merge: AppendMerge; source: LinkSource } | { merge: null };

/** Reads the table already in the workbook and merges the new rows after it (or says why it cannot). */
async function prepareAppend(
  port: WorkbookPort,
  schema: DatasetSchema,
  validation: ValidationResult,
  source: LinkSource,
  request: ImportRequest,
): Promise<AppendPrepared> {
  // A file-level error or no valid row: the normal path refuses it with the validation report.
  if (validation.summary.fileErrors > 0 || validation.records.length === 0) return { merge: null };
  const cells = await port.readTable(schema.table);
  if (!cells) return { merge: null }; // no table yet: a normal import
  const link = parseTableLink(await port.getMetadata(linkKey(schema.table)));
  if (!link || link.schema !== schema.kind) {
    // Without the existing rows' source a refresh could not rebuild the combined table.
    const why = link ? `its link says it holds "${link.schema}" rows` : 'the workbook has no record of where its rows came from';
    return {
      failure: failure(
        `Nothing written: cannot append to ${schema.table} because ${why}; import without append to replace it.`,
        validation,
      ),
    };
  }
  const merge = mergeForAppend(schema, tableToRecords(schema, cells), validation);
  const invalidFile = !validation.summary.valid && !request.acceptValidRows;
  if (merge.clashes.length > 0 && !request.acceptValidRows && !invalidFile) {
    const clashLines = detailLines(merge.clashes, merge.clashes.length, validation.summary.format, request.wording);
    return {
      failure: failure(
        `Nothing written: ${count(request.wording ?? 'terse', merge.clashes.length, 'row')} of ${request.fileName} repeat keys (${schema.key.join(', ')}) already in ${schema.table}; ` +
          'change them, or accept valid rows (pane checkbox, CLI --accept-valid-rows) to list them on "Rejected rows".',
        merge.validation,
        clashLines,
      ),
    };
  }
  if (merge.added === 0 && !invalidFile) {
    return {
      failure: failure(
        `Nothing written: ${request.fileName} has no row with a new key to append to ${schema.table}.`,
        merge.validation,
        detailLines(merge.clashes, merge.clashes.length),
      ),
    };
  }
  return { merge, source: combineSources(link.source, source) };
}

/** Downloads an https URL and imports it, recording the URL (with ETag/Last-Modified) as the link. */
export async function importUrl(
  port: WorkbookPort,
  url: string,
  kind: string,
  acceptValidRows: boolean,
  deps: { fetchUrl: FetchUrl; now: Clock },
  options: { append?: boolean; wording?: ReportWording } = {},
): Promise<ImportReport> {
  const pulled = await pullUrl(url, deps.fetchUrl);
  if (!pulled.ok) return failure(`Nothing written: ${pulled.reason}`);
  if (pulled.unchanged) return failure(`Nothing written: ${url} answered "not modified" to an unconditional request.`);
  const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'download.csv');
  return importData(
    port,
    { kind, bytes: pulled.bytes, fileName, acceptValidRows, append: options.append, source: pulled.source, wording: options.wording },
    deps.now,
  );
}

/** Writes the whole bundled reference dataset (eight sheets) in one plan. */
export async function loadReferenceData(port: WorkbookPort, now: Clock): Promise<ActionReport & { formulaLikeCells: FlaggedCell[] }> {
  const dataset = await loadReferenceDataset();
  const existing = parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY));
  const { plan, formulaLikeCells } = planReferenceDataset(dataset, now(), existing);
  try {
    await assertNoOverwrite(port, plan);
    await port.apply(plan);
  } catch (error) {
    return { ok: false, message: `Nothing written: ${(error as Error).message}`, formulaLikeCells: [] };
  }
  const rows = dataset.tables.reduce((n, t) => n + t.records.length, 0);
  return {
    ok: true,
    message: `Wrote reference dataset ${dataset.version} (as of ${dataset.asOf}): ${rows} rows on ${plan.sheets.length} sheets.`,
    details: dataset.tables.map((t) => `${t.file}: ${t.records.length} rows, sha256 ${t.sha256.slice(0, 12)}`),
    formulaLikeCells,
  };
}
