import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { persistWorkbook, restoreWorkbook, STORAGE_KEY, type StorageLike } from '../../src/taskpane/persistence';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';

function memoryStorage(initial: Record<string, string> = {}, quota = Infinity): StorageLike & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => {
      if (v.length > quota) throw new Error('QuotaExceededError');
      data[k] = v;
    },
  };
}

const plan = {
  sheets: [{ name: 'Notes', clear: true }],
  blocks: [{ sheet: 'Notes', address: 'A1', values: [['=not a formula', 42]] }],
};

describe('standalone workbook persistence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves after a change and restores the same cells after a reload', async () => {
    const storage = memoryStorage();
    const wb = new MemoryWorkbook();
    const stop = persistWorkbook(wb, storage, () => undefined);
    await wb.apply(plan);
    await vi.advanceTimersByTimeAsync(399);
    expect(storage.data[STORAGE_KEY]).toBeUndefined(); // saved once the changes pause for 400 ms
    await vi.advanceTimersByTimeAsync(1);
    stop();
    const restored = restoreWorkbook(storage);
    expect(restored.notice).toBeUndefined();
    const view = restored.workbook.getSheetView('Notes');
    expect(view?.rows[0].map((c) => c.value)).toEqual(['=not a formula', 42]);
  });

  it('keeps a corrupted save aside under a backup key and starts empty, saying so', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"version": 1, "sheets": [{"name": 5}]' });
    const restored = restoreWorkbook(storage, () => '2026-11-28T12:00:00Z');
    expect(restored.workbook.sheetNames()).toEqual([]);
    expect(restored.notice).toMatch(/could not be restored/);
    expect(storage.data[`${STORAGE_KEY}.unreadable.2026-11-28T12:00:00Z`]).toBe('{"version": 1, "sheets": [{"name": 5}]');
    expect(storage.data[STORAGE_KEY]).toBe('{"version": 1, "sheets": [{"name": 5}]');
  });

  it('reports a full storage instead of failing silently', async () => {
    const storage = memoryStorage({}, 10);
    const wb = new MemoryWorkbook();
    const messages: (string | null)[] = [];
    const stop = persistWorkbook(wb, storage, (m) => messages.push(m));
    await wb.apply(plan);
    await vi.advanceTimersByTimeAsync(400);
    stop();
    expect(messages.at(-1)).toMatch(/not saved in this browser/);
  });
});
