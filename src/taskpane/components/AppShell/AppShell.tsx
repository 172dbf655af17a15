import * as React from 'react';
import {
  Badge,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  Tab,
  TabList,
  ToggleButton,
  Tooltip,
  mergeClasses,
} from '@fluentui/react-components';
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
  const mode = props.mode ?? services?.mode ?? null;
  const previewBeside = preview && !state.narrow;
  const { setShowWorkbook } = state;
  const closeWorkbook = React.useCallback(() => setShowWorkbook(false), [setShowWorkbook]);
  const { actions } = scenario;
  const applyValue = React.useCallback((id: string, value: number) => actions.setValue(id, value, 'now'), [actions]);

  return (
    <FluentProvider theme={theme}>
      <div className={mergeClasses(styles.page, state.narrow && styles.pageNarrow)}>
        <main
          className={mergeClasses(styles.pane, (!previewBeside || state.narrow) && styles.paneOnly, state.showWorkbook && styles.hidden)}
          aria-label="Reversal Lab task pane"
        >
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
              {mode === null ? null : mode === 'excel' ? (
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
            <TabList
              className={styles.tabs}
              selectedValue={state.tab}
              onTabSelect={(_, d) => state.setTab(d.value as PaneTab)}
              size="small"
              aria-label="Pane sections"
            >
              {(['scenario', 'data', 'simulation', 'sensitivity'] as const).map((t) => (
                <Tab
                  key={t}
                  value={t}
                  className={state.narrow ? styles.tabNarrow : undefined}
                  content={{ className: state.narrow ? styles.tabNarrowText : undefined }}
                >
                  {t[0].toUpperCase() + t.slice(1)}
                </Tab>
              ))}
            </TabList>
          </header>
          <div className={styles.body}>
            {[...notices, ...(state.loadError ? [state.loadError] : [])].map((n) => (
              <MessageBar key={n} intent="warning" className={styles.notice}>
                <MessageBarBody>{n}</MessageBarBody>
              </MessageBar>
            ))}
            {/* A section is drawn on its first visit and then stays mounted, so inputs and results survive tab switches. */}
            <div hidden={state.tab !== 'scenario'}>
              <ScenarioPanel services={services} scenario={scenario} />
            </div>
            {state.visited.has('data') && (
              <div hidden={state.tab !== 'data'}>
                <DataPanel services={services} />
              </div>
            )}
            {state.visited.has('simulation') && (
              <div hidden={state.tab !== 'simulation'}>
                <SimulationPanel services={services} presetId={scenario.presetId} values={scenario.values} inputsKey={scenario.inputsKey} />
              </div>
            )}
            {state.visited.has('sensitivity') && (
              <div hidden={state.tab !== 'sensitivity'}>
                <SensitivityPanel services={services} values={scenario.values} inputsKey={scenario.inputsKey} onApply={applyValue} />
              </div>
            )}
          </div>
        </main>
        {preview && (previewBeside || state.showWorkbook) && (
          <div className={mergeClasses(styles.preview, state.narrow && styles.previewNarrow)}>
            <SheetPreview
              source={preview}
              onDownload={onDownload}
              onClose={state.narrow ? closeWorkbook : undefined}
              compact={state.narrow}
            />
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
