/**
 * Host detection: the only place that waits for Office.onReady. Lives in workbook/excel so that the
 * `Office`/`Excel` globals stay inside this folder (checked by tests/architecture.test.ts).
 */
import type { WorkbookPort } from '../port';

export type HostInfo = { kind: 'excel' } | { kind: 'standalone'; reason: string };

interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
}

/**
 * Resolves with the host the pane runs in. Never hangs: when office.js failed to load or does not
 * answer within timeoutMs, the pane runs standalone on the in-memory workbook.
 */
export function detectHost(timeoutMs = 3000, scope: { Office?: unknown } = globalThis as { Office?: unknown }): Promise<HostInfo> {
  const office = scope.Office as OfficeLike | undefined;
  if (!office || typeof office.onReady !== 'function') {
    return Promise.resolve({ kind: 'standalone', reason: 'office.js could not be loaded (offline or blocked), so the pane runs on an in-memory workbook.' });
  }
  return new Promise<HostInfo>((resolve) => {
    const timer = setTimeout(
      () => resolve({ kind: 'standalone', reason: `office.js did not answer within ${timeoutMs / 1000} s, so the pane runs on an in-memory workbook.` }),
      timeoutMs,
    );
    office.onReady().then(
      (info) => {
        clearTimeout(timer);
        const excel = office.HostType?.Excel ?? 'Excel';
        resolve(
          info.host === excel
            ? { kind: 'excel' }
            : { kind: 'standalone', reason: 'Opened outside Excel, so the pane runs on an in-memory workbook.' },
        );
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'standalone', reason: `office.js failed to start (${String(error)}).` });
      },
    );
  });
}

/** Builds the Office.js workbook adapter from the `Excel` global (only valid after detectHost says excel). */
export async function createExcelPort(): Promise<WorkbookPort> {
  const { ExcelWorkbook } = await import('./excelWorkbook');
  return new ExcelWorkbook((globalThis as unknown as { Excel: typeof Excel }).Excel);
}
