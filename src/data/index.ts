/** Public surface of the data layer. */
export * from './types';
export { SCHEMAS, DATASET_KINDS, schemaFor, isDatasetKind, normaliseHeader } from './schemas';
export { statusLabel } from './status';
export { parseAndValidate, validateText } from './parseAndValidate';
export { validateTable, type TableInput } from './validate';
export { decodeText, checkSize, formatMegabytes } from './decode';
export { parseDelimited } from './csv';
export { isFormulaLike, isoDateStart } from './cells';
export { buildSupplierSummary, type SupplierSummary } from './supplierSummary';
export { diffRecords, tableToRecords, recordKey, type RecordDiff } from './diff';
export { sha256Hex, sha256HexAsync, sha256HexOfText } from './sha256';
export { loadReferenceDataset, referenceRecords, REFERENCE_AS_OF, REFERENCE_VERSION, type ReferenceDataset } from './reference/index';
