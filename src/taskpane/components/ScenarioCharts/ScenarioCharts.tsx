import * as React from 'react';
import { Field, Select, Tab, TabList } from '@fluentui/react-components';
import { LazyChart } from '../Chart/LazyChart';
import type { ScenarioChartId, ScenarioChartsProps } from './ScenarioCharts.types';
import { EXPORT_YEARS, useScenarioCharts } from './useScenarioCharts';
import { useScenarioChartsStyles } from './ScenarioCharts.styles';

/** The scenario's charts, one at a time: NEV share by region, exports by destination and product, R&D frontier. */
export const ScenarioCharts = React.memo(function ScenarioCharts(props: ScenarioChartsProps): React.ReactElement {
  const styles = useScenarioChartsStyles();
  const s = useScenarioCharts(props);
  return (
    <section aria-label="Scenario charts" className={styles.root}>
      <div className={styles.bar}>
        <TabList
          size="small"
          className={styles.tabs}
          aria-label="Chart"
          selectedValue={s.chart}
          onTabSelect={(_, d) => s.setChart(d.value as ScenarioChartId)}
        >
          <Tab value="nev">NEV share</Tab>
          <Tab value="exports">Exports</Tab>
          <Tab value="frontier">R&amp;D frontier</Tab>
        </TabList>
        {s.chart === 'exports' && (
          <Field label="Year" orientation="horizontal" size="small">
            <Select size="small" className={styles.year} value={String(s.exportYear)} onChange={(_, d) => s.setExportYear(Number(d.value))}>
              {EXPORT_YEARS.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      {s.spec ? <LazyChart spec={s.spec} /> : <div className={styles.waiting}>{s.waiting}</div>}
    </section>
  );
});
