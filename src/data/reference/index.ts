/**
 * The bundled reference dataset, parsed and validated from the generated module (no file system),
 * identical in the task pane, the CLI, the model (src/app/scenario/modelInputs.ts) and tests: the one place the shipped
 * CSVs become typed records (tableRecords.ts: the import's parser and schemas).
 */
import { buildSupplierSummary, type SupplierSummary } from '../supplierSummary';
import { validateDelimited } from '../tableRecords';
import type { DataRecord, DatasetKind, ValidationResult } from '../types';
import { REFERENCE_AS_OF, REFERENCE_FILES, REFERENCE_VERSION } from './dataset.generated';

export { REFERENCE_AS_OF, REFERENCE_FILES, REFERENCE_VERSION };

export interface ReferenceTable {
  kind: DatasetKind;
  file: string;
  sha256: string;
  records: DataRecord[];
  validation: ValidationResult;
}

export interface ReferenceDataset {
  version: string;
  asOf: string;
  tables: ReferenceTable[];
  supplierSummary: SupplierSummary;
}

let tablesCache: ReferenceTable[] | null = null;

/** Every bundled table, parsed and validated once (synchronous: the CSVs are in the bundle). Throws on any error. */
export function referenceTables(): readonly ReferenceTable[] {
  if (tablesCache) return tablesCache;
  const tables: ReferenceTable[] = [];
  for (const entry of REFERENCE_FILES) {
    // Source dates are checked against the dataset's own as-of date, not the clock.
    const { validation } = validateDelimited(entry.kind as DatasetKind, entry.csv, entry.file, { today: REFERENCE_AS_OF });
    if (!validation.summary.valid) {
      const first = validation.issues.find((i) => i.severity === 'error');
      throw new Error(`Bundled ${entry.file} failed validation: ${first?.message ?? 'unknown error'}`);
    }
    tables.push({ kind: entry.kind as DatasetKind, file: entry.file, sha256: entry.sha256, records: validation.records, validation });
  }
  tablesCache = tables;
  return tables;
}

/** Records of one bundled dataset kind (synchronous). */
export function referenceTable(kind: DatasetKind): ReferenceTable {
  const table = referenceTables().find((t) => t.kind === kind);
  if (!table) throw new Error(`No bundled reference data for kind "${kind}".`);
  return table;
}

let cached: Promise<ReferenceDataset> | null = null;

/** The bundled dataset (tables and the supplier summary), built once; the same object on later calls. */
export function loadReferenceDataset(): Promise<ReferenceDataset> {
  cached ??= (async () => {
    const tables = [...referenceTables()];
    const suppliers = tables.find((t) => t.kind === 'suppliers');
    return {
      version: REFERENCE_VERSION,
      asOf: REFERENCE_AS_OF,
      tables,
      supplierSummary: buildSupplierSummary(suppliers ? suppliers.records : []),
    };
  })();
  return cached;
}

/** Records of one bundled dataset kind. */
export async function referenceRecords(kind: DatasetKind): Promise<DataRecord[]> {
  return referenceTable(kind).records;
}
