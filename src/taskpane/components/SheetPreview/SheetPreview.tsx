import * as React from 'react';
import { Button, Link, Select, Spinner, Tab, TabList, Text, mergeClasses } from '@fluentui/react-components';
import { columnIndexToLetters } from '../../../workbook/address';
import type { SheetPreviewProps } from './SheetPreview.types';
import { useSheetPreview } from './useSheetPreview';
import { useCellEditor } from './useCellEditor';
import { useSheetPreviewStyles } from './SheetPreview.styles';
import { SheetCharts } from './SheetCharts';

/** Busy and error state around the download callback (one run at a time). */
function useDownload(onDownload?: () => Promise<void>): { run: () => void; busy: boolean; error: string | null } {
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const run = React.useCallback(() => {
    if (!onDownload) return;
    setBusy(true);
    setError(null);
    onDownload()
      .catch((e: unknown) => setError(`Download failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setBusy(false));
  }, [onDownload]);
  return { run, busy, error };
}

/** Height of a drawn grid row; rows are windowed by it, so a 300-row sheet draws only what is in view. */
export const ROW_PX = 24;
const OVERSCAN = 12;

/**
 * Which rows to draw: those in the scroller's view plus a margin. Before the scroller has a size (and in
 * jsdom, which has no layout) every row is drawn. The selected row is scrolled into view when it moves out.
 * Each sheet keeps its own scroll position, as in Excel: a sheet opens where it was left, a new one at A1.
 */
function useRowWindow(scroller: React.RefObject<HTMLDivElement>, sheetName: string | null, count: number, activeRow: number | null) {
  const [view, setView] = React.useState({ top: 0, height: 0 });
  const positions = React.useRef(new Map<string, { top: number; left: number }>());
  const shown = React.useRef<string | null>(null);
  const measure = React.useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    if (shown.current !== null) positions.current.set(shown.current, { top: el.scrollTop, left: el.scrollLeft });
    setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, [scroller]);
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || shown.current === sheetName) return;
    shown.current = sheetName;
    const at = (sheetName !== null && positions.current.get(sheetName)) || { top: 0, left: 0 };
    el.scrollTop = at.top;
    el.scrollLeft = at.left;
    measure();
  }, [sheetName, scroller, measure]);
  React.useLayoutEffect(() => {
    measure();
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure, scroller]);
  const windowed = view.height > 0;
  // Header row: one ROW_PX above the first data row.
  const first = windowed ? Math.max(0, Math.floor((view.top - ROW_PX) / ROW_PX) - OVERSCAN) : 0;
  const last = windowed ? Math.min(count, Math.ceil((view.top + view.height) / ROW_PX) + OVERSCAN) : count;
  React.useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !windowed || activeRow === null) return;
    const y = (activeRow + 1) * ROW_PX;
    if (y < el.scrollTop + ROW_PX) el.scrollTop = Math.max(0, y - ROW_PX);
    else if (y + ROW_PX > el.scrollTop + el.clientHeight) el.scrollTop = y + 2 * ROW_PX - el.clientHeight;
  }, [activeRow, windowed, scroller]);
  return {
    windowed,
    start: first,
    end: last,
    padTop: first * ROW_PX,
    padBottom: Math.max(0, count - last) * ROW_PX,
    onScroll: measure,
  };
}

/**
 * Left offsets of the frozen columns: the row-number column's width plus the widths of the frozen columns
 * before each one, measured from the drawn header cells (widths do not change when cells stick).
 */
function useFrozenLefts(
  frozen: number,
  sheet: unknown,
  columnCount: number,
): { refs: React.MutableRefObject<(HTMLTableCellElement | null)[]>; offsets: number[] } {
  const refs = React.useRef<(HTMLTableCellElement | null)[]>([]);
  const [offsets, setOffsets] = React.useState<number[]>([]);
  React.useLayoutEffect(() => {
    if (frozen === 0) {
      setOffsets((o) => (o.length ? [] : o));
      return;
    }
    const first = refs.current[0];
    const corner = first?.previousElementSibling as HTMLElement | null;
    const room = (first?.closest('[data-grid-scroller]') as HTMLElement | null)?.clientWidth ?? Infinity;
    let left = corner?.getBoundingClientRect().width ?? 0;
    const next: number[] = [];
    for (let c = 0; c < frozen; c++) {
      const width = refs.current[c]?.getBoundingClientRect().width ?? 0;
      // On a narrow screen frozen columns would leave no room for the rest: freeze only what fits in half the view.
      if (left + width > room / 2) break;
      next.push(Math.round(left));
      left += width;
    }
    setOffsets((o) => (o.length === next.length && o.every((v, i) => Math.abs(v - next[i]) < 1) ? o : next));
  }, [frozen, sheet, columnCount]);
  return { refs, offsets };
}

function isTitleRow(row: readonly { value: unknown }[]): boolean {
  return typeof row[0]?.value === 'string' && row.slice(1).every((c) => c.value === null || c.value === '');
}

/** The in-memory workbook drawn as a spreadsheet: one tab per sheet, a grid of formatted cells. */
export const SheetPreview = React.memo(function SheetPreview({
  source,
  maxRows = 300,
  onDownload,
  onClose,
  compact,
}: SheetPreviewProps): React.ReactElement {
  const styles = useSheetPreviewStyles();
  const state = useSheetPreview(source, maxRows);
  const download = useDownload(onDownload);
  const editor = useCellEditor(source, state.sheet, state.columnCount);
  // Editable and fully drawn: one empty row and column past the used range, room to add data as in Excel.
  const extra = editor.editable && state.hiddenRows === 0 ? 1 : 0;
  const columns = Array.from({ length: state.columnCount + extra }, (_, i) => columnIndexToLetters(i));
  const rows = state.sheet ? (extra ? [...state.sheet.rows, []] : state.sheet.rows) : [];
  const isActive = (r: number, c: number) => editor.active?.row === r && editor.active.col === c;
  const activeRef = React.useRef<HTMLTableCellElement | null>(null);
  const frozen = Math.min(state.sheet?.freeze?.columns ?? 0, columns.length);
  const lefts = useFrozenLefts(frozen, state.sheet, columns.length);
  const scrollerRef = React.useRef<HTMLDivElement>(null);
  const win = useRowWindow(scrollerRef, state.selected ?? null, rows.length, editor.active?.row ?? null);
  React.useEffect(() => {
    if (!editor.editing) activeRef.current?.focus();
  }, [editor.active, editor.editing]);
  /** Focus and mouse wiring of one cell: the selected cell is the grid's single tab stop. */
  /** Frozen columns stay in view while the grid scrolls sideways, like Excel's freeze panes. */
  const stick = (c: number) => (c < lefts.offsets.length ? { className: styles.frozen, style: { left: lefts.offsets[c] } } : null);
  const cellProps = (r: number, c: number) => ({
    tabIndex: isActive(r, c) || (!editor.active && r === 0 && c === 0) ? 0 : -1,
    'aria-selected': isActive(r, c),
    ref: isActive(r, c) ? activeRef : undefined,
    onClick: () => !isActive(r, c) && editor.select({ row: r, col: c }),
    onDoubleClick: () => editor.startEdit({ row: r, col: c }),
  });
  return (
    <section className={styles.root} aria-label="Workbook preview">
      <div className={styles.header}>
        <div className={styles.headerTop}>
          <Text className={styles.title}>Workbook (in memory)</Text>
          <div className={styles.actions}>
            {onClose && (
              <Button size="small" onClick={onClose}>
                Back to the pane
              </Button>
            )}
            {onDownload && (
              <Button
                size="small"
                onClick={download.run}
                disabled={download.busy || state.sheetNames.length === 0}
                icon={download.busy ? <Spinner size="extra-tiny" /> : undefined}
                title="Save the workbook, formulas, tables and names included, as a file Excel opens"
              >
                Download .xlsx
              </Button>
            )}
          </div>
        </div>
        {download.error && (
          <Text role="alert" className={styles.error}>
            {download.error}
          </Text>
        )}
        {compact ? (
          state.sheetNames.length > 0 && (
            <Select aria-label="Sheet" value={state.selected ?? ''} onChange={(_, d) => state.select(d.value)}>
              {state.sheetNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          )
        ) : (
          <div className={styles.tabs}>
            <TabList
              size="small"
              className={styles.tabList}
              selectedValue={state.selected ?? ''}
              onTabSelect={(_, d) => state.select(String(d.value))}
              aria-label="Sheets"
            >
              {state.sheetNames.map((name) => (
                <Tab key={name} value={name}>
                  {name}
                </Tab>
              ))}
            </TabList>
          </div>
        )}
      </div>
      <div className={styles.scroller} ref={scrollerRef} onScroll={win.onScroll} data-grid-scroller="">
        {state.sheet && state.sheet.rows.length > 0 ? (
          <table
            className={styles.grid}
            role="grid"
            aria-rowcount={rows.length + 1}
            aria-label={`Sheet ${state.sheet.name}`}
            aria-readonly={!editor.editable}
            onKeyDown={editor.onGridKeyDown}
          >
            <thead>
              <tr>
                <th className={styles.corner} />
                {columns.map((c, ci) => {
                  const f = stick(ci);
                  return (
                    <th
                      key={c}
                      ref={(el) => {
                        lefts.refs.current[ci] = el;
                      }}
                      className={mergeClasses(styles.colHeader, f ? styles.frozenHeader : undefined)}
                      style={f?.style}
                      scope="col"
                    >
                      {c}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {win.padTop > 0 && (
                <tr aria-hidden="true" style={{ height: win.padTop }}>
                  <td colSpan={columns.length + 1} />
                </tr>
              )}
              {rows.slice(win.start, win.end).map((row, i) => {
                const r = win.start + i;
                return (
                  <tr key={r} aria-rowindex={r + 2} style={win.windowed ? { height: ROW_PX } : undefined}>
                    <th className={styles.rowHeader} scope="row">
                      {r + 1}
                    </th>
                    {isTitleRow(row) && !(editor.editing?.row === r) && !(editor.active?.row === r && editor.active.col > 0) ? (
                      // Like Excel, a lone text in column A runs over the empty cells to its right.
                      <td
                        data-cell={`A${r + 1}`}
                        colSpan={columns.length}
                        className={mergeClasses(styles.titleCell, row[0]?.bold && styles.bold, isActive(r, 0) && styles.active)}
                        {...cellProps(r, 0)}
                      >
                        {row[0]?.display}
                      </td>
                    ) : (
                      columns.map((c, ci) => {
                        const cell = row[ci];
                        const isNumber = typeof cell?.value === 'number';
                        const isEditing = editor.editing?.row === r && editor.editing.col === ci;
                        const f = stick(ci);
                        const long = typeof cell?.value === 'string' && cell.display.length > 18;
                        return (
                          <td
                            key={c}
                            data-cell={`${c}${r + 1}`}
                            title={cell?.formula ? cell.formula : long ? cell?.display : undefined}
                            style={f?.style}
                            className={mergeClasses(
                              styles.cell,
                              f?.className,
                              isNumber && styles.number,
                              cell?.bold && styles.bold,
                              isActive(r, ci) && styles.active,
                              isEditing && styles.editingCell,
                            )}
                            {...cellProps(r, ci)}
                          >
                            {isEditing ? (
                              <input
                                className={styles.editor}
                                aria-label={`Edit ${c}${r + 1}`}
                                autoFocus
                                value={editor.editing!.text}
                                onChange={(e) => editor.setDraft(e.currentTarget.value)}
                                onBlur={() => editor.commit()}
                                onKeyDown={(e) => {
                                  e.stopPropagation();
                                  if (e.key === 'Enter') {
                                    e.preventDefault();
                                    editor.commit('down');
                                  } else if (e.key === 'Tab') {
                                    e.preventDefault();
                                    editor.commit('right');
                                  } else if (e.key === 'Escape') {
                                    e.preventDefault();
                                    editor.cancel();
                                  }
                                }}
                              />
                            ) : cell?.hyperlink ? (
                              <Link href={cell.hyperlink} target="_blank" rel="noreferrer">
                                {cell.display}
                              </Link>
                            ) : (
                              (cell?.display ?? '')
                            )}
                          </td>
                        );
                      })
                    )}
                  </tr>
                );
              })}
              {win.padBottom > 0 && (
                <tr aria-hidden="true" style={{ height: win.padBottom }}>
                  <td colSpan={columns.length + 1} />
                </tr>
              )}
            </tbody>
          </table>
        ) : (
          <div className={styles.empty}>The workbook is empty. Load the reference data or move a scenario slider to write results.</div>
        )}
      </div>
      <SheetCharts source={source} sheet={state.sheet} />
      {editor.error && (
        <div role="alert" className={mergeClasses(styles.footer, styles.error)}>
          {editor.error}
        </div>
      )}
      {editor.editable && !editor.error && (
        <div className={styles.footer}>
          Click a cell and type to edit it (Enter to keep, Esc to cancel). Edits to the NEV history rerun the models.
        </div>
      )}
      {state.hiddenRows > 0 && <div className={styles.footer}>{state.hiddenRows.toLocaleString()} more rows not drawn in the preview.</div>}
    </section>
  );
});
