/**
 * What the task pane (and the CLI) may ask of the application. The pane receives an object of this
 * type as a prop/context and never calls Office or the model directly.
 */
import type { ParamMeta, Series } from '../model/types';
import type { FanStats, FrontierData } from './plans/charts';
import type { InstantModel } from './scenario/figures';

export interface PresetInfo {
  id: string;
  label: string;
  description: string;
}

export interface DatasetInfo {
  version: string;
  asOf: string;
}

/** Saved scenarios side by side: per output, one row of values per scenario (names order), by year. */
export interface ComparisonData {
  names: string[];
  years: number[];
  outputs: { id: string; label: string; unit: string; values: number[][] }[];
}

export interface ActionReport {
  ok: boolean;
  /** One-line summary for the status bar, e.g. "Wrote 68 supplier facts to Suppliers!A3:M71". */
  message: string;
  /** Further detail lines (validation issues, diffs), capped by the caller. */
  details?: string[];
  /** Heading when `ok` alone would mislead (e.g. a refresh that wrote some tables and held others back). */
  title?: string;
  /** Not ok, yet nothing failed: the action waits for the person's decision (shown as a warning, not an error). */
  warning?: boolean;
  /** Tables a refresh left as a person edited them; the pane offers to overwrite them on request. */
  editedTables?: string[];
}

export interface ScenarioRun {
  report: ActionReport;
  /** Headline figures shown in the pane next to the sliders. */
  headline: { id: string; label: string; unit: string; year: number; value: number }[];
  series: Series[];
  calibration: { region: string; rmsePp: number; through: number; params: Record<string, number> }[];
  /** NPV against the China share of R&D (the frontier chart). */
  frontier: FrontierData;
}

export interface SimulationProgress {
  done: number;
  total: number;
}

export interface SimulationSummary {
  report: ActionReport;
  iterations: number;
  converged: boolean;
  /** Rows shown in the pane: output, year, P5, P50, P95. */
  rows: { id: string; label: string; unit: string; year: number; p5: number; p50: number; p95: number }[];
  /** Percentile bands per simulated output (the fan charts). */
  fans: FanStats[];
}

/** Trials finished before a cancelled simulation stopped, or null when `error` is not a cancellation. */
export function cancelledTrials(error: unknown): number | null {
  if (!(error instanceof Error) || error.name !== 'CancelledError') return null;
  const done = (error as Error & { trialsDone?: unknown }).trialsDone;
  return typeof done === 'number' ? done : 0;
}

export interface TornadoBar {
  paramId: string;
  label: string;
  low: number;
  high: number;
  outputAtLow: number;
  outputAtHigh: number;
}

export interface DerivedMetric {
  /** Short id: the series is written as expr.<id>. */
  id: string;
  /** mathjs expression over output and parameter ids, e.g. "exports.value.total / nev.sales.Europe". */
  expr: string;
  /** Unit of the result ("fraction" shows as %, "USD" as M / bn, "vehicles"...); none: a plain number. */
  unit?: string;
}

export interface SavedScenario {
  name: string;
  preset: string;
  overrides: Record<string, number>;
  expressions?: DerivedMetric[];
}

/** A person edited parameter cells on the Inputs sheet (app/scenario/parameterCells.ts). */
export interface ParameterCellsEdit {
  /** Valid values that differ from what the add-in last wrote, by parameter id (move these sliders). */
  values: Record<string, number>;
  /** Cells refused (text, empty, out of range), each naming its cell, e.g. "Inputs!B7 (nev.ceiling.China): 'abc' is not a number". */
  refused: string[];
}

/** A goal seek's answer: an ActionReport like every other action, with the value found or the output's range. */
export type GoalSeekReport = ActionReport &
  ({ ok: true; value: number; output: number } | { ok: false; outputRange?: { min: number; max: number } });

/**
 * Every action answers with an ActionReport (ok, message, details, title): a failure the person has to see
 * comes back as `ok: false` with a message naming what and where, never as an exception. A rejected promise
 * is a fault (host gone, a bug); the pane shows both the same way (src/taskpane/errors.ts).
 */
export interface AppServices {
  readonly mode: 'excel' | 'standalone';
  readonly dataset: DatasetInfo;
  readonly params: readonly ParamMeta[];
  readonly presets: readonly PresetInfo[];
  /** Parameter values of a preset (defaults plus its overrides). */
  presetValues(presetId: string): Record<string, number>;
  loadReferenceData(): Promise<ActionReport>;
  importFile(
    fileName: string,
    bytes: Uint8Array,
    kind: string,
    acceptValidRows: boolean,
    /** append: add the rows to the kind's table already in the workbook instead of replacing it. */
    hooks?: { onProgress?: (p: SimulationProgress) => void; signal?: AbortSignal; append?: boolean },
  ): Promise<ActionReport>;
  importUrl(url: string, kind: string, acceptValidRows: boolean, options?: { append?: boolean }): Promise<ActionReport>;
  /** Tables the workbook records a source for (what Refresh would re-pull); empty on a fresh workbook. */
  linkedTables(): Promise<string[]>;
  /** Re-pulls every linked source; tables edited in the workbook are held back unless overwriteEdits. */
  refreshLinked(options?: { overwriteEdits?: boolean }): Promise<ActionReport>;
  runScenario(presetId: string, values: Record<string, number>, expressions?: DerivedMetric[]): Promise<ScenarioRun>;
  /**
   * The compiled model on the workbook's current data, for the pane's instant figures (compiled once;
   * a new one after the NEV history changes, see onModelDataChanged).
   */
  instantModel(): Promise<InstantModel>;
  /**
   * What the instant model does not give, for the current inputs without writing anything: the R&D
   * frontier and the history fit (a full model run, ~20 ms).
   */
  modelDetails(
    values: Record<string, number>,
  ): Promise<{ frontier: FrontierData; calibration: ScenarioRun['calibration']; series: Series[] }>;
  /** Calls back after any write or edit of the sheet the models read (the NEV history). */
  onModelDataChanged(listener: () => void): () => void;
  /**
   * Calls back when a person (not the add-in itself) edits a sheet the models read (the NEV history),
   * so the pane can rerun. Returns an unsubscribe function.
   */
  onModelInputEdited(listener: () => void): () => void;
  /**
   * Calls back (coalesced: one read at a time, the latest edit wins) after a person edits the Inputs sheet's
   * parameter cells; the add-in's own writes never call it. Returns an unsubscribe function.
   */
  onParameterCellsEdited(listener: (edit: ParameterCellsEdit) => void): () => void;
  /** The parameter cells as the workbook holds them now (null without an Inputs sheet), e.g. on start. */
  readParameterCells(): Promise<ParameterCellsEdit | null>;
  /** Null when the derived metric is valid; otherwise the error naming what is wrong. */
  checkExpression(metric: DerivedMetric): string | null;
  simulate(
    presetId: string,
    values: Record<string, number>,
    options: { iterations: number; seed: number; sampling: 'lhs' | 'mc' },
    hooks: { onProgress?: (p: SimulationProgress) => void; signal?: AbortSignal },
  ): Promise<SimulationSummary>;
  /**
   * Goal seek: the value of one parameter (within its min..max) at which an output reaches a target
   * in a year, the other inputs held at `values`.
   */
  goalSeek(values: Record<string, number>, paramId: string, outputId: string, year: number, target: number): Promise<GoalSeekReport>;
  /** One-at-a-time tornado around `values`; also written to the Sensitivity sheet. */
  tornado(values: Record<string, number>, outputId: string, year: number): Promise<{ base: number; bars: TornadoBar[] }>;
  /** Importable kinds for the file picker. */
  readonly importKinds: readonly { id: string; label: string }[];
  /** Outputs offered in sensitivity pickers. */
  readonly outputChoices: readonly { id: string; label: string; unit: string }[];
  saveScenario(s: SavedScenario): Promise<ActionReport>;
  listScenarios(): Promise<SavedScenario[]>;
  deleteScenario(name: string): Promise<ActionReport>;
  renameScenario(from: string, to: string): Promise<ActionReport>;
  /** Saves a copy under a free name; `name` is the copy's name. */
  duplicateScenario(name: string): Promise<ActionReport & { name?: string }>;
  /** Writes the Compare sheet and returns the compared series for the pane's chart. */
  compareScenarios(names: string[]): Promise<ActionReport & { comparison?: ComparisonData }>;
}
