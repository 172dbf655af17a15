/**
 * The one wrapper around Excel.run. Every batch runs with `delayForCellEdit: true` (Excel.RunOptions:
 * "the batch request is delayed until the user exits cell edit mode"), plus `mergeUndoGroup: true` where
 * the host has ExcelApi 1.20 (one undo step per action instead of one per sync). Hosts that ignore
 * delayForCellEdit still answer InvalidOperationInCellEditMode at context.sync(), so such a failure is
 * retried with backoff; the error keeps the Office error (its `code`) as `cause`.
 * Every context.sync() is bounded by a timeout, but a write sync that timed out is still running in Excel:
 * `settle()` lets the caller wait for it before restoring anything.
 */

/** The part of the `Excel` namespace the adapter uses; tests pass a fake with the same shape. */
export interface ExcelHost {
  run<T>(optionsOrContext: Excel.RunOptions | Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

export interface RunExcelOptions {
  /** Retries when Excel answers InvalidOperationInCellEditMode (the user is typing in a cell). */
  editModeRetries: number;
  /** First wait before a retry; doubles each time. */
  retryBaseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Host has ExcelApi 1.20: merge the syncs of one Excel.run into one undo step. */
  mergeUndoGroup: boolean;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Office.js error code while a cell is in edit mode (Excel.ErrorCodes.invalidOperationInCellEditMode). */
export const CELL_EDIT_MODE_CODE = 'InvalidOperationInCellEditMode';

/** The Office error code of `e` or of the first error in its `cause` chain that has one. */
export function officeErrorCode(e: unknown): string | undefined {
  for (
    let x = e as { code?: unknown; debugInfo?: { code?: unknown }; cause?: unknown } | null, i = 0;
    x && i < 10;
    x = x.cause as typeof x, i++
  ) {
    const code = typeof x.code === 'string' ? x.code : typeof x.debugInfo?.code === 'string' ? x.debugInfo.code : undefined;
    if (code) return code;
  }
  return undefined;
}

export function isCellEditModeError(e: unknown): boolean {
  return officeErrorCode(e) === CELL_EDIT_MODE_CODE;
}

/** Gave up waiting for the person to leave cell-edit mode. */
export class ExcelCellEditError extends Error {
  readonly code = CELL_EDIT_MODE_CODE;
  constructor(tries: number, cause: unknown) {
    super(
      `Excel is in cell-edit mode (a cell is being typed in); gave up after ${tries} tries. Press Enter or Esc in Excel and try again.`,
      { cause },
    );
    this.name = 'ExcelCellEditError';
  }
}

export class ExcelTimeoutError extends Error {
  readonly code = 'RlabTimeout';
  constructor(what: string, ms: number) {
    super(
      `Excel did not answer within ${Math.round(ms / 1000)} s while ${what}. If a cell is being edited press Enter or Esc, close any open dialog in Excel, and try again.`,
    );
    this.name = 'ExcelTimeoutError';
  }
}

/** A failure that may be retried: cell-edit mode, unless the error says its changes were not all undone. */
function retryable(e: unknown): boolean {
  return isCellEditModeError(e) && (e as { retryable?: boolean }).retryable !== false;
}

/** Runs `batch` in Excel.run; on a cell-edit-mode error waits (backoff) and runs it again. */
export async function runExcel<T>(
  host: ExcelHost,
  batch: (context: Excel.RequestContext) => Promise<T>,
  options: RunExcelOptions,
): Promise<T> {
  const runOptions: Excel.RunOptions = options.mergeUndoGroup
    ? { delayForCellEdit: true, mergeUndoGroup: true }
    : { delayForCellEdit: true };
  for (let attempt = 0; ; attempt++) {
    try {
      // `return await` so a rejection is caught here and can be retried.
      return await host.run(runOptions, batch);
    } catch (e) {
      if (!retryable(e)) throw e;
      if (attempt >= options.editModeRetries) throw new ExcelCellEditError(attempt + 1, e);
      await options.sleep(options.retryBaseDelayMs * 2 ** attempt);
    }
  }
}

/** Starts a timer; returns its cancel function (injected in tests so no test waits for real time). */
export type SetTimer = (fn: () => void, ms: number) => () => void;
export const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

/**
 * context.sync() with a timeout. After a timeout the sync may still be running in Excel; `settle()` waits
 * for it (bounded by `settleMs`) so a rollback never races the write it is meant to undo.
 */
export class TimedSync {
  private inFlight: Promise<'done' | 'failed'> | null = null;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly timeoutMs: number,
    private readonly timer: SetTimer,
  ) {}

  async sync(what: string): Promise<void> {
    const pending = this.context.sync();
    this.inFlight = pending.then(
      () => 'done' as const,
      () => 'failed' as const,
    );
    let cancel = () => undefined as void;
    const timeout = new Promise<never>((_, reject) => {
      cancel = this.timer(() => reject(new ExcelTimeoutError(what, this.timeoutMs)), this.timeoutMs);
    });
    try {
      await Promise.race([pending, timeout]);
      this.inFlight = null;
    } finally {
      cancel();
    }
  }

  /**
   * Waits (up to settleMs) for a sync that timed out: 'done' when Excel finished it after all, 'failed'
   * when it failed, 'pending' when it is still running; 'idle' when nothing was in flight.
   */
  async settle(settleMs: number): Promise<'idle' | 'done' | 'failed' | 'pending'> {
    if (!this.inFlight) return 'idle';
    let cancel = () => undefined as void;
    const gaveUp = new Promise<'pending'>((resolve) => {
      cancel = this.timer(() => resolve('pending'), settleMs);
    });
    const outcome = await Promise.race([this.inFlight, gaveUp]);
    cancel();
    if (outcome !== 'pending') this.inFlight = null;
    return outcome as 'done' | 'failed' | 'pending';
  }
}
