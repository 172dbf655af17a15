import * as React from 'react';
import { Badge, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, ToggleButton, Tooltip, mergeClasses } from '@fluentui/react-components';
import { browserThemeSource } from '../../theme/hostTheme';
import { useHostTheme } from '../../theme/useHostTheme';
import { DataPanel } from '../DataPanel/DataPanel';
import { ScenarioPanel } from '../ScenarioPanel/ScenarioPanel';
import { SensitivityPanel } from '../SensitivityPanel/SensitivityPanel';
import { SheetPreview } from '../SheetPreview/SheetPreview';
import { SimulationPanel } from '../SimulationPanel/SimulationPanel';
import type { AppShellProps, PaneTab } from './AppShell.types';
import { useAppShell } from './useAppShell';
import { useAppShellStyles } from './AppShell.styles';

const defaultThemeSource = browserThemeSource();

/** The task pane: header, tabs, panels; in standalone mode the workbook preview sits beside it (behind a toggle when narrow). */
export function AppShell(props: AppShellProps): React.ReactElement {
  const { preview, standaloneReason, notices = [], onDownload } = props;
  const styles = useAppShellStyles();
  const state = useAppShell(props);
  const { theme } = useHostTheme(props.themeSource ?? defaultThemeSource);
  const { scenario, services } = state;
  const mode = props.mode ?? services?.mode ?? 'standalone';
  const previewBeside = preview && !state.narrow;

  return (
    <FluentProvider theme={theme}>
      <div className={mergeClasses(styles.page, state.narrow && styles.pageNarrow)}>
        <main className={mergeClasses(styles.pane, (!previewBeside || state.narrow) && styles.paneOnly, state.showWorkbook && styles.hidden)} aria-label="Reversal Lab task pane">
          <header className={styles.header}>
            <div className={styles.titleRow}>
              <span className={styles.title}>Reversal Lab</span>
              {preview && state.narrow && (
                <ToggleButton size="small" checked={state.showWorkbook} onClick={() => state.setShowWorkbook(true)}>
                  Show workbook
                </ToggleButton>
              )}
            </div>
            <span className={styles.subtitle}>
              R&amp;D placement, NEV share and reverse exports: &ldquo;In China, for Global&rdquo;{' '}
              {mode === 'excel' ? (
                <Badge appearance="tint" color="success">
                  Excel
                </Badge>
              ) : (
                <Tooltip content={standaloneReason ?? 'No Excel host'} relationship="description">
                  <Badge appearance="tint" color="informative" tabIndex={0}>
                    Standalone workbook
                  </Badge>
                </Tooltip>
              )}
            </span>
            <TabList className={styles.tabs} selectedValue={state.tab} onTabSelect={(_, d) => state.setTab(d.value as PaneTab)} size="small" aria-label="Pane sections">
              <Tab value="scenario">Scenario</Tab>
              <Tab value="data">Data</Tab>
              <Tab value="simulation">Simulation</Tab>
              <Tab value="sensitivity">Sensitivity</Tab>
            </TabList>
          </header>
          <div className={styles.body}>
            {[...notices, ...(state.loadError ? [state.loadError] : [])].map((n) => (
              <MessageBar key={n} intent="warning" className={styles.notice}>
                <MessageBarBody>{n}</MessageBarBody>
              </MessageBar>
            ))}
            {/* Panels stay mounted so inputs and results survive tab switches. */}
            <div hidden={state.tab !== 'scenario'}>
              <ScenarioPanel services={services} scenario={scenario} />
            </div>
            <div hidden={state.tab !== 'data'}>
              <DataPanel services={services} />
            </div>
            <div hidden={state.tab !== 'simulation'}>
              <SimulationPanel services={services} presetId={scenario.presetId} values={scenario.values} inputsKey={scenario.inputsKey} />
            </div>
            <div hidden={state.tab !== 'sensitivity'}>
              <SensitivityPanel
                services={services}
                values={scenario.values}
                inputsKey={scenario.inputsKey}
                onApply={(id, value) => scenario.setValue(id, value, 'now')}
              />
            </div>
          </div>
        </main>
        {preview && (previewBeside || state.showWorkbook) && (
          <div className={mergeClasses(styles.preview, state.narrow && styles.previewNarrow)}>
            <SheetPreview source={preview} onDownload={onDownload} onClose={state.narrow ? () => state.setShowWorkbook(false) : undefined} />
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
