import * as React from 'react';
import type { ChartProps } from './Chart.types';
import { useLazyChartStyles } from './LazyChart.styles';

// The chart renderer is its own chunk: the pane starts without it and fetches it right after first paint.
const loadChart = () => import(/* webpackChunkName: "chart" */ './Chart');
const ChartImpl = React.lazy(loadChart);

/** Starts fetching the chart code (idempotent), so the first chart does not wait for it. */
export function preloadChart(): void {
  void loadChart();
}

/** A chart loaded on demand; until then its title holds the place. */
export function LazyChart(props: ChartProps): React.ReactElement {
  const styles = useLazyChartStyles();
  return (
    <React.Suspense
      fallback={
        <div className={styles.placeholder} role="status">
          {props.spec.title}: loading the chart…
        </div>
      }
    >
      <ChartImpl {...props} />
    </React.Suspense>
  );
}
