/**
 * The bundled reference dataset, parsed and validated from the generated module (no file system),
 * identical in the task pane, the CLI and tests.
 */
import { validateText } from '../parseAndValidate';
import { buildSupplierSummary, type SupplierSummary } from '../supplierSummary';
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

let cached: Promise<ReferenceDataset> | null = null;

async function load(): Promise<ReferenceDataset> {
  const tables: ReferenceTable[] = [];
  for (const entry of REFERENCE_FILES) {
    // Source dates are checked against the dataset's own as-of date, not the clock.
    const validation = await validateText(entry.kind, entry.csv, entry.file, { today: REFERENCE_AS_OF });
    if (!validation.summary.valid) {
      const first = validation.issues.find((i) => i.severity === 'error');
      throw new Error(`Bundled ${entry.file} failed validation: ${first?.message ?? 'unknown error'}`);
    }
    tables.push({ kind: entry.kind as DatasetKind, file: entry.file, sha256: entry.sha256, records: validation.records, validation });
  }
  const suppliers = tables.find((t) => t.kind === 'suppliers');
  return {
    version: REFERENCE_VERSION,
    asOf: REFERENCE_AS_OF,
    tables,
    supplierSummary: buildSupplierSummary(suppliers ? suppliers.records : []),
  };
}

/** Parses the bundled dataset once and returns the same object on later calls. */
export function loadReferenceDataset(): Promise<ReferenceDataset> {
  cached ??= load();
  return cached;
}

/** Records of one bundled dataset kind. */
export async function referenceRecords(kind: DatasetKind): Promise<DataRecord[]> {
  const dataset = await loadReferenceDataset();
  const table = dataset.tables.find((t) => t.kind === kind);
  if (!table) throw new Error(`No bundled reference data for kind "${kind}".`);
  return table.records;
}
