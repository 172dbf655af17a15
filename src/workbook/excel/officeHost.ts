/**
 * Host detection: the only place that waits for Office.onReady. Lives in workbook/excel so that the
 * `Office`/`Excel` globals stay inside this folder (checked by tests/architecture.test.ts).
 *
 * office.js itself knows whether the page runs in an Office host before onReady: the host passes its
 * identity as `_host_Info` in the page URL, in window.name or through window.external.GetHostInfo, and
 * office.js keeps it in sessionStorage ("hostInfoValue") for later navigations. We read the same places:
 * - no host information: the page was opened in a browser, so the pane starts standalone at once
 *   (no wait at all; before, every standalone start waited 3 s for onReady);
 * - host information: the pane waits for onReady as long as it takes (a cold start of Excel on the web
 *   or Mac can exceed 3 s) and `onSlow` lets it say so, but it never falls back to the in-memory
 *   workbook because Excel was slow. `excelLater` covers a host that gave no information after all.
 */
import type { WorkbookPort } from '../port';

export type HostInfo = { kind: 'excel' } | { kind: 'standalone'; reason: string };

interface OfficeLike {
  onReady(): Promise<{ host: unknown; platform: unknown }>;
  HostType?: { Excel?: unknown };
}

/** The globals detection reads (the window in the pane; a plain object in tests). */
export interface HostScope {
  Office?: unknown;
  location?: { search?: string; hash?: string };
  name?: string;
  sessionStorage?: { getItem(key: string): string | null };
  external?: { GetHostInfo?: unknown };
  agaveHost?: unknown;
}

export interface DetectHostOptions {
  scope?: HostScope;
  /** Called once when onReady has not answered after slowAfterMs inside an Office host. */
  onSlow?: () => void;
  slowAfterMs?: number;
  setTimer?: (fn: () => void, ms: number) => void;
}

const browserScope = () => globalThis as unknown as HostScope;

/** Whether office.js will find an Office host: the same sources office.js reads its host info from. */
export function hostInfoPresent(scope: HostScope): boolean {
  const search = `${scope.location?.search ?? ''}&${scope.location?.hash ?? ''}`;
  if (/[?&#]_host_Info=/i.test(search)) return true;
  try {
    if (scope.name && (JSON.parse(scope.name) as { hostInfo?: unknown })?.hostInfo) return true;
  } catch {
    // window.name is not office.js's JSON: no host info there
  }
  try {
    if (scope.sessionStorage?.getItem('hostInfoValue')) return true;
  } catch {
    // storage blocked: no host info there
  }
  return typeof scope.external?.GetHostInfo === 'function' || scope.agaveHost !== undefined;
}

function officeOf(scope: HostScope): OfficeLike | null {
  const office = scope.Office as OfficeLike | undefined;
  return office && typeof office.onReady === 'function' ? office : null;
}

function fromReady(office: OfficeLike, info: { host: unknown }): HostInfo {
  const excel = office.HostType?.Excel ?? 'Excel';
  if (info.host === excel) return { kind: 'excel' };
  return info.host
    ? { kind: 'standalone', reason: `Opened in ${String(info.host)}, not Excel, so the pane runs on an in-memory workbook.` }
    : { kind: 'standalone', reason: 'Opened outside Excel, so the pane runs on an in-memory workbook.' };
}

/** Resolves with the host the pane runs in; never hangs outside Office, never gives up inside it. */
export function detectHost(options: DetectHostOptions = {}): Promise<HostInfo> {
  const scope = options.scope ?? browserScope();
  const office = officeOf(scope);
  if (!office) {
    return Promise.resolve({
      kind: 'standalone',
      reason: 'office.js could not be loaded (offline or blocked), so the pane runs on an in-memory workbook.',
    });
  }
  if (!hostInfoPresent(scope))
    return Promise.resolve({ kind: 'standalone', reason: 'Opened outside Excel, so the pane runs on an in-memory workbook.' });
  let answered = false;
  (options.setTimer ?? ((fn, ms) => void setTimeout(fn, ms)))(() => {
    if (!answered) options.onSlow?.();
  }, options.slowAfterMs ?? 3000);
  return office.onReady().then(
    (info) => {
      answered = true;
      return fromReady(office, info);
    },
    (error: unknown) => {
      answered = true;
      return { kind: 'standalone', reason: `office.js failed to start (${String(error)}).` };
    },
  );
}

/**
 * For a pane that started standalone although office.js is there: resolves if onReady later says the
 * host is Excel after all (the pane then switches to Excel); stays pending otherwise.
 */
export function excelLater(scope: HostScope = browserScope()): Promise<void> {
  const office = officeOf(scope);
  if (!office) return new Promise(() => undefined);
  return office.onReady().then(
    (info) => (fromReady(office, info).kind === 'excel' ? undefined : new Promise<void>(() => undefined)),
    () => new Promise<void>(() => undefined),
  );
}

/** Builds the Office.js workbook adapter from the `Excel` global (only valid after detectHost says excel). */
export async function createExcelPort(): Promise<WorkbookPort> {
  const { ExcelWorkbook } = await import('./excelWorkbook');
  const office = (globalThis as unknown as { Office?: typeof Office }).Office;
  return new ExcelWorkbook((globalThis as unknown as { Excel: typeof Excel }).Excel, {
    supports: (set, version) => office?.context?.requirements?.isSetSupported(set, version) ?? false,
  });
}
