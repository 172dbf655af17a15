import * as React from 'react';
import type { FrontierData } from '../../app/plans/charts';
import type { InstantModel, InstantResult } from '../../app/scenario/figures';
import { seriesResult } from '../../app/scenario/figures';
import { presetValues } from '../../app/scenario/presetValues';
import type { ActionReport, AppServices, DerivedMetric, ParameterCellsEdit, SavedScenario, ScenarioRun } from '../../app/types';
import type { Series } from '../../model/types';
import { PRESETS } from '../../model/presets';
import { createWriteScheduler, type WriteMode } from '../writeScheduler';

/** What can be done to the scenario; one object for the pane's lifetime, so memoised sections do not redraw per slider event. */
export interface ScenarioActions {
  selectPreset(id: string): void;
  setValue(id: string, value: number, mode?: WriteMode): void;
  /** Pointer released or typing done: write the latest values now. */
  release(): void;
  load(saved: SavedScenario): void;
  markSaved(name: string): void;
  addMetric(metric: DerivedMetric): string | null;
  removeMetric(id: string): void;
  writeNow(): void;
  /** The inputs as of now (not as of the last render). */
  current(): { presetId: string; values: Record<string, number>; metrics: DerivedMetric[] };
}

/** The scenario the whole pane works on: the sliders, the figures, the charts, simulation and sensitivity. */
export interface ScenarioState {
  actions: ScenarioActions;
  presetId: string;
  values: Record<string, number>;
  metrics: DerivedMetric[];
  /** The saved scenario last loaded or saved, when the sliders came from one. */
  loadedName: string | null;
  /** Inputs differ from the loaded scenario (or from the preset when none is loaded). */
  modified: boolean;
  /** Parameters that differ from the preset. */
  changedCount: number;
  /** Figures for the current inputs: the written results when they match, else the instant model. */
  figures: InstantResult | null;
  /** True when `figures` are the written (refitted) results of exactly these inputs. */
  figuresWritten: boolean;
  /** The last written run, possibly of earlier inputs while a write is pending. */
  run: ScenarioRun | null;
  /** R&D frontier and history fit of the current inputs (a full run, 300 ms after the last change). */
  details: { frontier: FrontierData; calibration: ScenarioRun['calibration'] } | null;
  /** Where the figures come from: the written results, a full run at rest, or the instant model while inputs move. */
  figuresSource: 'written' | 'full' | 'instant' | null;
  writing: boolean;
  report: ActionReport | null;
  /** Changes whenever an input changes: results computed for other inputs are cleared on it. */
  inputsKey: string;
}

export interface ScenarioState extends ScenarioActions {}

const keyOf = (presetId: string, values: Record<string, number>, metrics: DerivedMetric[]) =>
  JSON.stringify([
    presetId,
    Object.keys(values)
      .sort()
      .map((k) => [k, values[k]]),
    metrics,
  ]);

export function useScenario(services: AppServices | null): ScenarioState {
  const firstPreset = PRESETS[0]?.id ?? 'baseline';
  const [presetId, setPresetId] = React.useState(firstPreset);
  const [values, setValues] = React.useState<Record<string, number>>(() => presetValues(firstPreset));
  const [metrics, setMetrics] = React.useState<DerivedMetric[]>([]);
  const [loaded, setLoaded] = React.useState<{ name: string; key: string } | null>(null);
  const [model, setModel] = React.useState<InstantModel | null>(null);
  const [written, setWritten] = React.useState<{ key: string; run: ScenarioRun } | null>(null);
  const [report, setReport] = React.useState<ActionReport | null>(null);
  const [writing, setWriting] = React.useState(false);

  // The instant model: loaded with the services, rebuilt when the NEV history changes.
  React.useEffect(() => {
    if (!services) return;
    let alive = true;
    const fetchModel = () =>
      services.instantModel().then(
        (m) => alive && setModel(() => m),
        (e: unknown) => alive && setReport({ ok: false, message: e instanceof Error ? e.message : String(e) }),
      );
    void fetchModel();
    const stop = services.onModelDataChanged(() => void fetchModel());
    return () => {
      alive = false;
      stop();
    };
  }, [services]);

  const latest = React.useRef({ presetId, values, metrics });

  const scheduler = React.useMemo(() => {
    if (!services) return null;
    return createWriteScheduler<{ presetId: string; values: Record<string, number>; metrics: DerivedMetric[] }>({
      write: async (s) => {
        try {
          const run = await services.runScenario(s.presetId, s.values, s.metrics);
          setWritten({ key: keyOf(s.presetId, s.values, s.metrics), run });
          setReport(run.report);
        } catch (error) {
          setReport({ ok: false, message: `Results not written: ${error instanceof Error ? error.message : String(error)}` });
        }
      },
      onBusyChange: setWriting,
    });
  }, [services]);
  React.useEffect(() => () => scheduler?.dispose(), [scheduler]);

  // A person edited the NEV history: refit and rewrite, once results exist.
  const hasRun = written !== null;
  React.useEffect(() => {
    if (!services || !scheduler) return;
    return services.onModelInputEdited(() => {
      if (hasRun) scheduler.request({ ...latest.current }, 'now');
    });
  }, [services, scheduler, hasRun]);

  // A person edited parameter cells on the Inputs sheet: the sliders follow the valid ones, refused cells are
  // reported (the last valid value keeps driving the model), and one write brings results and notes up to date.
  React.useEffect(() => {
    if (!services || !scheduler) return;
    const merge = (edit: ParameterCellsEdit, write: boolean) => {
      const l = latest.current;
      const changed = Object.entries(edit.values).filter(([id, v]) => l.values[id] !== v);
      if (changed.length) {
        const next = { ...l.values, ...Object.fromEntries(changed) };
        latest.current = { ...l, values: next };
        setValues(next);
      }
      if (edit.refused.length)
        setReport({
          ok: false,
          title: `${edit.refused.length} input cell(s) refused`,
          message: 'The last valid value of each keeps driving the model.',
          details: edit.refused,
        });
      if (write) scheduler.request({ ...latest.current }, 'now');
    };
    let alive = true;
    // On start, the sliders take the workbook's parameter cells (no write: nothing changed in the workbook).
    services.readParameterCells().then(
      (edit) => alive && edit && merge(edit, false),
      () => undefined,
    );
    const stop = services.onParameterCellsEdited((edit) => merge(edit, true));
    return () => {
      alive = false;
      stop();
    };
  }, [services, scheduler]);

  const key = keyOf(presetId, values, metrics);
  const figuresWritten = written?.key === key;

  // Frontier, fit and refitted figures: a full run without writing, once the inputs rest for 300 ms.
  // (The instant figures and the full run are the same model; the full run adds the frontier and the fit report.)
  const valuesKey = keyOf(presetId, values, []);
  const [full, setFull] = React.useState<{ key: string; details: NonNullable<ScenarioState['details']>; series: Series[] } | null>(null);
  const writtenRef = React.useRef(written);
  writtenRef.current = written;
  React.useEffect(() => {
    if (!services || !model) return;
    let alive = true;
    const timer = setTimeout(() => {
      // A write of these inputs already ran the full model: use it rather than running it again.
      const w = writtenRef.current;
      if (w && w.key === keyOf(presetId, values, metrics)) {
        setFull({ key: valuesKey, details: { frontier: w.run.frontier, calibration: w.run.calibration }, series: w.run.series });
        return;
      }
      // A write is on its way: it brings the full run (see the effect below).
      if (scheduler?.busy()) return;
      services.modelDetails(values).then(
        (d) => alive && setFull({ key: valuesKey, details: { frontier: d.frontier, calibration: d.calibration }, series: d.series }),
        () => undefined,
      );
    }, 350);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [services, model, values, valuesKey, presetId, metrics, scheduler]);
  // Written results are a full run of their inputs: they stand for the frontier, the fit and the figures.
  React.useEffect(() => {
    if (!written) return;
    const l = latest.current;
    if (written.key !== keyOf(l.presetId, l.values, l.metrics)) return;
    setFull({
      key: keyOf(l.presetId, l.values, []),
      details: { frontier: written.run.frontier, calibration: written.run.calibration },
      series: written.run.series,
    });
  }, [written]);
  const details = full?.details ?? null;
  const fullMatches = full?.key === valuesKey;

  const figuresSource: ScenarioState['figuresSource'] = figuresWritten ? 'written' : fullMatches ? 'full' : model ? 'instant' : null;
  const figures = React.useMemo(() => {
    if (figuresSource === 'written' && written) return seriesResult(written.run.series[0]?.years ?? [], written.run.series);
    if (figuresSource === 'full' && full) return seriesResult(full.series[0]?.years ?? [], full.series);
    return model ? model.evaluate(values) : null;
  }, [figuresSource, written, full, model, values]);

  const base = React.useMemo(() => presetValues(presetId), [presetId]);
  const changedCount = Object.keys(values).filter((id) => values[id] !== base[id]).length;
  const request = (next: { presetId: string; values: Record<string, number>; metrics: DerivedMetric[] }, mode: WriteMode) =>
    scheduler?.request(next, mode);

  const impl: ScenarioActions = {
    selectPreset(id) {
      const next = presetValues(id);
      latest.current = { ...latest.current, presetId: id, values: next };
      setPresetId(id);
      setValues(next);
      setLoaded(null);
      request({ presetId: id, values: next, metrics: latest.current.metrics }, 'now');
    },
    setValue(id, value, mode = 'settle') {
      const next = { ...latest.current.values, [id]: value };
      latest.current = { ...latest.current, values: next };
      setValues(next);
      request({ presetId: latest.current.presetId, values: next, metrics: latest.current.metrics }, mode);
    },
    release() {
      scheduler?.flush();
    },
    load(saved) {
      const next = { ...presetValues(saved.preset), ...saved.overrides };
      const nextMetrics = saved.expressions ?? [];
      latest.current = { presetId: saved.preset, values: next, metrics: nextMetrics };
      setPresetId(saved.preset);
      setValues(next);
      setMetrics(nextMetrics);
      setLoaded({ name: saved.name, key: keyOf(saved.preset, next, nextMetrics) });
      request({ presetId: saved.preset, values: next, metrics: nextMetrics }, 'now');
    },
    markSaved(name) {
      const l = latest.current;
      setLoaded({ name, key: keyOf(l.presetId, l.values, l.metrics) });
    },
    addMetric(metric) {
      const l = latest.current;
      if (l.metrics.some((m) => m.id === metric.id)) return `a derived metric "${metric.id}" exists already`;
      const error = services?.checkExpression(metric) ?? 'the model is still loading';
      if (error) return error;
      const next = [...l.metrics, metric];
      latest.current = { ...l, metrics: next };
      setMetrics(next);
      request({ presetId: l.presetId, values: l.values, metrics: next }, 'now');
      return null;
    },
    removeMetric(id) {
      const l = latest.current;
      const next = l.metrics.filter((m) => m.id !== id);
      latest.current = { ...l, metrics: next };
      setMetrics(next);
      request({ presetId: l.presetId, values: l.values, metrics: next }, 'now');
    },
    writeNow() {
      request({ ...latest.current }, 'now');
    },
    current: () => latest.current,
  };
  const implRef = React.useRef(impl);
  implRef.current = impl;
  const actions = React.useMemo<ScenarioActions>(
    () => ({
      selectPreset: (id) => implRef.current.selectPreset(id),
      setValue: (id, value, mode) => implRef.current.setValue(id, value, mode),
      release: () => implRef.current.release(),
      load: (saved) => implRef.current.load(saved),
      markSaved: (name) => implRef.current.markSaved(name),
      addMetric: (metric) => implRef.current.addMetric(metric),
      removeMetric: (id) => implRef.current.removeMetric(id),
      writeNow: () => implRef.current.writeNow(),
      current: () => implRef.current.current(),
    }),
    [],
  );

  return {
    actions,
    presetId,
    values,
    metrics,
    loadedName: loaded?.name ?? null,
    modified: loaded ? loaded.key !== key : changedCount > 0,
    changedCount,
    figures,
    figuresWritten,
    run: written?.run ?? null,
    details,
    figuresSource,
    writing,
    report,
    inputsKey: key,
    ...actions,
  };
}
