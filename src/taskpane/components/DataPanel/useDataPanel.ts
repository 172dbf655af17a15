import { useRef, useState } from 'react';
import type { ActionReport, AppServices, SimulationProgress } from '../../../app/types';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';

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
  loadReference(): Promise<void>;
  importFile(file: File): Promise<void>;
  importUrl(): Promise<void>;
  refresh(): Promise<void>;
  /** After a refresh held edited tables back: refresh again and overwrite them (the person's explicit choice). */
  overwriteEdits(): Promise<void>;
}

/** Data actions: each runs alone (busy names it) and ends with a report; errors become reports. */
export function useDataPanel(services: AppServices): DataPanelState {
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ActionReport | null>(null);
  const [kind, setKind] = useState(services.importKinds[0]?.id ?? 'suppliers');
  const [acceptValidRows, setAcceptValidRows] = useState(false);
  const [append, setAppend] = useState(false);
  const [url, setUrl] = useState('');
  const [progress, setProgress] = useState<SimulationProgress | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function act(label: string, task: () => Promise<ActionReport>): Promise<void> {
    setBusy(label);
    try {
      setReport(await task());
    } catch (error) {
      setReport({ ok: false, message: `${label} failed: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
      setProgress(null);
      controller.current = null;
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
    loadReference: () => act('Loading reference data', () => services.loadReferenceData()),
    importFile: (file) =>
      act(`Importing ${file.name}`, async () => {
        controller.current = new AbortController();
        return services.importFile(file.name, new Uint8Array(await file.arrayBuffer()), kind, acceptValidRows, {
          onProgress: setProgress,
          signal: controller.current.signal,
          append,
        });
      }),
    importUrl: () => act(`Importing ${url}`, () => services.importUrl(url.trim(), kind, acceptValidRows, { append })),
    refresh: () => act('Refreshing linked tables', () => services.refreshLinked()),
    overwriteEdits: () => act('Refreshing and overwriting edited tables', () => services.refreshLinked({ overwriteEdits: true })),
  };
}
