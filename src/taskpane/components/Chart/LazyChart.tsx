import * as React from 'react';
import type { ChartProps } from './Chart.types';
import { useLazyChartStyles } from './LazyChart.styles';

// The chart renderer is its own chunk: the pane starts without it and loads it with the first chart.
const ChartImpl = React.lazy(() => import(/* webpackChunkName: "chart" */ './Chart'));

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
