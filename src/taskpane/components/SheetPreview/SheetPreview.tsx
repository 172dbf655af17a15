import * as React from 'react';
import { Button, Link, Spinner, Tab, TabList, Text, mergeClasses } from '@fluentui/react-components';
import { columnIndexToLetters } from '../../../workbook/address';
import type { SheetPreviewProps } from './SheetPreview.types';
import { useSheetPreview } from './useSheetPreview';
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

function isTitleRow(row: readonly { value: unknown }[]): boolean {
  return typeof row[0]?.value === 'string' && row.slice(1).every((c) => c.value === null || c.value === '');
}

/** The in-memory workbook drawn as a spreadsheet: one tab per sheet, a grid of formatted cells. */
export function SheetPreview({ source, maxRows = 300, onDownload }: SheetPreviewProps): React.ReactElement {
  const styles = useSheetPreviewStyles();
  const state = useSheetPreview(source, maxRows);
  const download = useDownload(onDownload);
  const columns = Array.from({ length: state.columnCount }, (_, i) => columnIndexToLetters(i));
  return (
    <section className={styles.root} aria-label="Workbook preview">
      <div className={styles.header}>
        <Text className={styles.title}>Workbook (in memory)</Text>
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
        {onDownload && (
          <div className={styles.actions}>
            {download.error && (
              <Text role="alert" className={styles.error}>
                {download.error}
              </Text>
            )}
            <Button
              size="small"
              onClick={download.run}
              disabled={download.busy || state.sheetNames.length === 0}
              icon={download.busy ? <Spinner size="extra-tiny" /> : undefined}
              title="Save the workbook, formulas, tables and names included, as a file Excel opens"
            >
              Download .xlsx
            </Button>
          </div>
        )}
      </div>
      <div className={styles.scroller}>
        {state.sheet && state.sheet.rows.length > 0 ? (
          <table className={styles.grid} role="grid" aria-label={`Sheet ${state.sheet.name}`}>
            <thead>
              <tr>
                <th className={styles.corner} />
                {columns.map((c) => (
                  <th key={c} className={styles.colHeader} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {state.sheet.rows.map((row, r) => (
                <tr key={r}>
                  <th className={styles.rowHeader} scope="row">
                    {r + 1}
                  </th>
                  {isTitleRow(row) ? (
                    // Like Excel, a lone text in column A runs over the empty cells to its right.
                    <td data-cell={`A${r + 1}`} colSpan={columns.length} className={mergeClasses(styles.titleCell, row[0]?.bold && styles.bold)}>
                      {row[0]?.display}
                    </td>
                  ) : columns.map((c, ci) => {
                    const cell = row[ci];
                    const isNumber = typeof cell?.value === 'number';
                    return (
                      <td
                        key={c}
                        data-cell={`${c}${r + 1}`}
                        title={cell?.formula ? cell.formula : undefined}
                        className={mergeClasses(
                          styles.cell,
                          isNumber && styles.number,
                          cell?.bold && styles.bold,
                        )}
                      >
                        {cell?.hyperlink ? (
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
      {state.hiddenRows > 0 && (
        <div className={styles.footer}>{state.hiddenRows.toLocaleString()} more rows not drawn in the preview.</div>
      )}
    </section>
  );
}
