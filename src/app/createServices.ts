/**
 * The application behind the pane: joins data, model and workbook. Every action builds one write
 * plan and applies it in a single call, so a failure leaves the workbook as it was.
 */
import { DATASET_KINDS, schemaFor } from '../data/schemas';
import { REFERENCE_AS_OF, REFERENCE_VERSION } from '../data/reference/index';
import { OUTPUTS } from '../model/outputs';
import { PARAMS, paramById } from '../model/params';
import { presetValues } from './presetValues';
import { PRESETS, presetById } from '../model/presets';
import { compileModel, runModels } from '../model/run';
import { goalSeek } from '../model/sim/goalSeek';
import { tornado } from '../model/sim/sensitivity';
import type { WorkbookPort } from '../workbook/port';
import { inSession } from '../workbook/session';
import { createWorkerImportClient, type ImportClient } from './import.worker';
import { importData, importUrl, loadReferenceData } from './importData';
import { NEV_HISTORY_SHEET, readModelInputs } from './modelInputs';
import { refreshAll } from './refresh';
import { planScenarioResults } from './scenarioPlan';
import { planTornado } from './sensitivityPlan';
import { compareSavedScenarios, deleteScenario, duplicateScenario, listSavedScenarios, renameScenario, saveScenario } from './savedScenarios';
import { runSimulationAsync } from './simulationClient';
import { createInstantModel, HEADLINE_IDS, HEADLINE_YEAR, type InstantModel } from './instantModel';
import { planSimulation, simulationRows, SIMULATION_OUTPUTS, SIMULATION_RANK_TARGETS } from './simulationPlan';
import { fetchUrlWith, LINKS_INDEX_KEY, parseLinksIndex } from './sources';
import { restoreScenario } from '../model/scenario';
import type { AppServices, DerivedMetric, ScenarioRun } from './types';

export interface CreateServicesOptions {
  port: WorkbookPort;
  mode: 'excel' | 'standalone';
  /** ISO timestamp source (injected for tests). */
  now?: () => string;
  fetchImpl?: typeof fetch;
}

const HEADLINES: readonly string[] = HEADLINE_IDS;

export { presetValues };

let importClient: ImportClient | null = null;

/** Parsing runs in a Web Worker where one exists (the pane), in-thread otherwise (Node). */
function importValidator(): ImportClient['validate'] | undefined {
  if (typeof Worker === 'undefined') return undefined;
  importClient ??= createWorkerImportClient(new Worker(new URL('./import.worker.ts', import.meta.url)));
  const client = importClient;
  return (kind, bytes, fileName, options) => client.validate(kind, bytes, fileName, options);
}

export function createAppServices(options: CreateServicesOptions): AppServices {
  const { port, mode } = options;
  const now = options.now ?? (() => new Date().toISOString());
  const fetchUrl = fetchUrlWith(options.fetchImpl ?? ((...args: Parameters<typeof fetch>) => fetch(...args)));

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
    });
    await port.apply(plan);
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
        details: result.warnings,
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
    outputChoices: OUTPUTS.filter((o) => !o.id.startsWith('exports.tariffRate') && !o.id.startsWith('exports.landedCost')).map((o) => ({
      id: o.id,
      label: o.label,
      unit: o.unit,
    })),
    // Actions that read the workbook several times before writing run in a session: an adapter with
    // costly round trips (Excel) reads once per action (docs/workbook.md, "Round trips").
    loadReferenceData: () => inSession(port, () => loadReferenceData(port, now)),
    importFile: (fileName, bytes, kind, acceptValidRows, hooks = {}) =>
      inSession(port, () => importData(
        port,
        { kind, bytes, fileName, acceptValidRows, append: hooks.append, validate: importValidator(), onProgress: hooks.onProgress, signal: hooks.signal, wording: 'plain' },
        now,
      )),
    importUrl: (url, kind, acceptValidRows, opts = {}) =>
      inSession(port, () => importUrl(port, url, kind, acceptValidRows, { fetchUrl, now }, { append: opts.append, wording: 'plain' })),
    linkedTables: async () => parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY)),
    refreshLinked: (options = {}) => inSession(port, () => refreshAll(port, { fetchUrl, now, overwriteEdits: options.overwriteEdits === true })),
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
    checkExpression(metric) {
      const r = restoreScenario({ name: 'check', preset: PRESETS[0]?.id ?? 'baseline', overrides: {}, expressions: [metric] });
      return r.ok ? null : r.errors.join('; ');
    },
    async simulate(presetId, values, opts, hooks) {
      const inputs = await readModelInputs(port);
      const result = await runSimulationAsync(
        { data: inputs.data, values, iterations: opts.iterations, seed: opts.seed, sampling: opts.sampling, outputIds: [...SIMULATION_OUTPUTS], rankTargets: SIMULATION_RANK_TARGETS },
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
          const q = result.quartiles?.[st.id];
          return { id: st.id, label: meta?.label ?? st.id, unit: meta?.unit ?? '', years: st.years, p5: st.p5, p25: q?.p25 ?? st.p10, p50: st.p50, p75: q?.p75 ?? st.p90, p95: st.p95 };
        }),
      };
    },
    async goalSeek(values, paramId, outputId, year, target) {
      const meta = paramById(paramId);
      if (!meta) return { ok: false, reason: `unknown parameter "${paramId}"` };
      if (!Number.isFinite(target)) return { ok: false, reason: 'the target must be a number' };
      const inputs = await readModelInputs(port);
      // The compiled model is the Results sheet's function: its root is the answer, no polishing needed.
      const found = goalSeek(compileModel(inputs.data, { outputIds: [outputId] }), values, PARAMS, paramId, outputId, year, target, { min: meta.min, max: meta.max });
      if (!found.ok) return { ok: false, reason: found.reason, ...(found.outputRange ? { outputRange: found.outputRange } : {}) };
      return { ok: true, value: found.value, output: found.output };
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
