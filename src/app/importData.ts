/**
 * Use cases: load the bundled reference dataset, import a user file or an https URL. Each either
 * validates and writes in ONE port.apply(plan) call, or writes nothing and returns the report
 * (unless acceptValidRows: then valid rows are written and rejected rows listed on their own sheet,
 * in the same single plan).
 */
import { parseAndValidate } from '../data/parseAndValidate';
import { loadReferenceDataset } from '../data/reference/index';
import { schemaFor } from '../data/schemas';
import { sha256HexAsync } from '../data/sha256';
import { DataImportError, type ParseOptions, type ValidationIssue, type ValidationResult } from '../data/types';
import type { WorkbookPort } from '../workbook/port';
import type { ActionReport } from './types';
import { planImportedTable, planReferenceDataset, type FlaggedCell } from './datasetPlan';
import { LINKS_INDEX_KEY, parseLinksIndex, pullUrl, type FetchUrl, type LinkSource } from './sources';

/** Injected clock: returns an ISO timestamp (e.g. "2026-11-28T10:00:00Z"). */
export type Clock = () => string;

export interface ImportRequest {
  kind: string;
  bytes: Uint8Array;
  fileName: string;
  acceptValidRows?: boolean;
  /** Where the bytes came from; a file source with the bytes' SHA-256 when absent. */
  source?: LinkSource;
  sheetName?: string;
  onProgress?: ParseOptions['onProgress'];
  signal?: AbortSignal;
  /** Parser+validator; default in-thread. The pane passes its Web Worker client so big files do not freeze it. */
  validate?: typeof parseAndValidate;
}

export interface ImportReport extends ActionReport {
  written: boolean;
  validation: ValidationResult | null;
  formulaLikeCells: FlaggedCell[];
}

const DETAIL_LINES = 20;

/** "row 3, value_num = "ninety" [not-a-number]: Row 3: ..." */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.row === 0 ? 'file' : `row ${issue.row}`;
  const col = issue.column ? `, ${issue.column}` : '';
  const value = issue.value ? ` = "${issue.value.length > 40 ? issue.value.slice(0, 40) + '…' : issue.value}"` : '';
  return `${issue.severity === 'error' ? 'error' : 'warning'} ${where}${col}${value} [${issue.rule}]: ${issue.message}`;
}

export function describeValidation(v: ValidationResult): string {
  const s = v.summary;
  return `${s.rowsRead} rows read, ${s.rowsValid} valid, ${s.rowsRejected} rejected; ${s.errors} errors, ${s.warnings} warnings`;
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
  const details = validation.issues.slice(0, DETAIL_LINES).map(formatIssue);
  if (validation.issueCount > DETAIL_LINES) details.push(`… and ${validation.issueCount - DETAIL_LINES} more issues`);
  const source = request.source ?? { kind: 'file', name: request.fileName, sha256: await sha256HexAsync(request.bytes) };
  const existing = parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY));
  const planned = planImportedTable({
    kind: schemaFor(request.kind).kind,
    validation,
    source,
    loadedAt,
    acceptValidRows: request.acceptValidRows,
    existingLinkTables: existing,
  });
  if (!planned) {
    return failure(`Nothing written: ${request.fileName} is not valid (${describeValidation(validation)}).`, validation, details);
  }
  try {
    await port.apply(planned.plan);
  } catch (error) {
    return failure(`Nothing written: the workbook refused the write (${(error as Error).message}).`, validation, details);
  }
  const schema = schemaFor(request.kind);
  const rejectedNote = validation.rejected.length > 0 ? `; ${validation.rejected.length} rejected rows on "Rejected rows"` : '';
  return {
    ok: true,
    written: true,
    message: `Wrote ${validation.records.length} rows to ${schema.sheet} (${schema.table})${rejectedNote}.`,
    details,
    validation,
    formulaLikeCells: planned.formulaLikeCells,
  };
}

/** Downloads an https URL and imports it, recording the URL (with ETag/Last-Modified) as the link. */
export async function importUrl(
  port: WorkbookPort,
  url: string,
  kind: string,
  acceptValidRows: boolean,
  deps: { fetchUrl: FetchUrl; now: Clock },
): Promise<ImportReport> {
  const pulled = await pullUrl(url, deps.fetchUrl);
  if (!pulled.ok) return failure(`Nothing written: ${pulled.reason}`);
  if (pulled.unchanged) return failure(`Nothing written: ${url} answered "not modified" to an unconditional request.`);
  const fileName = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'download.csv');
  return importData(port, { kind, bytes: pulled.bytes, fileName, acceptValidRows, source: pulled.source }, deps.now);
}

/** Writes the whole bundled reference dataset (eight sheets) in one plan. */
export async function loadReferenceData(port: WorkbookPort, now: Clock): Promise<ActionReport & { formulaLikeCells: FlaggedCell[] }> {
  const dataset = await loadReferenceDataset();
  const existing = parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY));
  const { plan, formulaLikeCells } = planReferenceDataset(dataset, now(), existing);
  try {
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
