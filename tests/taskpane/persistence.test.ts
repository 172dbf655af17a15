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

  it('saves at the next idle moment after the pause, and at once when the page is hidden or the pane stops', async () => {
    const storage = memoryStorage();
    const wb = new MemoryWorkbook();
    const idle: (() => void)[] = [];
    const page = new EventTarget();
    const stop = persistWorkbook(wb, storage, () => undefined, {
      whenIdle: (save) => {
        idle.push(save);
        return () => idle.splice(idle.indexOf(save), 1);
      },
      page: page as unknown as Window,
    });
    await wb.apply(plan);
    await vi.advanceTimersByTimeAsync(400);
    expect(idle).toHaveLength(1); // waiting for the page to be idle
    expect(storage.data[STORAGE_KEY]).toBeUndefined();
    idle[0]();
    expect(restoreWorkbook(storage).workbook.getSheetView('Notes')?.rows[0][1].value).toBe(42);

    // A change still in its quiet time is saved when the page goes away (a reload), not lost.
    await wb.apply({ sheets: [], blocks: [{ sheet: 'Notes', address: 'B1', values: [[43]] }] });
    page.dispatchEvent(new Event('pagehide'));
    expect(idle).toHaveLength(1); // the first save's slot, already run; nothing new was scheduled
    expect(restoreWorkbook(storage).workbook.getSheetView('Notes')?.rows[0][1].value).toBe(43);

    // And when the pane stops; changes after that are not saved.
    await wb.apply({ sheets: [], blocks: [{ sheet: 'Notes', address: 'B1', values: [[44]] }] });
    stop();
    expect(restoreWorkbook(storage).workbook.getSheetView('Notes')?.rows[0][1].value).toBe(44);
    await wb.apply({ sheets: [], blocks: [{ sheet: 'Notes', address: 'B1', values: [[45]] }] });
    page.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(restoreWorkbook(storage).workbook.getSheetView('Notes')?.rows[0][1].value).toBe(44);
  });
});
