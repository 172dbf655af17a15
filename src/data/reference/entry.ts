/** One bundled reference file as stored in dataset.generated.ts. */
export interface ReferenceFileEntry {
  kind: string;
  file: string;
  /** Data rows (header excluded). */
  rows: number;
  /** SHA-256 of the CSV text as UTF-8. */
  sha256: string;
  csv: string;
}
