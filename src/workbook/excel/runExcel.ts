/**
 * The one wrapper around Excel.run: retries while the user is editing a cell and bounds every
 * context.sync() with a timeout so a stuck host gives a clear error instead of a frozen pane.
 */

/** The part of the `Excel` namespace the adapter uses; tests pass a fake with the same shape. */
export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface RunExcelOptions {
  /** Retries when Excel answers InvalidOperationInCellEditMode (the user is typing in a cell). */
  editModeRetries: number;
  /** First wait before a retry; doubles each time. */
  retryBaseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Office.js error code while a cell is in edit mode (Excel.ErrorCodes.invalidOperationInCellEditMode). */
export const CELL_EDIT_MODE_CODE = 'InvalidOperationInCellEditMode';

export function isCellEditModeError(e: unknown): boolean {
  const err = e as { code?: unknown; debugInfo?: { code?: unknown } } | null;
  return err?.code === CELL_EDIT_MODE_CODE || err?.debugInfo?.code === CELL_EDIT_MODE_CODE;
}

export class ExcelTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`Excel did not answer within ${Math.round(ms / 1000)} s while ${what}. Close any open dialog in Excel and try again.`);
    this.name = 'ExcelTimeoutError';
  }
}

/** Runs `batch` in Excel.run; on a cell-edit-mode error waits (backoff) and runs it again. */
export async function runExcel<T>(host: ExcelHost, batch: (context: Excel.RequestContext) => Promise<T>, options: RunExcelOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      // `return await` so a rejection is caught here and can be retried.
      return await host.run(batch);
    } catch (e) {
      if (!isCellEditModeError(e)) throw e;
      if (attempt >= options.editModeRetries) {
        throw new Error(`Excel is in cell-edit mode (a cell is being typed in); gave up after ${attempt + 1} tries. Press Enter or Esc in Excel and try again.`, { cause: e });
      }
      await options.sleep(options.retryBaseDelayMs * 2 ** attempt);
    }
  }
}

/** context.sync() that fails with ExcelTimeoutError after timeoutMs. */
export async function syncWithTimeout(context: Excel.RequestContext, timeoutMs: number, what: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExcelTimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([context.sync(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
