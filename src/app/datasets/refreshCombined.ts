/**
 * Refresh of a combined table (reference rows extended with the user's rows by an append import):
 * every part is pulled again (bundled parts from the bundled dataset, files through readFile, https
 * URLs conditionally), the records are concatenated in part order, keys are checked across parts,
 * and the table is rewritten only when every part succeeded. A failing part leaves the table as it
 * was and the report names the part and the reason.
 */
import { diffRecords, recordKey, tableToRecords } from '../../data/diff';
import { parseAndValidate } from '../../data/parseAndValidate';
import { loadReferenceDataset } from '../../data/reference/index';
import { isDatasetKind, SCHEMAS } from '../../data/schemas';
import type { DataRecord, DatasetKind, DatasetSchema } from '../../data/types';
import type { WorkbookPort } from '../../workbook/port';
import { buildTableBlocks } from '../plans/datasetPlan';
import { checkEdits, editedResult } from './editCheck';
import type { PendingWrites, RefreshDeps, TableRefresh } from './refreshTypes';
import { describeSource, linkKey, pullFile, pullUrl, type LinkSource, type TableLink } from './sources';

type PartPull =
  | { ok: true; source: LinkSource; unchanged: boolean; records?: DataRecord[]; bytes?: Uint8Array }
  | { ok: false; reason: string; skip?: boolean };

const partName = (i: number, part: LinkSource) => `part ${i + 1} (${describeSource(part)})`;

async function pullPart(kind: DatasetKind, part: LinkSource, deps: RefreshDeps): Promise<PartPull> {
  if (part.kind === 'bundled') {
    const dataset = await loadReferenceDataset();
    const table = dataset.tables.find((t) => t.kind === kind);
    if (!table) return { ok: false, reason: `the bundled dataset ${dataset.version} has no ${kind} table` };
    return { ok: true, source: { ...part, version: dataset.version }, unchanged: part.version === dataset.version, records: table.records };
  }
  if (part.kind === 'file') {
    if (!deps.readFile) return { ok: false, skip: true, reason: 'cannot be re-read here (no file access)' };
    // Always read the bytes (no previous hash): a changed sibling part needs this part's rows too.
    const pulled = await pullFile(part.name, deps.readFile);
    if (!pulled.ok) return pulled;
    if (pulled.unchanged || pulled.source.kind !== 'file') return { ok: false, reason: 'unexpected file pull result' };
    return { ok: true, source: pulled.source, unchanged: pulled.source.sha256 === part.sha256, bytes: pulled.bytes };
  }
  if (part.kind === 'url') {
    const pulled = await pullUrl(part.url, deps.fetchUrl, part);
    if (!pulled.ok) return pulled;
    return pulled.unchanged
      ? { ok: true, source: pulled.source, unchanged: true }
      : { ok: true, source: pulled.source, unchanged: false, bytes: pulled.bytes };
  }
  return { ok: false, reason: 'a combined link cannot contain another combined link' };
}

/** A 304 part whose sibling changed: fetch it again without conditions to get its rows. */
async function pullUrlRows(part: LinkSource, deps: RefreshDeps): Promise<PartPull> {
  if (part.kind !== 'url') return { ok: false, reason: 'no rows pulled' };
  const pulled = await pullUrl(part.url, deps.fetchUrl);
  if (!pulled.ok) return pulled;
  if (pulled.unchanged) return { ok: false, reason: `${part.url} answered "not modified" to an unconditional request` };
  return { ok: true, source: pulled.source, unchanged: false, bytes: pulled.bytes };
}

async function partRecords(kind: DatasetKind, part: LinkSource, bytes: Uint8Array, today: string): Promise<DataRecord[] | string> {
  const name = part.kind === 'file' ? part.name : part.kind === 'url' ? part.url : kind;
  let validation;
  try {
    validation = await parseAndValidate(kind, bytes, name, { today });
  } catch (error) {
    return `parse error: ${(error as Error).message}`;
  }
  if (!validation.summary.valid) {
    const first = validation.issues.find((i) => i.severity === 'error');
    return `invalid content (${validation.summary.errors} errors; first: ${first?.message ?? 'no rows'})`;
  }
  return validation.records;
}

/** Keys that appear in more than one part (or twice in the concatenation), as report lines. */
function keyClashes(schema: DatasetSchema, parts: DataRecord[][], sources: LinkSource[]): string[] {
  const firstPart = new Map<string, number>();
  const clashes: string[] = [];
  parts.forEach((records, p) => {
    for (const rec of records) {
      const key = recordKey(schema, rec);
      const first = firstPart.get(key);
      if (first === undefined) firstPart.set(key, p);
      else
        clashes.push(
          `duplicate key ${schema.key.map((k) => `${k}=${rec[k] ?? ''}`).join(', ')} in ${partName(first, sources[first])} and ${partName(p, sources[p])}`,
        );
    }
  });
  return clashes;
}

/** Re-pulls every part of a combined link; queues the rewrite in `pending` only when all parts succeeded. */
export async function refreshCombined(
  port: WorkbookPort,
  link: TableLink,
  deps: RefreshDeps,
  loadedAt: string,
  pending: PendingWrites,
): Promise<TableRefresh> {
  const table = link.table;
  if (link.source.kind !== 'combined') return { table, status: 'failed', reason: 'not a combined link' };
  if (!isDatasetKind(link.schema)) return { table, status: 'failed', reason: `unknown schema "${link.schema}"` };
  const kind = link.schema;
  const schema = SCHEMAS[kind];
  const parts = link.source.parts;
  const pulls: PartPull[] = [];
  for (const [i, part] of parts.entries()) {
    const pulled = await pullPart(kind, part, deps);
    if (!pulled.ok) return { table, status: pulled.skip ? 'skipped' : 'failed', reason: `${partName(i, part)}: ${pulled.reason}` };
    pulls.push(pulled);
  }
  if (pulls.every((p) => p.ok && p.unchanged)) return { table, status: 'unchanged', reason: 'no part modified' };
  const records: DataRecord[][] = [];
  const sources: LinkSource[] = [];
  for (const [i, part] of parts.entries()) {
    let pulled = pulls[i];
    if (pulled.ok && !pulled.records && !pulled.bytes) pulled = await pullUrlRows(part, deps);
    if (!pulled.ok) return { table, status: 'failed', reason: `${partName(i, part)}: ${pulled.reason}` };
    const rows = pulled.records ?? (await partRecords(kind, part, pulled.bytes ?? new Uint8Array(0), loadedAt.slice(0, 10)));
    if (typeof rows === 'string') return { table, status: 'failed', reason: `${partName(i, part)}: ${rows}` };
    records.push(rows);
    sources.push(pulled.source);
  }
  const clashes = keyClashes(schema, records, sources);
  if (clashes.length > 0) {
    return { table, status: 'failed', reason: `${clashes.length} duplicate keys across parts; first: ${clashes.slice(0, 3).join('; ')}` };
  }
  const combined = records.flat();
  const cells = await port.readTable(table);
  const diff = diffRecords(schema, cells ? tableToRecords(schema, cells) : [], combined);
  const check = checkEdits(link, schema.columns, cells, deps.overwriteEdits === true);
  if (check.edited) return editedResult(table, check.reason, diff);
  const source: LinkSource = { kind: 'combined', parts: sources };
  const title = `${schema.label}: imported from ${describeSource(source)}, loaded ${loadedAt}`;
  const built = buildTableBlocks({ sheet: link.sheet, table, title, columns: schema.columns, records: combined, kind }, pending.flagged);
  pending.sheets.push(built.sheet);
  pending.blocks.push(...built.blocks);
  const next: TableLink = { ...link, source, loadedAt, rows: combined.length, fingerprint: built.fingerprint };
  pending.metadata.push({ key: linkKey(table), value: JSON.stringify(next) });
  return { table, status: 'updated', diff, note: check.note };
}
