import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionReport, AppServices, DerivedMetric, SavedScenario, ScenarioRun } from '../../../app/types';

export interface ScenarioPanelState {
  presetId: string;
  values: Record<string, number>;
  run: ScenarioRun | null;
  busy: boolean;
  report: ActionReport | null;
  saved: SavedScenario[];
  metrics: DerivedMetric[];
  /** Adds a derived metric after checking it; returns the error, or null when added. */
  addMetric(metric: DerivedMetric): string | null;
  removeMetric(id: string): void;
  selectPreset(id: string): void;
  setValue(id: string, value: number): void;
  runNow(): void;
  save(name: string): Promise<void>;
  compare(names: string[]): Promise<void>;
}

/** Scenario state: preset + edited values; reruns the model (debounced) and keeps only the latest answer. */
export function useScenarioPanel(
  services: AppServices,
  debounceMs: number,
  onValuesChange?: (presetId: string, values: Record<string, number>) => void,
): ScenarioPanelState {
  const firstPreset = services.presets[0]?.id ?? 'baseline';
  const [presetId, setPresetId] = useState(firstPreset);
  const [values, setValues] = useState<Record<string, number>>(() => services.presetValues(firstPreset));
  const [run, setRun] = useState<ScenarioRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ActionReport | null>(null);
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  const [metrics, setMetrics] = useState<DerivedMetric[]>([]);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const execute = useCallback(
    async (preset: string, vals: Record<string, number>, derived: DerivedMetric[]) => {
      const mine = ++sequence.current;
      setBusy(true);
      try {
        const result = await services.runScenario(preset, vals, derived);
        if (mine !== sequence.current) return; // a newer run superseded this one
        setRun(result);
        setReport(result.report);
      } catch (error) {
        if (mine === sequence.current) setReport({ ok: false, message: errorMessage(error) });
      } finally {
        if (mine === sequence.current) setBusy(false);
      }
    },
    [services],
  );

  const schedule = useCallback(
    (preset: string, vals: Record<string, number>, derived: DerivedMetric[]) => {
      onValuesChange?.(preset, vals);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void execute(preset, vals, derived), debounceMs);
    },
    [execute, debounceMs, onValuesChange],
  );

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // A person edited the NEV history in the workbook: refit and rewrite, once results exist.
  const latest = useRef({ presetId, values, metrics, hasRun: false });
  latest.current = { presetId, values, metrics, hasRun: run !== null };
  useEffect(
    () =>
      services.onModelInputEdited(() => {
        const l = latest.current;
        if (l.hasRun) schedule(l.presetId, l.values, l.metrics);
      }),
    [services, schedule],
  );

  useEffect(() => {
    onValuesChange?.(presetId, values);
    services.listScenarios().then(setSaved, () => setSaved([]));
    // only once: the initial scenario
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return {
    presetId,
    values,
    run,
    busy,
    report,
    saved,
    metrics,
    addMetric(metric) {
      if (metrics.some((m) => m.id === metric.id)) return `a derived metric "${metric.id}" exists already`;
      const error = services.checkExpression(metric);
      if (error) return error;
      const next = [...metrics, metric];
      setMetrics(next);
      schedule(presetId, values, next);
      return null;
    },
    removeMetric(id) {
      const next = metrics.filter((m) => m.id !== id);
      setMetrics(next);
      schedule(presetId, values, next);
    },
    selectPreset(id) {
      const next = services.presetValues(id);
      setPresetId(id);
      setValues(next);
      schedule(id, next, metrics);
    },
    setValue(id, value) {
      const next = { ...values, [id]: value };
      setValues(next);
      schedule(presetId, next, metrics);
    },
    runNow() {
      if (timer.current) clearTimeout(timer.current);
      void execute(presetId, values, metrics);
    },
    async save(name) {
      const overrides: Record<string, number> = {};
      const base = services.presetValues(presetId);
      for (const [id, v] of Object.entries(values)) if (base[id] !== v) overrides[id] = v;
      const r = await services.saveScenario({ name, preset: presetId, overrides, ...(metrics.length ? { expressions: metrics } : {}) });
      setReport(r);
      setSaved(await services.listScenarios());
    },
    async compare(names) {
      setBusy(true);
      try {
        setReport(await services.compareScenarios(names));
      } catch (error) {
        setReport({ ok: false, message: errorMessage(error) });
      } finally {
        setBusy(false);
      }
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
