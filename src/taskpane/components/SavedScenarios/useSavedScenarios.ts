import * as React from 'react';
import { comparisonChart, type ChartSpec } from '../../../app/plans/charts';
import { presetValues } from '../../../app/scenario/presetValues';
import type { ActionReport, ComparisonData, SavedScenario } from '../../../app/types';
import type { SavedScenariosProps } from './SavedScenarios.types';

export interface SavedScenariosState {
  list: SavedScenario[];
  name: string;
  setName(name: string): void;
  /** Why Save cannot run, or null. */
  saveBlocked: string | null;
  save(): Promise<void>;
  load(name: string): void;
  renaming: { from: string; to: string } | null;
  startRename(name: string): void;
  setRenameTo(to: string): void;
  commitRename(): Promise<void>;
  cancelRename(): void;
  duplicate(name: string): Promise<void>;
  deleting: string | null;
  askDelete(name: string): void;
  confirmDelete(): Promise<void>;
  cancelDelete(): void;
  picked: string[];
  togglePick(name: string, on: boolean): void;
  /** Why Compare cannot run, or null. */
  compareBlocked: string | null;
  compare(): Promise<void>;
  comparison: ComparisonData | null;
  compareOutput: string;
  setCompareOutput(id: string): void;
  compareSpec: ChartSpec | null;
  busy: boolean;
  report: ActionReport | null;
}

/** Changes of a scenario from its preset. */
export function overridesOf(presetId: string, values: Record<string, number>): Record<string, number> {
  const base = presetValues(presetId);
  const out: Record<string, number> = {};
  for (const [id, v] of Object.entries(values)) if (base[id] !== v) out[id] = v;
  return out;
}

export function useSavedScenarios({ services, loadedName, actions }: SavedScenariosProps): SavedScenariosState {
  const [list, setList] = React.useState<SavedScenario[]>([]);
  const [name, setName] = React.useState('');
  const [renaming, setRenaming] = React.useState<{ from: string; to: string } | null>(null);
  const [deleting, setDeleting] = React.useState<string | null>(null);
  const [picked, setPicked] = React.useState<string[]>([]);
  const [comparison, setComparison] = React.useState<ComparisonData | null>(null);
  const [compareOutput, setCompareOutput] = React.useState('nev.share.China');
  const [busy, setBusy] = React.useState(false);
  const [report, setReport] = React.useState<ActionReport | null>(null);

  const refresh = React.useCallback(async () => {
    if (!services) return;
    const next = await services.listScenarios().catch(() => []);
    setList(next);
    setPicked((p) => p.filter((n) => next.some((s) => s.name === n)));
  }, [services]);
  React.useEffect(() => void refresh(), [refresh]);

  const act = async (task: () => Promise<ActionReport>) => {
    setBusy(true);
    try {
      const r = await task();
      setReport(r);
      await refresh();
      return r;
    } catch (error) {
      const r = { ok: false, message: error instanceof Error ? error.message : String(error) };
      setReport(r);
      return r;
    } finally {
      setBusy(false);
    }
  };

  const trimmed = name.trim();
  const spec = React.useMemo(() => {
    if (!comparison) return null;
    const out = comparison.outputs.find((o) => o.id === compareOutput) ?? comparison.outputs[0];
    if (!out) return null;
    return comparisonChart(
      out,
      comparison.names.map((n, i) => ({ name: n, years: comparison.years, values: out.values[i] })),
    );
  }, [comparison, compareOutput]);

  return {
    list,
    name,
    setName,
    saveBlocked: !services ? 'The model is still loading.' : trimmed === '' ? 'Type a name to save the current inputs.' : null,
    async save() {
      if (!services || trimmed === '') return;
      const now = actions.current();
      const r = await act(() =>
        services.saveScenario({
          name: trimmed,
          preset: now.presetId,
          overrides: overridesOf(now.presetId, now.values),
          ...(now.metrics.length ? { expressions: now.metrics } : {}),
        }),
      );
      if (r.ok) {
        actions.markSaved(trimmed);
        setName('');
      }
    },
    load(n) {
      const s = list.find((x) => x.name === n);
      if (!s) return;
      actions.load(s);
      setReport({ ok: true, message: `Loaded "${n}": the sliders now hold its inputs.` });
    },
    renaming,
    startRename: (from) => setRenaming({ from, to: from }),
    setRenameTo: (to) => setRenaming((r) => (r ? { ...r, to } : r)),
    async commitRename() {
      if (!services || !renaming) return;
      const { from, to } = renaming;
      const r = await act(() => services.renameScenario(from, to));
      if (r.ok) {
        setRenaming(null);
        setPicked((p) => p.map((x) => (x === from ? to.trim() : x)));
        if (loadedName === from) actions.markSaved(to.trim());
      }
    },
    cancelRename: () => setRenaming(null),
    async duplicate(n) {
      if (services) await act(() => services.duplicateScenario(n));
    },
    deleting,
    askDelete: setDeleting,
    async confirmDelete() {
      if (!services || !deleting) return;
      const n = deleting;
      setDeleting(null);
      await act(() => services.deleteScenario(n));
    },
    cancelDelete: () => setDeleting(null),
    picked,
    togglePick: (n, on) => setPicked((p) => (on ? [...p.filter((x) => x !== n), n] : p.filter((x) => x !== n))),
    compareBlocked: !services
      ? 'The model is still loading.'
      : picked.length < 2
        ? 'Tick two or more saved scenarios to compare them.'
        : null,
    async compare() {
      if (!services || picked.length < 2) return;
      setBusy(true);
      try {
        const r = await services.compareScenarios(picked);
        setReport(r);
        setComparison(r.comparison ?? null);
      } catch (error) {
        setReport({ ok: false, message: error instanceof Error ? error.message : String(error) });
      } finally {
        setBusy(false);
      }
    },
    comparison,
    compareOutput,
    setCompareOutput,
    compareSpec: spec,
    busy,
    report,
  };
}
