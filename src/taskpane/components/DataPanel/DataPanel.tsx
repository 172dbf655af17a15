import * as React from 'react';
import {
  Button,
  Caption1,
  Checkbox,
  Divider,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Spinner,
} from '@fluentui/react-components';
import { useScrollIntoView } from '../../useScrollIntoView';
import type { DataPanelProps } from './DataPanel.types';
import { useDataPanel } from './useDataPanel';
import { useDataPanelStyles } from './DataPanel.styles';

/** Load the sourced reference data, import user files or URLs (validated first), refresh linked tables. */
export const DataPanel = React.memo(function DataPanel({ services }: DataPanelProps): React.ReactElement {
  const styles = useDataPanelStyles();
  const state = useDataPanel(services);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const reportRef = useScrollIntoView(state.report);
  if (!services) return <Spinner size="tiny" label="Loading the data tools…" />;
  const kindLabel = services.importKinds.find((k) => k.id === state.kind)?.label ?? state.kind;
  const disabled = state.busy !== null;

  return (
    <div className={styles.root}>
      <Caption1 className={styles.note}>
        Reference dataset {services.dataset.version}, as of {services.dataset.asOf}. Every row keeps its source and status (per article,
        derived, provisional).
      </Caption1>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void state.loadReference()} disabled={disabled}>
          Load reference data
        </Button>
        <Button
          onClick={() => void state.refresh()}
          disabled={disabled || state.refreshBlocked !== null}
          aria-describedby={state.refreshBlocked ? 'refresh-hint' : undefined}
        >
          Refresh linked tables
        </Button>
      </div>
      {state.refreshBlocked && (
        <Caption1 id="refresh-hint" className={styles.note}>
          {state.refreshBlocked}
        </Caption1>
      )}
      <Divider />
      <Field label="Import as">
        <Dropdown value={kindLabel} selectedOptions={[state.kind]} onOptionSelect={(_, d) => d.optionValue && state.setKind(d.optionValue)}>
          {services.importKinds.map((k) => (
            <Option key={k.id} value={k.id}>
              {k.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Checkbox
        checked={state.acceptValidRows}
        onChange={(_, d) => state.setAcceptValidRows(Boolean(d.checked))}
        label="Import the valid rows and list rejected rows on a sheet"
      />
      <Checkbox
        checked={state.append}
        onChange={(_, d) => state.setAppend(Boolean(d.checked))}
        label="Add the rows to the table already in the workbook (instead of replacing it)"
      />
      <div className={styles.row}>
        <input
          ref={fileInput}
          className={styles.hidden}
          type="file"
          aria-label="Choose a file to import"
          accept=".csv,.tsv,.txt,.json,.xlsx"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void state.importFile(file);
          }}
        />
        <Button onClick={() => fileInput.current?.click()} disabled={disabled}>
          Import a file (CSV, TSV, JSON, XLSX)…
        </Button>
      </div>
      <div className={styles.row}>
        <Field label="or from a URL (https)" className={styles.grow}>
          <Input type="url" value={state.url} placeholder="https://example.org/data.csv" onChange={(_, d) => state.setUrl(d.value)} />
        </Field>
        <Button onClick={() => void state.importUrl()} disabled={disabled || !state.url.trim()}>
          Import URL
        </Button>
      </div>
      {!state.url.trim() && <Caption1 className={styles.note}>Type an https address to import from the web.</Caption1>}
      {state.busy && (
        <div className={styles.row}>
          <Spinner size="tiny" label={`${state.busy}…`} />
          {state.progress && (
            <Button size="small" onClick={state.cancel}>
              Cancel
            </Button>
          )}
        </div>
      )}
      {state.progress && state.progress.total > 0 && (
        <ProgressBar value={Math.min(1, state.progress.done / state.progress.total)} aria-label="Import progress" />
      )}
      {state.report && (
        <MessageBar ref={reportRef} intent={state.report.ok ? 'success' : state.report.warning ? 'warning' : 'error'} role="status">
          <MessageBarBody>
            {state.report.title && <MessageBarTitle>{state.report.title}</MessageBarTitle>}
            {state.report.message}
            {state.report.details && state.report.details.length > 0 && (
              <ul className={styles.details} tabIndex={0} aria-label="Details of the report">
                {state.report.details.map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
          {state.report.editedTables && state.report.editedTables.length > 0 && (
            <MessageBarActions>
              <Button size="small" onClick={() => void state.overwriteEdits()} disabled={disabled}>
                Refresh anyway, overwriting my edits in {state.report.editedTables.join(', ')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
    </div>
  );
});
