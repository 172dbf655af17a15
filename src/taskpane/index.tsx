import * as React from 'react';
import { createRoot } from 'react-dom/client';
import type { AppServices } from '../app/types';
import { createExcelPort, detectHost } from '../workbook/excel/officeHost';
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

/**
 * The application (data, models, mathjs, papaparse) is its own chunk: the pane draws its header, tabs
 * and sliders first and gets its figures when this arrives.
 */
function loadServices(port: WorkbookPort, mode: 'excel' | 'standalone'): Promise<AppServices> {
  return import(/* webpackChunkName: "app" */ '../app/createServices').then(({ createAppServices }) => createAppServices({ port, mode }));
}

const standaloneTheme = browserThemeSource();

/** Standalone mode: the in-memory workbook, kept in browser storage, drawn beside the pane. */
function StandaloneApp(props: { workbook: MemoryWorkbook; reason: string; restoreNotice?: string }): React.ReactElement {
  const [storageWarning, setStorageWarning] = React.useState<string | null>(null);
  React.useEffect(() => persistWorkbook(props.workbook, browserStorage(), setStorageWarning), [props.workbook]);
  const services = React.useMemo(() => loadServices(props.workbook, 'standalone'), [props.workbook]);
  const notices = [props.restoreNotice, storageWarning].filter((n): n is string => Boolean(n));
  const onDownload = React.useCallback(async () => {
    const { XLSX_MIME, exportFileName, workbookToXlsx } = await import(/* webpackChunkName: "export" */ '../app/exportXlsx');
    const bytes = await workbookToXlsx(props.workbook.serialize());
    saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }), exportFileName());
  }, [props.workbook]);
  return (
    <AppShell
      services={services}
      mode="standalone"
      preview={props.workbook}
      standaloneReason={props.reason}
      notices={notices}
      onDownload={onDownload}
      themeSource={standaloneTheme}
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

/** Picks the workbook adapter for the host and renders the pane. */
async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  const host = await detectHost(3000);
  if (host.kind === 'excel') {
    const port = await createExcelPort();
    root.render(<AppShell services={loadServices(port, 'excel')} mode="excel" themeSource={officeThemeSource()} />);
    return;
  }
  const restored = restoreWorkbook(browserStorage());
  root.render(<StandaloneApp workbook={restored.workbook} reason={host.reason} restoreNotice={restored.notice} />);
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) container.textContent = `Reversal Lab could not start: ${error instanceof Error ? error.message : String(error)}`;
});
