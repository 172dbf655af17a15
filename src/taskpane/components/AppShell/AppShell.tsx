import * as React from 'react';
import { Badge, FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Tooltip, mergeClasses, webLightTheme } from '@fluentui/react-components';
import { DataPanel } from '../DataPanel/DataPanel';
import { ScenarioPanel } from '../ScenarioPanel/ScenarioPanel';
import { SensitivityPanel } from '../SensitivityPanel/SensitivityPanel';
import { SheetPreview } from '../SheetPreview/SheetPreview';
import { SimulationPanel } from '../SimulationPanel/SimulationPanel';
import type { AppShellProps, PaneTab } from './AppShell.types';
import { useAppShellStyles } from './AppShell.styles';

/** The task pane: header, tabs, panels; in standalone mode the workbook preview sits beside it. */
export function AppShell({ services, preview, standaloneReason, notices = [], onDownload }: AppShellProps): React.ReactElement {
  const styles = useAppShellStyles();
  const [tab, setTab] = React.useState<PaneTab>('scenario');
  const [scenario, setScenario] = React.useState(() => {
    const presetId = services.presets[0]?.id ?? 'baseline';
    return { presetId, values: services.presetValues(presetId) };
  });
  const onValuesChange = React.useCallback(
    (presetId: string, values: Record<string, number>) => setScenario({ presetId, values }),
    [],
  );

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.page}>
        <main className={mergeClasses(styles.pane, !preview && styles.paneOnly)} aria-label="Reversal Lab task pane">
          <header className={styles.header}>
            <span className={styles.title}>Reversal Lab</span>
            <span className={styles.subtitle}>
              R&amp;D placement, NEV share and reverse exports: &ldquo;In China, for Global&rdquo;{' '}
              {services.mode === 'excel' ? (
                <Badge appearance="tint" color="success">Excel</Badge>
              ) : (
                <Tooltip content={standaloneReason ?? 'No Excel host'} relationship="description">
                  <Badge appearance="tint" color="informative">Standalone workbook</Badge>
                </Tooltip>
              )}
            </span>
            <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as PaneTab)} size="small">
              <Tab value="scenario">Scenario</Tab>
              <Tab value="data">Data</Tab>
              <Tab value="simulation">Simulation</Tab>
              <Tab value="sensitivity">Sensitivity</Tab>
            </TabList>
          </header>
          <div className={styles.body}>
            {notices.map((n) => (
              <MessageBar key={n} intent="warning" className={styles.notice}>
                <MessageBarBody>{n}</MessageBarBody>
              </MessageBar>
            ))}
            {/* Panels stay mounted so slider positions and results survive tab switches. */}
            <div hidden={tab !== 'scenario'}>
              <ScenarioPanel services={services} onValuesChange={onValuesChange} />
            </div>
            <div hidden={tab !== 'data'}>
              <DataPanel services={services} />
            </div>
            <div hidden={tab !== 'simulation'}>
              <SimulationPanel services={services} presetId={scenario.presetId} values={scenario.values} />
            </div>
            <div hidden={tab !== 'sensitivity'}>
              <SensitivityPanel services={services} values={scenario.values} />
            </div>
          </div>
        </main>
        {preview && (
          <div className={styles.preview}>
            <SheetPreview source={preview} onDownload={onDownload} />
          </div>
        )}
      </div>
    </FluentProvider>
  );
}
