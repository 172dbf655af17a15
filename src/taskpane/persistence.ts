/**
 * Standalone mode keeps the in-memory workbook in the browser's storage, so a reload does not lose the
 * user's sheets. A saved state that cannot be restored is kept aside under a backup key, never deleted.
 */
import { MemoryWorkbook } from '../workbook/memory/memoryWorkbook';

export const STORAGE_KEY = 'reversal-lab.workbook.v1';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface RestoredWorkbook {
  workbook: MemoryWorkbook;
  /** A message for the user when something was not as expected (corrupted state kept aside). */
  notice?: string;
}

/** Restores the saved workbook, or starts an empty one; a corrupted save is copied to a backup key. */
export function restoreWorkbook(storage: StorageLike | null, now: () => string = () => new Date().toISOString()): RestoredWorkbook {
  const raw = safeGet(storage);
  if (raw === null) return { workbook: new MemoryWorkbook() };
  try {
    return { workbook: MemoryWorkbook.restore(raw) };
  } catch (error) {
    const backup = `${STORAGE_KEY}.unreadable.${now()}`;
    let kept = false;
    try {
      storage?.setItem(backup, raw);
      kept = true;
    } catch {
      kept = false;
    }
    return {
      workbook: new MemoryWorkbook(),
      notice:
        `The workbook saved in this browser could not be restored (${(error as Error).message}) ` +
        (kept ? `It was kept under the storage key "${backup}"; ` : 'It was left in place; ') +
        'an empty workbook was started.',
    };
  }
}

function safeGet(storage: StorageLike | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (private mode, sandboxed frame)
  }
}

/** Where and when persistWorkbook saves; the defaults are the browser's. */
export interface PersistOptions {
  /** Quiet time after the last change before a save is scheduled (ms). */
  delayMs?: number;
  /**
   * Runs `save` when the page is idle and returns a cancel function. Default: requestIdleCallback with a 2 s
   * cap, so that serialising the workbook (tens of ms for a loaded one) does not land on a slider step; at once
   * where there is no such call (Node).
   */
  whenIdle?: (save: () => void) => () => void;
  /** The page whose `pagehide` and hidden `visibilitychange` save a pending change at once (default: window). */
  page?: Pick<Window, 'addEventListener' | 'removeEventListener'> | null;
}

function browserIdle(save: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    save();
    return () => undefined;
  }
  const id = requestIdleCallback(save, { timeout: 2000 });
  return () => cancelIdleCallback(id);
}

/**
 * Saves the workbook after each change: once the changes pause for `delayMs`, at the page's next idle moment.
 * A change still waiting is saved at once when the page is hidden or closed (a reload included) and when this
 * stops. Returns a stop function. `onError` hears about a full or disabled storage so the pane can say that
 * reloads will lose the workbook.
 */
export function persistWorkbook(
  workbook: MemoryWorkbook,
  storage: StorageLike | null,
  onError: (message: string | null) => void,
  { delayMs = 400, whenIdle = browserIdle, page = typeof window === 'undefined' ? null : window }: PersistOptions = {},
): () => void {
  if (!storage) return () => undefined;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let cancelIdle: (() => void) | null = null;
  const save = () => {
    cancelIdle = null;
    if (!dirty) return;
    dirty = false;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(workbook.serialize()));
      onError(null);
    } catch (error) {
      onError(`The workbook is not saved in this browser (${(error as Error).message}); a reload will start empty.`);
    }
  };
  const unschedule = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    cancelIdle?.();
    cancelIdle = null;
  };
  const flush = () => {
    unschedule();
    save();
  };
  const unsubscribe = workbook.subscribe(() => {
    dirty = true;
    unschedule();
    timer = setTimeout(() => {
      timer = null;
      cancelIdle = whenIdle(save);
    }, delayMs);
  });
  const onHidden = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') flush();
  };
  page?.addEventListener('pagehide', flush);
  page?.addEventListener('visibilitychange', onHidden);
  return () => {
    page?.removeEventListener('pagehide', flush);
    page?.removeEventListener('visibilitychange', onHidden);
    unsubscribe();
    flush();
  };
}
