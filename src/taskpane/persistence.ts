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

/**
 * Saves the workbook after each change (debounced). Returns a stop function. `onError` hears about a
 * full or disabled storage so the pane can say that reloads will lose the workbook.
 */
export function persistWorkbook(
  workbook: MemoryWorkbook,
  storage: StorageLike | null,
  onError: (message: string | null) => void,
  delayMs = 400,
): () => void {
  if (!storage) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    try {
      storage.setItem(STORAGE_KEY, JSON.stringify(workbook.serialize()));
      onError(null);
    } catch (error) {
      onError(`The workbook is not saved in this browser (${(error as Error).message}); a reload will start empty.`);
    }
  };
  const unsubscribe = workbook.subscribe(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
