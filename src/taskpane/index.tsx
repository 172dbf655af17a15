import * as React from 'react';
import { createRoot } from 'react-dom/client';
import type { AppServices } from '../app/types';
import { createExcelPort, detectHost, excelLater, type HostInfo } from '../workbook/excel/officeHost';
import type { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import type { WorkbookPort } from '../workbook/port';
import { AppShell } from './components/AppShell/AppShell';
import { persistWorkbook, restoreWorkbook, type StorageLike } from './persistence';
import { browserThemeSource, officeThemeSource } from './theme/hostTheme';

function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (sandboxed frame, privacy settings)
  }
}

const standaloneTheme = browserThemeSource();

/** "Excel is slow to answer": set by detectHost's onSlow, shown by the pane until the host is known. */
const slowHost = {
  slow: false,
  listener: null as (() => void) | null,
  mark() {
    this.slow = true;
    this.listener?.();
  },
};

/**
 * Draws the pane at once and finds the host in parallel: in a browser the in-memory workbook appears
 * beside the pane when office.js has answered (standalone); in Excel the pane works on the real workbook.
 */
function Root(props: {
  host: Promise<HostInfo>;
  services: () => Promise<AppServices>;
  workbook: MemoryWorkbook;
  restoreNotice?: string;
}): React.ReactElement {
  const [host, setHost] = React.useState<HostInfo | null>(null);
  React.useEffect(() => {
    void props.host.then(setHost);
  }, [props.host]);
  const [slow, setSlow] = React.useState(slowHost.slow);
  React.useEffect(() => {
    slowHost.listener = () => setSlow(true);
    return () => void (slowHost.listener = null);
  }, []);
  const standalone = host?.kind === 'standalone';
  const [storageWarning, setStorageWarning] = React.useState<string | null>(null);
  React.useEffect(
    () => (standalone ? persistWorkbook(props.workbook, browserStorage(), setStorageWarning) : undefined),
    [standalone, props.workbook],
  );
  const notices = standalone
    ? [props.restoreNotice, storageWarning].filter((n): n is string => Boolean(n))
    : !host && slow
      ? ['Connecting to Excel… Excel is still starting; the pane writes to your workbook once it answers.']
      : [];
  const onDownload = React.useCallback(async () => {
    const { XLSX_MIME, exportFileName, workbookToXlsx } = await import(/* webpackChunkName: "export" */ '../app/datasets/exportXlsx');
    const bytes = await workbookToXlsx(props.workbook.serialize());
    saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }), exportFileName());
  }, [props.workbook]);
  const officeTheme = React.useMemo(() => (host?.kind === 'excel' ? officeThemeSource() : null), [host]);
  return (
    <AppShell
      services={props.services}
      mode={host ? (host.kind === 'excel' ? 'excel' : 'standalone') : undefined}
      preview={standalone ? props.workbook : undefined}
      standaloneReason={host?.kind === 'standalone' ? host.reason : undefined}
      notices={notices}
      onDownload={standalone ? onDownload : undefined}
      themeSource={officeTheme ?? standaloneTheme}
    />
  );
}

/** Hands a file to the browser's download manager. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Picks the workbook adapter for the host and renders the pane. Outside Office it starts standalone at
 * once; inside Excel it waits for office.js however long a cold start takes (saying so after 3 s) and
 * never falls back to the in-memory workbook because Excel was slow (see workbook/excel/officeHost.ts).
 */
async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  const restored = restoreWorkbook(browserStorage()); // cheap; used only when standalone
  const host = detectHost({ onSlow: () => slowHost.mark() });
  const render = (hostInfo: Promise<HostInfo>, key: string) => {
    // The app chunk (models, data) is fetched and started once the pane is on screen.
    let services: Promise<AppServices> | null = null;
    const loadServices = () =>
      (services ??= hostInfo.then(async (h) => {
        const port: WorkbookPort = h.kind === 'excel' ? await createExcelPort() : restored.workbook;
        const { createAppServices } = await import(/* webpackChunkName: "app", webpackPrefetch: true */ '../app/createServices');
        return createAppServices({ port, mode: h.kind === 'excel' ? 'excel' : 'standalone' });
      }));
    root.render(<Root key={key} host={hostInfo} services={loadServices} workbook={restored.workbook} restoreNotice={restored.notice} />);
  };
  render(host, 'first');
  // A host that gave office.js no sign of itself before onReady started standalone: switch to Excel when it answers.
  void host.then((h) =>
    h.kind === 'standalone' ? excelLater().then(() => render(Promise.resolve({ kind: 'excel' }), 'excel')) : undefined,
  );
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) container.textContent = `Reversal Lab could not start: ${error instanceof Error ? error.message : String(error)}`;
});
