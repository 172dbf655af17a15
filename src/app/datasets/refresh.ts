/**
 * Refresh of linked tables: every table listed in workbook metadata is pulled again from its source
 * (bundled data, file, https URL), parsed and validated, diffed by key against what the sheet holds,
 * and all changed tables are rewritten together in ONE plan. A failing source (network or HTTP
 * error, invalid content) leaves its table untouched and is reported with the reason. Combined
 * tables (append imports) re-pull every part: see refreshCombined.ts.
 */
import { diffRecords, tableToRecords } from '../../data/diff';
import { parseAndValidate } from '../../data/parseAndValidate';
import { loadReferenceDataset } from '../../data/reference/index';
import { isDatasetKind, SCHEMAS } from '../../data/schemas';
import type { DataRecord, DatasetSchema } from '../../data/types';
import type { CellValue } from '../../workbook/plan';
import type { WorkbookPort } from '../../workbook/port';
import { prefetchTables } from '../../workbook/session';
import { buildTableBlocks, planImportedTable, summaryColumns, SUMMARY_TABLE } from '../plans/datasetPlan';
import { checkEdits, editedResult } from './editCheck';
import { refreshCombined } from './refreshCombined';
import { LINKS_INDEX_KEY, linkKey, parseLinksIndex, parseTableLink, pullFile, pullUrl, type PulledSource, type TableLink } from './sources';
import { assertNoOverwrite } from './contentGuard';
import type { PendingWrites, RefreshDeps, RefreshReport, TableRefresh } from './refreshTypes';
export type { PendingWrites, RefreshDeps, RefreshReport, TableRefresh } from './refreshTypes';

const recordsOf = (schema: DatasetSchema, cells: CellValue[][] | null): DataRecord[] => (cells ? tableToRecords(schema, cells) : []);

function summarySchema(columns: string[]): DatasetSchema {
  return { ...SCHEMAS.suppliers, kind: 'suppliers', table: SUMMARY_TABLE, key: ['company'], columns: summaryColumns(columns) };
}

async function refreshBundled(
  port: WorkbookPort,
  link: TableLink,
  deps: RefreshDeps,
  loadedAt: string,
  pending: PendingWrites,
): Promise<TableRefresh> {
  const dataset = await loadReferenceDataset();
  let schema: DatasetSchema;
  let records: DataRecord[];
  let title: string;
  const stamp = `Reversal Lab reference dataset ${dataset.version}, as of ${dataset.asOf}`;
  if (link.source.kind === 'bundled' && link.source.dataset === 'suppliers-summary') {
    schema = summarySchema(dataset.supplierSummary.columns);
    records = dataset.supplierSummary.rows;
    title = `Supplier summary (one row per company, built from Suppliers): ${stamp}`;
  } else if (isDatasetKind(link.schema)) {
    schema = SCHEMAS[link.schema];
    records = dataset.tables.find((t) => t.kind === link.schema)?.records ?? [];
    title = `${schema.label}: ${stamp}`;
  } else {
    return { table: link.table, status: 'failed', reason: `unknown schema "${link.schema}"` };
  }
  const cells = await port.readTable(link.table);
  const diff = diffRecords(schema, recordsOf(schema, cells), records);
  const sameVersion = link.source.kind === 'bundled' && link.source.version === dataset.version;
  if (sameVersion && diff.added + diff.changed + diff.removed === 0) return { table: link.table, status: 'unchanged', diff };
  const check = checkEdits(link, schema.columns, cells, deps.overwriteEdits === true);
  if (check.edited) return editedResult(link.table, check.reason, diff);
  const built = buildTableBlocks(
    { sheet: link.sheet, table: link.table, title, columns: schema.columns, records, kind: link.schema },
    pending.flagged,
  );
  pending.sheets.push(built.sheet);
  pending.blocks.push(...built.blocks);
  const source: TableLink['source'] = { kind: 'bundled', dataset: link.schema, version: dataset.version };
  const next: TableLink = { ...link, source, loadedAt, rows: records.length, fingerprint: built.fingerprint };
  pending.metadata.push({ key: linkKey(link.table), value: JSON.stringify(next) });
  return { table: link.table, status: 'updated', diff, note: check.note };
}

async function refreshPulled(
  port: WorkbookPort,
  link: TableLink,
  pulled: PulledSource,
  deps: RefreshDeps,
  loadedAt: string,
  pending: PendingWrites,
): Promise<TableRefresh> {
  if (!pulled.ok) return { table: link.table, status: 'failed', reason: pulled.reason };
  if (pulled.unchanged) return { table: link.table, status: 'unchanged', reason: 'source not modified' };
  if (!isDatasetKind(link.schema)) return { table: link.table, status: 'failed', reason: `unknown schema "${link.schema}"` };
  const schema = SCHEMAS[link.schema];
  const name = link.source.kind === 'file' ? link.source.name : link.source.kind === 'url' ? link.source.url : link.table;
  let validation;
  try {
    validation = await parseAndValidate(link.schema, pulled.bytes, name, { today: loadedAt.slice(0, 10) });
  } catch (error) {
    return { table: link.table, status: 'failed', reason: `parse error: ${(error as Error).message}` };
  }
  if (!validation.summary.valid) {
    const first = validation.issues.find((i) => i.severity === 'error');
    return {
      table: link.table,
      status: 'failed',
      reason: `invalid content (${validation.summary.errors} errors; first: ${first?.message ?? 'no rows'})`,
    };
  }
  const cells = await port.readTable(link.table);
  const diff = diffRecords(schema, recordsOf(schema, cells), validation.records);
  const check = checkEdits(link, schema.columns, cells, deps.overwriteEdits === true);
  if (check.edited) return editedResult(link.table, check.reason, diff);
  const planned = planImportedTable({ kind: link.schema, validation, source: pulled.source, loadedAt });
  if (!planned) return { table: link.table, status: 'failed', reason: 'nothing to write' };
  pending.sheets.push(...planned.plan.sheets);
  pending.blocks.push(...planned.plan.blocks);
  pending.metadata.push(...(planned.plan.metadata ?? []).filter((m) => m.key !== LINKS_INDEX_KEY));
  pending.flagged.push(...planned.formulaLikeCells);
  return { table: link.table, status: 'updated', diff, note: check.note };
}

function describe(r: TableRefresh): string {
  const d = r.diff ? ` (+${r.diff.added} ~${r.diff.changed} -${r.diff.removed})` : '';
  const ex = r.diff && r.diff.examples.length > 0 ? `; e.g. ${r.diff.examples.slice(0, 2).join(' | ')}` : '';
  const note = r.note ? ` [${r.note}]` : '';
  return `${r.table}: ${r.status}${d}${r.reason ? `: ${r.reason}` : ''}${note}${ex}`;
}

/** Re-pulls every linked source and rewrites the changed tables in one plan. */
export async function refreshAll(port: WorkbookPort, deps: RefreshDeps): Promise<RefreshReport> {
  const loadedAt = deps.now();
  const tables = parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY));
  // Every linked table in one read where the adapter batches (Excel, inside a session); the per-table
  // reads below are then served from it.
  await prefetchTables(port, tables);
  const pending: PendingWrites = { sheets: [], blocks: [], metadata: [], flagged: [] };
  const results: TableRefresh[] = [];
  for (const table of tables) {
    const link = parseTableLink(await port.getMetadata(linkKey(table)));
    if (!link) {
      results.push({ table, status: 'skipped', reason: 'no readable link metadata' });
      continue;
    }
    const src = link.source;
    if (src.kind === 'bundled') results.push(await refreshBundled(port, link, deps, loadedAt, pending));
    else if (src.kind === 'url')
      results.push(await refreshPulled(port, link, await pullUrl(src.url, deps.fetchUrl, src), deps, loadedAt, pending));
    else if (src.kind === 'combined') results.push(await refreshCombined(port, link, deps, loadedAt, pending));
    else if (!deps.readFile) results.push({ table, status: 'skipped', reason: `file ${src.name} cannot be read here (no file access)` });
    else results.push(await refreshPulled(port, link, await pullFile(src.name, deps.readFile, src.sha256), deps, loadedAt, pending));
  }
  const updated = results.filter((r) => r.status === 'updated');
  // A held-back edited table needs the person's decision, so the refresh is not "ok".
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'edited');
  if (updated.length > 0) {
    try {
      const plan = { sheets: pending.sheets, blocks: pending.blocks, metadata: pending.metadata };
      await assertNoOverwrite(port, plan);
      await port.apply(plan);
    } catch (error) {
      for (const r of updated) {
        r.status = 'failed';
        r.reason = `write failed: ${(error as Error).message}`;
      }
      return { ok: false, message: `Refresh wrote nothing: ${(error as Error).message}`, details: results.map(describe), tables: results };
    }
  }
  const statuses = [
    'updated',
    'unchanged',
    'failed',
    'skipped',
    ...(results.some((r) => r.status === 'edited') ? ['edited (left as edited)'] : []),
  ];
  const counts = statuses.map((s) => `${results.filter((r) => r.status === s.split(' ')[0]).length} ${s}`);
  const edited = results.filter((r) => r.status === 'edited').map((r) => r.table);
  return {
    ok: failed.length === 0,
    ...(failed.length > 0 && updated.length > 0
      ? { title: `Partly done: ${updated.length} updated, ${failed.length} left as they were` }
      : edited.length > 0 && edited.length === failed.length
        ? { title: 'Your edits were kept: nothing was overwritten' }
        : {}),
    ...(edited.length > 0 ? { editedTables: edited } : {}),
    ...(edited.length > 0 && edited.length === failed.length ? { warning: true } : {}),
    message: tables.length === 0 ? 'No linked tables to refresh.' : `Refreshed ${tables.length} linked tables: ${counts.join(', ')}.`,
    details: results.map(describe),
    tables: results,
  };
}
