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
} from '@fluentui/react-components';
import { formatValue } from '../../format';
import type { SimulationPanelProps } from './SimulationPanel.types';
import { ITERATION_LIMITS, useSimulationPanel } from './useSimulationPanel';
import { useSimulationPanelStyles } from './SimulationPanel.styles';

/** Monte Carlo of the current scenario: sampling, seed, iterations, progress, cancel and percentiles. */
export function SimulationPanel({ services, presetId, values }: SimulationPanelProps): React.ReactElement {
  const styles = useSimulationPanelStyles();
  const s = useSimulationPanel(services, presetId, values);
  const p = s.progress;
  return (
    <div className={styles.root}>
      <Caption1 className={styles.note}>
        Parameters with a distribution (from the low/central/high values in the data) are sampled; the rest stay at
        the scenario value. The same seed reproduces a run exactly.
      </Caption1>
      <div className={styles.row}>
        <Field label="Iterations" className={styles.field}>
          <Input
            type="number"
            min={ITERATION_LIMITS.min}
            max={ITERATION_LIMITS.max}
            value={String(s.options.iterations)}
            onChange={(_, d) => s.setOptions({ iterations: Number(d.value) })}
          />
        </Field>
        <Field label="Seed" className={styles.field}>
          <Input type="number" value={String(s.options.seed)} onChange={(_, d) => s.setOptions({ seed: Number(d.value) })} />
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
        <Button appearance="primary" onClick={() => void s.start()} disabled={s.running}>
          Run simulation
        </Button>
        <Button onClick={s.cancel} disabled={!s.running}>
          Cancel
        </Button>
      </div>
      {s.running && p && (
        <Field validationMessage={`${p.done.toLocaleString()} of ${p.total.toLocaleString()} trials`} validationState="none">
          <ProgressBar value={p.total > 0 ? p.done / p.total : 0} />
        </Field>
      )}
      {s.error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {s.summary && (
        <>
          <MessageBar intent={s.summary.report.ok ? 'success' : 'warning'} role="status">
            <MessageBarBody>{s.summary.report.message}</MessageBarBody>
          </MessageBar>
          <table className={styles.table} aria-label="Simulation percentiles">
            <thead>
              <tr>
                <th align="left">Output</th>
                <th className={styles.cellNum}>Year</th>
                <th className={styles.cellNum}>P5</th>
                <th className={styles.cellNum}>P50</th>
                <th className={styles.cellNum}>P95</th>
              </tr>
            </thead>
            <tbody>
              {s.summary.rows.map((r) => (
                <tr key={`${r.id}-${r.year}`}>
                  <td>{r.label}</td>
                  <td className={styles.cellNum}>{r.year}</td>
                  <td className={styles.cellNum}>{formatValue(r.p5, r.unit)}</td>
                  <td className={styles.cellNum}>{formatValue(r.p50, r.unit)}</td>
                  <td className={styles.cellNum}>{formatValue(r.p95, r.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
