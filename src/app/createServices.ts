/**
 * The application behind the pane: joins data, model and workbook. Every action builds one write
 * plan and applies it in a single call, so a failure leaves the workbook as it was.
 */
import { DATASET_KINDS, schemaFor } from '../data/schemas';
import { REFERENCE_AS_OF, REFERENCE_VERSION } from '../data/reference/index';
import { OUTPUTS, TARGET_OUTPUTS } from '../model/outputs';
import { PARAMS, paramById } from '../model/params';
import { presetValues } from './scenario/presetValues';
import { PRESETS, presetById } from '../model/presets';
import { compileModel, runModels } from '../model/run';
import { goalSeek } from '../model/sim/goalSeek';
import { tornado } from '../model/sim/sensitivity';
import type { WorkbookPort } from '../workbook/port';
import { inSession } from '../workbook/session';
import { createWorkerImportClient, type ImportClient } from './workers/import.worker';
import { importData, importUrl, loadReferenceData } from './datasets/importData';
import { InputCellError, NEV_HISTORY_SHEET, readModelInputs as readWorkbookInputs, type ModelInputs } from './scenario/modelInputs';
import { INPUTS_SHEET, planParameterInputs, readParameterCells, type RefusedCell, combinePlans } from './scenario/parameterCells';
import type { WritePlan } from '../workbook/plan';
import { refreshAll } from './datasets/refresh';
import { planScenarioResults } from './plans/scenarioPlan';
import { fanStats } from './plans/charts';
import { planTornado } from './plans/sensitivityPlan';
import {
  compareSavedScenarios,
  deleteScenario,
  duplicateScenario,
  listSavedScenarios,
  renameScenario,
  saveScenario,
} from './scenario/savedScenarios';
import { runSimulationAsync } from './simulation/simulationClient';
import { createInstantModel, HEADLINE_IDS, HEADLINE_YEAR, type InstantModel } from './scenario/instantModel';
import { planSimulation, simulationRows, SIMULATION_OUTPUTS, SIMULATION_RANK_TARGETS } from './plans/simulationPlan';
import { fetchUrlWith, LINKS_INDEX_KEY, parseLinksIndex } from './datasets/sources';
import { restoreScenario } from '../model/scenario';
import type { AppServices, DerivedMetric, ParameterCellsEdit, ScenarioRun } from './types';

export interface CreateServicesOptions {
  port: WorkbookPort;
  mode: 'excel' | 'standalone';
  /** ISO timestamp source (injected for tests). */
  now?: () => string;
  fetchImpl?: typeof fetch;
  /**
   * Where imports are parsed and validated: default, a Web Worker started on the first import where `Worker`
   * exists (the pane), in-thread otherwise (Node: CLI, tests). Injected for tests.
   */
  importValidator?: ImportClient['validate'];
}

const HEADLINES: readonly string[] = HEADLINE_IDS;

export { presetValues };

/** A validator backed by one Web Worker, started on the first import (one per services object, not per module). */
function workerImportValidator(): ImportClient['validate'] | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let client: ImportClient | null = null;
  return (kind, bytes, fileName, options) => {
    client ??= createWorkerImportClient(new Worker(new URL('./workers/import.worker.ts', import.meta.url)));
    return client.validate(kind, bytes, fileName, options);
  };
}

export function createAppServices(options: CreateServicesOptions): AppServices {
  const importValidator = options.importValidator ?? workerImportValidator();
  const { port, mode } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const fetchUrl = fetchUrlWith(options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args)));

  // Model-input tables: a cell the model cannot use is refused with its address, and the last valid
  // inputs keep driving the model (the refusal is reported with every run until the cell is fixed).
  let lastGoodInputs: ModelInputs | null = null;
  let inputsRefused: string | null = null;
  async function readModelInputs(p: WorkbookPort): Promise<ModelInputs> {
    try {
      lastGoodInputs = await readWorkbookInputs(p);
      inputsRefused = null;
      return lastGoodInputs;
    } catch (error) {
      if (!(error instanceof InputCellError) || !lastGoodInputs) throw error;
      inputsRefused = `${error.message} The last valid NEV history (${lastGoodInputs.historySource}) drives the model until the cell is fixed.`;
      return lastGoodInputs;
    }
  }

  // Parameter cells on the Inputs sheet (parameterCells.ts). `written` is what the app last wrote there:
  // a person's edit is what differs from it; `refused` are cells written back as the person left them.
  let written: { values: Record<string, number>; key: string } | null = null;
  let refused = new Map<string, RefusedCell>();
  const cellListeners = new Set<(edit: ParameterCellsEdit) => void>();
  let reading = false;
  let readAgain = false;
  // Bursts of edits coalesce: one read at a time, and a read started after the last edit has the final word.
  async function readCells(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      let cells: Awaited<ReturnType<typeof readParameterCells>> = null;
      do {
        readAgain = false;
        cells = await readParameterCells(port).catch(() => null);
      } while (readAgain);
      if (!cells) return;
      refused = new Map(cells.refused.map((r) => [r.id, r]));
      const values = Object.fromEntries(Object.entries(cells.values).filter(([id, v]) => !written || written.values[id] !== v));
      // What the cells hold now is the baseline a later slider move is told from.
      if (written) written = { ...written, values: { ...written.values, ...cells.values } };
      const edit: ParameterCellsEdit = { values, refused: cells.refused.map((r) => r.message) };
      for (const listener of cellListeners) listener(edit);
    } finally {
      reading = false;
    }
  }
  port.onChange?.((change) => {
    if (change.source === 'user' && change.sheet.toLowerCase() === INPUTS_SHEET.toLowerCase()) void readCells();
  });

  /** The Inputs sheet, when it differs from what was last written (a moved slider wins over a refused cell). */
  function inputsPlan(values: Record<string, number>): { plan: WritePlan | null; key: string } {
    for (const id of [...refused.keys()]) if (written && written.values[id] !== values[id]) refused.delete(id);
    const key = JSON.stringify([PARAMS.map((m) => values[m.id] ?? m.default), [...refused.values()].map((r) => [r.id, r.raw, r.message])]);
    return { plan: written?.key === key ? null : planParameterInputs(values, refused), key };
  }

  async function runScenario(presetId: string, values: Record<string, number>, expressions: DerivedMetric[] = []): Promise<ScenarioRun> {
    const preset = presetById(presetId);
    if (!preset) throw new Error(`Unknown preset "${presetId}".`);
    const inputs = await readModelInputs(port);
    const result = runModels(values, inputs.data, { expressions });
    const base = presetValues(presetId);
    const changed = Object.entries(values)
      .filter(([id, v]) => base[id] !== v)
      .map(([id, value]) => ({ id, value, label: paramById(id)?.label ?? id, unit: paramById(id)?.unit ?? '' }));
    const plan = planScenarioResults(result, {
      presetLabel: preset.label,
      datasetVersion: REFERENCE_VERSION,
      changed,
      historySource: inputs.historySource,
      chinaCap: values['rnd.cap.China'],
    });
    // The parameter cells go in the same plan as the results: one write, never interleaved with another.
    // Inputs first, so the Results sheet stays the newest one (the preview shows it).
    const cells = inputsPlan(values);
    await port.apply(cells.plan ? combinePlans(cells.plan, plan) : plan);
    written = { values: { ...values }, key: cells.key };
    const problems = [
      ...(inputsRefused ? [inputsRefused] : []),
      ...[...refused.values()].map((r) => `${r.message}; the model uses ${values[r.id]}`),
    ];
    const byId = new Map(result.series.map((s) => [s.id, s]));
    const headline = HEADLINES.flatMap((id) => {
      const s = byId.get(id);
      if (!s) return [];
      const i = s.years.indexOf(HEADLINE_YEAR);
      const index = i >= 0 ? i : s.values.length - 1;
      return [{ id, label: s.label, unit: s.unit, year: s.years[index], value: s.values[index] }];
    });
    const rows = plan.blocks.reduce((n, b) => n + b.values.length, 0);
    return {
      report: {
        ok: true,
        message: `Wrote ${result.series.length} series (${rows} rows) to the Results sheet for preset ${preset.label}.`,
        ...(problems.length ? { title: `Results written; ${problems.length} input cell(s) refused` } : {}),
        details: [...problems, ...result.warnings],
      },
      headline,
      series: result.series,
      calibration: result.calibration.map((c) => ({ region: c.region, rmsePp: c.rmsePp, through: c.through, params: c.params })),
      frontier: { chinaShare: result.frontier.chinaShare, npvUsdM: result.frontier.npvUsdM, feasible: result.frontier.feasible },
    };
  }

  // The compiled model for instant figures, rebuilt after the NEV history changes (any writer).
  let instant: Promise<InstantModel> | null = null;
  const dataListeners = new Set<() => void>();
  port.onChange?.((change) => {
    if (change.sheet !== NEV_HISTORY_SHEET) return;
    instant = null;
    for (const listener of dataListeners) listener();
  });

  return {
    mode,
    dataset: { version: REFERENCE_VERSION, asOf: REFERENCE_AS_OF },
    params: PARAMS,
    presets: PRESETS.map((p) => ({ id: p.id, label: p.label, description: p.description })),
    presetValues,
    importKinds: DATASET_KINDS.map((id) => ({ id, label: schemaFor(id).label ?? id })),
    outputChoices: TARGET_OUTPUTS.map((o) => ({
      id: o.id,
      label: o.label,
      unit: o.unit,
    })),
    // Actions that read the workbook several times before writing run in a session: an adapter with
    // costly round trips (Excel) reads once per action (docs/workbook.md, "Round trips").
    loadReferenceData: () => inSession(port, () => loadReferenceData(port, now)),
    importFile: (fileName, bytes, kind, acceptValidRows, hooks = {}) =>
      inSession(port, () =>
        importData(
          port,
          {
            kind,
            bytes,
            fileName,
            acceptValidRows,
            append: hooks.append,
            validate: importValidator,
            onProgress: hooks.onProgress,
            signal: hooks.signal,
            wording: 'plain',
          },
          now,
        ),
      ),
    importUrl: (url, kind, acceptValidRows, opts = {}) =>
      inSession(port, () => importUrl(port, url, kind, acceptValidRows, { fetchUrl, now }, { append: opts.append, wording: 'plain' })),
    linkedTables: async () => parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY)),
    refreshLinked: (options = {}) =>
      inSession(port, () => refreshAll(port, { fetchUrl, now, overwriteEdits: options.overwriteEdits === true })),
    runScenario,
    instantModel() {
      instant ??= readModelInputs(port).then((inputs) => createInstantModel(inputs.data));
      const pending = instant;
      pending.catch(() => {
        if (instant === pending) instant = null; // a failed read is retried next time
      });
      return pending;
    },
    async modelDetails(values) {
      const inputs = await readModelInputs(port);
      const result = runModels(values, inputs.data);
      return {
        frontier: { chinaShare: result.frontier.chinaShare, npvUsdM: result.frontier.npvUsdM, feasible: result.frontier.feasible },
        calibration: result.calibration.map((c) => ({ region: c.region, rmsePp: c.rmsePp, through: c.through, params: c.params })),
        series: result.series,
      };
    },
    onModelDataChanged(listener) {
      dataListeners.add(listener);
      return () => dataListeners.delete(listener);
    },
    onModelInputEdited(listener) {
      if (!port.onChange) return () => undefined;
      // The add-in's own writes fire change events too: only a person's edit of the history counts.
      return port.onChange((change) => {
        if (change.source === 'user' && change.sheet === NEV_HISTORY_SHEET) listener();
      });
    },
    onParameterCellsEdited(listener) {
      cellListeners.add(listener);
      return () => cellListeners.delete(listener);
    },
    readParameterCells: async () => {
      const cells = await readParameterCells(port);
      if (!cells) return null;
      refused = new Map(cells.refused.map((r) => [r.id, r]));
      return { values: cells.values, refused: cells.refused.map((r) => r.message) };
    },
    checkExpression(metric) {
      const r = restoreScenario({ name: 'check', preset: PRESETS[0]?.id ?? 'baseline', overrides: {}, expressions: [metric] });
      return r.ok ? null : r.errors.join('; ');
    },
    async simulate(presetId, values, opts, hooks) {
      const inputs = await readModelInputs(port);
      const result = await runSimulationAsync(
        {
          data: inputs.data,
          values,
          iterations: opts.iterations,
          seed: opts.seed,
          sampling: opts.sampling,
          outputIds: [...SIMULATION_OUTPUTS],
          rankTargets: SIMULATION_RANK_TARGETS,
        },
        // The pane does not use partial statistics: a cancel stops the workers at once.
        { onProgress: hooks.onProgress, signal: hooks.signal, quartiles: true, cancelDeadlineMs: 0 },
      );
      const preset = presetById(presetId);
      await port.apply(planSimulation(result, { presetLabel: preset?.label ?? presetId, datasetVersion: REFERENCE_VERSION }));
      return {
        report: {
          ok: true,
          message: `Ran ${result.iterations.toLocaleString('en-US')} trials (${result.sampling === 'lhs' ? 'Latin Hypercube' : 'Monte Carlo'}, seed ${result.seed}); percentiles written to the Simulation sheet.`,
        },
        iterations: result.iterations,
        converged: result.converged,
        rows: simulationRows(result, [2030, 2040]),
        fans: result.stats.map((st) => {
          const meta = OUTPUTS.find((o) => o.id === st.id);
          return fanStats(st, { label: meta?.label ?? st.id, unit: meta?.unit ?? '' }, result.quartiles?.[st.id]);
        }),
      };
    },
    async goalSeek(values, paramId, outputId, year, target) {
      const meta = paramById(paramId);
      if (!meta) return { ok: false, message: `Goal seek: unknown parameter "${paramId}".` };
      if (!Number.isFinite(target)) return { ok: false, message: 'Goal seek: the target must be a number.' };
      const inputs = await readModelInputs(port);
      // The compiled model is the Results sheet's function: its root is the answer, no polishing needed.
      const found = goalSeek(compileModel(inputs.data, { outputIds: [outputId] }), values, PARAMS, paramId, outputId, year, target, {
        min: meta.min,
        max: meta.max,
      });
      if (!found.ok)
        return { ok: false, message: `Goal seek: ${found.reason}`, ...(found.outputRange ? { outputRange: found.outputRange } : {}) };
      return {
        ok: true,
        message: `Goal seek: ${paramId} = ${found.value} gives ${outputId} ${year} = ${found.output}.`,
        value: found.value,
        output: found.output,
      };
    },
    async tornado(values, outputId, year) {
      const inputs = await readModelInputs(port);
      const result = tornado(compileModel(inputs.data), values, PARAMS, outputId, year);
      await port.apply(planTornado(result));
      return {
        base: result.base,
        bars: result.bars.map((b) => ({
          paramId: b.paramId,
          label: b.label,
          low: b.low,
          high: b.high,
          outputAtLow: b.outputAtLow,
          outputAtHigh: b.outputAtHigh,
        })),
      };
    },
    saveScenario: (s) => inSession(port, () => saveScenario(port, s)),
    listScenarios: () => listSavedScenarios(port),
    deleteScenario: (name) => inSession(port, () => deleteScenario(port, name)),
    renameScenario: (from, to) => inSession(port, () => renameScenario(port, from, to)),
    duplicateScenario: (name) => inSession(port, () => duplicateScenario(port, name)),
    compareScenarios: async (names) =>
      inSession(port, () => compareSavedScenarios(port, names, (values) => readModelInputs(port).then((i) => runModels(values, i.data)))),
  };
}
