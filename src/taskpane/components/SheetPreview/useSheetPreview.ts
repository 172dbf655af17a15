import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { PreviewSheet, PreviewSource } from './SheetPreview.types';

export interface SheetPreviewState {
  sheetNames: string[];
  selected: string | null;
  select(name: string): void;
  sheet: PreviewSheet | null;
  /** Rows beyond maxRows that are not drawn. */
  hiddenRows: number;
  columnCount: number;
}

/**
 * In jsdom (the unit tests), drawing a 300-row grid takes seconds, so a transition restarted by every
 * other update would starve until React's 5 s expiry; there the grid updates synchronously instead.
 */
function inActTestEnvironment(): boolean {
  return typeof navigator !== 'undefined' && /\bjsdom\b/i.test(navigator.userAgent);
}

/**
 * Tracks the workbook's sheets. Shows the sheet a write asked for (the active sheet) when that changes,
 * else the most recently added sheet, unless the person picked one. Redraws as a transition, so a big
 * grid never holds up a slider.
 */
export function useSheetPreview(source: PreviewSource, maxRows: number): SheetPreviewState {
  const [version, setVersion] = useState(() => source.version());
  useEffect(() => {
    // One redraw per burst of changes (a write emits one per block).
    let queued = false;
    const apply = () => {
      queued = false;
      if (inActTestEnvironment()) setVersion(source.version());
      else startTransition(() => setVersion(source.version()));
    };
    const update = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(apply);
    };
    apply();
    return source.subscribe(update);
  }, [source]);
  // `version` is the source's change counter: not read, but a change of it must recompute (the source mutates).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sheetNames = useMemo(() => source.sheetNames(), [source, version]);
  // A preview opened later (narrow screens) starts on the sheet the workbook shows.
  const [picked, setPicked] = useState<string | null>(() => source.activeSheet?.() ?? null);
  const seen = useRef({ count: sheetNames.length, active: source.activeSheet?.() });

  useEffect(() => {
    const active = source.activeSheet?.();
    if (active && active !== seen.current.active && sheetNames.includes(active)) setPicked(active);
    else if (sheetNames.length > seen.current.count) setPicked(sheetNames[sheetNames.length - 1] ?? null);
    seen.current = { count: sheetNames.length, active };
  }, [sheetNames, source, version]);

  const selected = picked && sheetNames.includes(picked) ? picked : (sheetNames[0] ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` as above
  const full = useMemo(() => (selected ? source.sheetView(selected) : null), [source, selected, version]);
  const sheet = useMemo(() => (full ? { ...full, rows: full.rows.slice(0, maxRows) } : null), [full, maxRows]);
  const columnCount = sheet ? Math.max(0, ...sheet.rows.map((r) => r.length)) : 0;
  return {
    sheetNames,
    selected,
    select: setPicked,
    sheet,
    hiddenRows: full ? Math.max(0, full.rows.length - maxRows) : 0,
    columnCount,
  };
}
