import * as React from 'react';
import { Button, Link, Spinner, Tab, TabList, Text, mergeClasses } from '@fluentui/react-components';
import { columnIndexToLetters } from '../../../workbook/address';
import type { SheetPreviewProps } from './SheetPreview.types';
import { useSheetPreview } from './useSheetPreview';
import { useCellEditor } from './useCellEditor';
import { useSheetPreviewStyles } from './SheetPreview.styles';

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

/** Left offsets of the frozen columns, measured from the drawn header cells (px from the grid's left edge). */
function useFrozenLefts(frozen: number, sheet: unknown, columnCount: number): { refs: React.MutableRefObject<(HTMLTableCellElement | null)[]>; offsets: number[] } {
  const refs = React.useRef<(HTMLTableCellElement | null)[]>([]);
  const [offsets, setOffsets] = React.useState<number[]>([]);
  React.useLayoutEffect(() => {
    if (frozen === 0) {
      if (offsets.length) setOffsets([]);
      return;
    }
    const next = refs.current.slice(0, frozen).map((el) => el?.offsetLeft ?? 0);
    if (next.join() !== offsets.join()) setOffsets(next);
  });
  void sheet;
  void columnCount;
  return { refs, offsets };
}

function isTitleRow(row: readonly { value: unknown }[]): boolean {
  return typeof row[0]?.value === 'string' && row.slice(1).every((c) => c.value === null || c.value === '');
}

/** The in-memory workbook drawn as a spreadsheet: one tab per sheet, a grid of formatted cells. */
export function SheetPreview({ source, maxRows = 300, onDownload, onClose }: SheetPreviewProps): React.ReactElement {
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
  React.useEffect(() => {
    if (!editor.editing) activeRef.current?.focus();
  }, [editor.active, editor.editing]);
  /** Focus and mouse wiring of one cell: the selected cell is the grid's single tab stop. */
  /** Frozen columns stay in view while the grid scrolls sideways, like Excel's freeze panes. */
  const stick = (c: number) => (c < frozen && lefts.offsets[c] !== undefined ? { className: styles.frozen, style: { left: lefts.offsets[c] } } : null);
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
      </div>
      <div className={styles.scroller}>
        {state.sheet && state.sheet.rows.length > 0 ? (
          <table
            className={styles.grid}
            role="grid"
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
              {rows.map((row, r) => (
                <tr key={r}>
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
                  ) : columns.map((c, ci) => {
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
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div className={styles.empty}>
            The workbook is empty. Load the reference data or move a scenario slider to write results.
          </div>
        )}
      </div>
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
      {state.hiddenRows > 0 && (
        <div className={styles.footer}>{state.hiddenRows.toLocaleString()} more rows not drawn in the preview.</div>
      )}
    </section>
  );
}
