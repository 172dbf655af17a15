import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createAppServices } from '../app/createServices';
import { XLSX_MIME, exportFileName, workbookToXlsx } from '../app/exportXlsx';
import type { AppServices } from '../app/types';
import { createExcelPort, detectHost, excelLater } from '../workbook/excel/officeHost';
import type { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { AppShell } from './components/AppShell/AppShell';
import { persistWorkbook, restoreWorkbook, type StorageLike } from './persistence';

function browserStorage(): StorageLike | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked (sandboxed frame, privacy settings)
  }
}

/** Standalone mode: the in-memory workbook, kept in browser storage, drawn beside the pane. */
function StandaloneApp(props: { workbook: MemoryWorkbook; services: AppServices; reason: string; restoreNotice?: string }): React.ReactElement {
  const [storageWarning, setStorageWarning] = React.useState<string | null>(null);
  React.useEffect(() => persistWorkbook(props.workbook, browserStorage(), setStorageWarning), [props.workbook]);
  const notices = [props.restoreNotice, storageWarning].filter((n): n is string => Boolean(n));
  const onDownload = React.useCallback(async () => {
    const bytes = await workbookToXlsx(props.workbook.serialize());
    saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_MIME }), exportFileName());
  }, [props.workbook]);
  return <AppShell services={props.services} preview={props.workbook} standaloneReason={props.reason} notices={notices} onDownload={onDownload} />;
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
  const host = await detectHost({
    onSlow: () => {
      const boot = document.getElementById('rlab-boot');
      if (boot) boot.textContent = 'Connecting to Excel… (Excel is still starting; the pane will write to your workbook once it answers)';
    },
  });
  const renderExcel = async () => {
    const port = await createExcelPort();
    root.render(<AppShell services={createAppServices({ port, mode: 'excel' })} />);
  };
  if (host.kind === 'excel') return renderExcel();
  // A host that gave office.js no sign of itself before onReady: switch to Excel when it answers.
  void excelLater().then(renderExcel);
  const restored = restoreWorkbook(browserStorage());
  root.render(
    <StandaloneApp
      workbook={restored.workbook}
      services={createAppServices({ port: restored.workbook, mode: 'standalone' })}
      reason={host.reason}
      restoreNotice={restored.notice}
    />,
  );
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) container.textContent = `Reversal Lab could not start: ${error instanceof Error ? error.message : String(error)}`;
});
