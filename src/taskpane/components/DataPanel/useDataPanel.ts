import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionReport, AppServices, SimulationProgress } from '../../../app/types';
import { errorMessage } from '../../errors';

export interface DataPanelState {
  busy: string | null;
  /** Rows parsed so far of the running import, when it reports progress. */
  progress: SimulationProgress | null;
  cancel(): void;
  report: ActionReport | null;
  kind: string;
  setKind(kind: string): void;
  acceptValidRows: boolean;
  setAcceptValidRows(v: boolean): void;
  /** Add the imported rows to the table already in the workbook instead of replacing it. */
  append: boolean;
  setAppend(v: boolean): void;
  url: string;
  setUrl(url: string): void;
  /** Why Refresh cannot do anything (nothing linked yet), or null. */
  refreshBlocked: string | null;
  /** Why actions cannot run yet (the app is loading), or null. */
  blocked: string | null;
  loadReference(): Promise<void>;
  importFile(file: File): Promise<void>;
  importUrl(): Promise<void>;
  refresh(): Promise<void>;
  /** After a refresh held edited tables back: refresh again and overwrite them (the person's explicit choice). */
  overwriteEdits(): Promise<void>;
}

/** Data actions: each runs alone (busy names it) and ends with a report; errors become reports. */
export function useDataPanel(services: AppServices | null): DataPanelState {
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ActionReport | null>(null);
  const [kind, setKind] = useState('suppliers');
  const [acceptValidRows, setAcceptValidRows] = useState(false);
  const [append, setAppend] = useState(false);
  const [url, setUrl] = useState('');
  const [progress, setProgress] = useState<SimulationProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const [linked, setLinked] = useState<string[] | null>(null);
  const refreshLinks = useCallback(() => {
    services?.linkedTables().then(setLinked, () => setLinked([]));
  }, [services]);
  useEffect(refreshLinks, [refreshLinks]);

  async function act(label: string, task: (s: AppServices) => Promise<ActionReport>): Promise<void> {
    if (!services) return;
    setBusy(label);
    try {
      setReport(await task(services));
    } catch (error) {
      setReport({ ok: false, message: `${label} failed: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
      setProgress(null);
      controller.current = null;
      refreshLinks();
    }
  }

  return {
    busy,
    progress,
    cancel: () => controller.current?.abort(),
    report,
    kind,
    setKind,
    acceptValidRows,
    setAcceptValidRows,
    append,
    setAppend,
    url,
    setUrl,
    refreshBlocked:
      linked === null || linked.length > 0
        ? null
        : 'Nothing to refresh yet: load the reference data or import a file first; Refresh then pulls their sources again.',
    blocked: services ? null : 'Loading…',
    loadReference: () => act('Loading reference data', (sv) => sv.loadReferenceData()),
    importFile: (file) =>
      act(`Importing ${file.name}`, async (sv) => {
        controller.current = new AbortController();
        return sv.importFile(file.name, new Uint8Array(await file.arrayBuffer()), kind, acceptValidRows, {
          onProgress: setProgress,
          signal: controller.current.signal,
          append,
        });
      }),
    importUrl: () => act(`Importing ${url}`, (sv) => sv.importUrl(url.trim(), kind, acceptValidRows, { append })),
    refresh: () => act('Refreshing linked tables', (sv) => sv.refreshLinked()),
    overwriteEdits: () => act('Refreshing and overwriting edited tables', (sv) => sv.refreshLinked({ overwriteEdits: true })),
  };
}
