import { useState } from 'react';
import type { ActionReport, AppServices } from '../../../app/types';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';

export interface DataPanelState {
  busy: string | null;
  report: ActionReport | null;
  kind: string;
  setKind(kind: string): void;
  acceptValidRows: boolean;
  setAcceptValidRows(v: boolean): void;
  url: string;
  setUrl(url: string): void;
  loadReference(): Promise<void>;
  importFile(file: File): Promise<void>;
  importUrl(): Promise<void>;
  refresh(): Promise<void>;
}

/** Data actions: each runs alone (busy names it) and ends with a report; errors become reports. */
export function useDataPanel(services: AppServices): DataPanelState {
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ActionReport | null>(null);
  const [kind, setKind] = useState(services.importKinds[0]?.id ?? 'suppliers');
  const [acceptValidRows, setAcceptValidRows] = useState(false);
  const [url, setUrl] = useState('');

  async function act(label: string, task: () => Promise<ActionReport>): Promise<void> {
    setBusy(label);
    try {
      setReport(await task());
    } catch (error) {
      setReport({ ok: false, message: `${label} failed: ${errorMessage(error)}` });
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    report,
    kind,
    setKind,
    acceptValidRows,
    setAcceptValidRows,
    url,
    setUrl,
    loadReference: () => act('Loading reference data', () => services.loadReferenceData()),
    importFile: (file) =>
      act(`Importing ${file.name}`, async () =>
        services.importFile(file.name, new Uint8Array(await file.arrayBuffer()), kind, acceptValidRows),
      ),
    importUrl: () => act(`Importing ${url}`, () => services.importUrl(url.trim(), kind, acceptValidRows)),
    refresh: () => act('Refreshing linked tables', () => services.refreshLinked()),
  };
}
