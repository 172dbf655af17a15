/**
 * Types shared by refresh.ts (one table at a time) and refreshCombined.ts (the supplier tables pulled
 * together), kept apart so neither imports the other's module.
 */
import type { RecordDiff } from '../../data/diff';
import type { MetadataWrite, SheetSpec, WriteBlock } from '../../workbook/plan';
import type { ActionReport } from '../types';
import type { FlaggedCell } from '../plans/datasetPlan';
import type { Clock } from './importData';
import type { FetchUrl, ReadFile } from './sources';

export interface RefreshDeps {
  fetchUrl: FetchUrl;
  readFile?: ReadFile;
  now: Clock;
  /** Rewrite tables a person edited since they were loaded (default false: such tables are held back as 'edited'). */
  overwriteEdits?: boolean;
}

export interface TableRefresh {
  table: string;
  /** 'edited': the table was changed in the workbook since it was loaded and was left as the person left it. */
  status: 'updated' | 'unchanged' | 'failed' | 'skipped' | 'edited';
  reason?: string;
  diff?: RecordDiff;
  /** E.g. that edits could not be checked (old link without fingerprint). */
  note?: string;
}

export interface RefreshReport extends ActionReport {
  tables: TableRefresh[];
}

export interface PendingWrites {
  sheets: SheetSpec[];
  blocks: WriteBlock[];
  metadata: MetadataWrite[];
  flagged: FlaggedCell[];
}
