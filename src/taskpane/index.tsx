import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { createAppServices } from '../app/createServices';
import { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';
import { createExcelPort, detectHost } from '../workbook/excel/officeHost';
import { AppShell } from './components/AppShell/AppShell';

/** Picks the workbook adapter for the host and renders the pane. */
async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  const host = await detectHost(3000);
  if (host.kind === 'excel') {
    const port = await createExcelPort();
    root.render(<AppShell services={createAppServices({ port, mode: 'excel' })} />);
    return;
  }
  const memory = new MemoryWorkbook();
  root.render(
    <AppShell
      services={createAppServices({ port: memory, mode: 'standalone' })}
      preview={memory}
      standaloneReason={host.reason}
    />,
  );
}

start().catch((error: unknown) => {
  const container = document.getElementById('root');
  if (container) container.textContent = `Reversal Lab could not start: ${error instanceof Error ? error.message : String(error)}`;
});
