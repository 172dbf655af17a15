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
import { compileModel, runModels, type ModelResult } from '../model/run';
import { goalSeek } from '../model/sim/goalSeek';
import { tornado } from '../model/sim/sensitivity';
import type { WorkbookPort } from '../workbook/port';
import { createWorkerImportClient, type ImportClient } from './import.worker';
import { importData, importUrl, loadReferenceData } from './importData';
import { NEV_HISTORY_SHEET, readModelInputs } from './modelInputs';
import { refreshAll } from './refresh';
import { planScenarioResults } from './scenarioPlan';
import { planTornado } from './sensitivityPlan';
import { compareSavedScenarios, deleteScenario, duplicateScenario, listSavedScenarios, renameScenario, saveScenario } from './savedScenarios';
import { runSimulationAsync } from './simulationClient';
import { createInstantModel, HEADLINE_IDS, HEADLINE_YEAR, type InstantModel } from './instantModel';
import { planSimulation, simulationRows, SIMULATION_OUTPUTS } from './simulationPlan';
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

function outputOf(result: ModelResult, outputId: string, year: number): number {
  const s = result.series.find((x) => x.id === outputId);
  const i = s ? s.years.indexOf(year) : -1;
  return s && i >= 0 ? s.values[i] : Number.NaN;
}

/** Secant steps from a close start, kept inside the parameter's range. */
export function polishRoot(
  f: (v: number) => number,
  start: number,
  target: number,
  range: { min: number; max: number },
): { ok: true; value: number; output: number } | { ok: false; reason: string } {
  const tol = 1e-9 * Math.max(1, Math.abs(target));
  const clamp = (v: number) => Math.min(range.max, Math.max(range.min, v));
  let x0 = start;
  let y0 = f(x0) - target;
  let x1 = clamp(start + (range.max - range.min) * 1e-4 * (start + 1e-9 < range.max ? 1 : -1));
  let y1 = f(x1) - target;
  for (let i = 0; i < 30 && Math.abs(y1) > tol; i++) {
    if (y1 === y0) break;
    const x2 = clamp(x1 - (y1 * (x1 - x0)) / (y1 - y0));
    x0 = x1;
    y0 = y1;
    x1 = x2;
    y1 = f(x1) - target;
  }
  if (!(Math.abs(y1) <= tol * 1e3)) return { ok: false, reason: `no value of the input within [${range.min}, ${range.max}] reaches ${target} exactly (closest output ${y1 + target})` };
  return { ok: true, value: x1, output: y1 + target };
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
    loadReferenceData: () => loadReferenceData(port, now),
    importFile: (fileName, bytes, kind, acceptValidRows, hooks = {}) =>
      importData(
        port,
        { kind, bytes, fileName, acceptValidRows, append: hooks.append, validate: importValidator(), onProgress: hooks.onProgress, signal: hooks.signal, wording: 'plain' },
        now,
      ),
    importUrl: (url, kind, acceptValidRows, opts = {}) => importUrl(port, url, kind, acceptValidRows, { fetchUrl, now }, { append: opts.append, wording: 'plain' }),
    linkedTables: async () => parseLinksIndex(await port.getMetadata(LINKS_INDEX_KEY)),
    refreshLinked: (options = {}) => refreshAll(port, { fetchUrl, now, overwriteEdits: options.overwriteEdits === true }),
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
        { data: inputs.data, values, iterations: opts.iterations, seed: opts.seed, sampling: opts.sampling, outputIds: [...SIMULATION_OUTPUTS] },
        // The pane does not use partial statistics: a cancel stops the worker at once.
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
      const rough = goalSeek(compileModel(inputs.data), values, PARAMS, paramId, outputId, year, target, { min: meta.min, max: meta.max });
      if (!rough.ok) return { ok: false, reason: rough.reason, ...(rough.outputRange ? { outputRange: rough.outputRange } : {}) };
      // The compiled model keeps the history fit of the default ceilings (fast for Monte Carlo); the
      // Results sheet refits. Polish the root on the full model so the answer matches the sheet.
      return polishRoot((v) => outputOf(runModels({ ...values, [paramId]: v }, inputs.data), outputId, year), rough.value, target, meta);
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
    saveScenario: (s) => saveScenario(port, s),
    listScenarios: () => listSavedScenarios(port),
    deleteScenario: (name) => deleteScenario(port, name),
    renameScenario: (from, to) => renameScenario(port, from, to),
    duplicateScenario: (name) => duplicateScenario(port, name),
    compareScenarios: async (names) => compareSavedScenarios(port, names, (values) => readModelInputs(port).then((i) => runModels(values, i.data))),
  };
}
