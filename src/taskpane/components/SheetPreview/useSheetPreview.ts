import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

/** Tracks the workbook's sheets; follows the most recently added sheet unless the user picked one. */
export function useSheetPreview(source: PreviewSource, maxRows: number): SheetPreviewState {
  const version = useSyncExternalStore(
    (cb) => source.subscribe(cb),
    () => source.version(),
  );
  const sheetNames = useMemo(() => source.sheetNames(), [source, version]);
  const [picked, setPicked] = useState<string | null>(null);
  const [lastCount, setLastCount] = useState(sheetNames.length);

  useEffect(() => {
    // A newly written sheet is what the user just asked for: show it.
    if (sheetNames.length > lastCount) setPicked(sheetNames[sheetNames.length - 1] ?? null);
    setLastCount(sheetNames.length);
  }, [sheetNames, lastCount]);

  const selected = picked && sheetNames.includes(picked) ? picked : (sheetNames[0] ?? null);
  const full = useMemo(() => (selected ? source.sheetView(selected) : null), [source, selected, version]);
  const sheet = useMemo(
    () => (full ? { name: full.name, rows: full.rows.slice(0, maxRows) } : null),
    [full, maxRows],
  );
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

