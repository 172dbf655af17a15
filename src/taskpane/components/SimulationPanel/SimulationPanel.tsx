import * as React from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
} from '@fluentui/react-components';
import { displayUnit, formatNumber, unitKind } from '../../../app/units';
import { LazyChart } from '../Chart/LazyChart';
import type { SimulationPanelProps } from './SimulationPanel.types';
import { ITERATION_LIMITS, useSimulationPanel } from './useSimulationPanel';
import { useSimulationPanelStyles } from './SimulationPanel.styles';

type SummaryRow = { id: string; label: string; unit: string; year: number; p5: number; p50: number; p95: number };

function groupRows(rows: SummaryRow[]): { id: string; label: string; unit: string; rows: SummaryRow[] }[] {
  const groups: { id: string; label: string; unit: string; rows: SummaryRow[] }[] = [];
  for (const r of rows) {
    const g = groups.find((x) => x.id === r.id) ?? groups[groups.push({ id: r.id, label: r.label, unit: r.unit, rows: [] }) - 1];
    g.rows.push(r);
  }
  return groups;
}

/** Monte Carlo of the current scenario: sampling, seed, iterations, progress, cancel, fan chart and percentiles. */
export const SimulationPanel = React.memo(function SimulationPanel(props: SimulationPanelProps): React.ReactElement {
  const styles = useSimulationPanelStyles();
  const s = useSimulationPanel(props);
  const p = s.progress;
  return (
    <div className={styles.root}>
      <Caption1 className={styles.note}>
        Parameters with a distribution (from the low/central/high values in the data) are sampled; the rest stay at the scenario value. The
        same seed reproduces a run exactly.
      </Caption1>
      <div className={styles.row}>
        <Field label="Iterations" className={styles.field}>
          <Input
            className={styles.input}
            type="number"
            min={ITERATION_LIMITS.min}
            max={ITERATION_LIMITS.max}
            value={String(s.options.iterations)}
            onChange={(_, d) => s.setOptions({ iterations: Number(d.value) })}
          />
        </Field>
        <Field label="Seed" className={styles.field}>
          <Input
            className={styles.input}
            type="number"
            min={0}
            value={String(s.options.seed)}
            onChange={(_, d) => s.setOptions({ seed: Number(d.value) })}
          />
        </Field>
      </div>
      <Field label="Sampling">
        <RadioGroup
          layout="horizontal"
          value={s.options.sampling}
          onChange={(_, d) => s.setOptions({ sampling: d.value === 'mc' ? 'mc' : 'lhs' })}
        >
          <Radio value="lhs" label="Latin Hypercube" />
          <Radio value="mc" label="Plain Monte Carlo" />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void s.start()} disabled={s.running || s.blocked !== null}>
          Run simulation
        </Button>
        <Button onClick={s.cancel} disabled={!s.running}>
          Cancel
        </Button>
        {s.blocked && <span className={styles.note}>{s.blocked}</span>}
      </div>
      {s.running && p && (
        <Field validationMessage={`${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} trials`} validationState="none">
          <ProgressBar value={p.total > 0 ? p.done / p.total : 0} aria-label="Simulation progress" />
        </Field>
      )}
      {s.error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {s.info && (
        <MessageBar intent="info" role="status">
          <MessageBarBody>{s.info}</MessageBarBody>
        </MessageBar>
      )}
      {s.summary && (
        <>
          <MessageBar intent={s.summary.report.ok ? 'success' : 'warning'} role="status">
            <MessageBarBody>{s.summary.report.message}</MessageBarBody>
          </MessageBar>
          <Field label="Output in the fan chart">
            <Select className={styles.select} value={s.fanOutput} onChange={(_, d) => s.setFanOutput(d.value)}>
              {s.summary.fans.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </Select>
          </Field>
          {s.fanSpec && <LazyChart spec={s.fanSpec} />}
          <table className={styles.table} aria-label="Simulation percentiles">
            <thead>
              <tr>
                <th className={styles.headerCell} scope="col">
                  Year
                </th>
                <th className={styles.cellNum} scope="col">
                  P5
                </th>
                <th className={styles.cellNum} scope="col">
                  P50
                </th>
                <th className={styles.cellNum} scope="col">
                  P95
                </th>
              </tr>
            </thead>
            {/* One group per output: its name across the table, then a row per year (fits a 320 px pane). */}
            {groupRows(s.summary.rows).map((g) => (
              <tbody key={g.id}>
                <tr>
                  <th className={styles.groupCell} colSpan={4} scope="colgroup">
                    {g.label}
                    {unitKind(g.unit) === 'share' ? ' (%)' : ` (${unitKind(g.unit) === 'usd' ? 'USD' : displayUnit(g.unit)})`}
                  </th>
                </tr>
                {g.rows.map((r) => (
                  <tr key={r.year}>
                    <th className={styles.headerCell} scope="row">
                      {r.year}
                    </th>
                    <td className={styles.cellNum}>{formatNumber(r.p5, r.unit)}</td>
                    <td className={styles.cellNum}>{formatNumber(r.p50, r.unit)}</td>
                    <td className={styles.cellNum}>{formatNumber(r.p95, r.unit)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </>
      )}
    </div>
  );
});
