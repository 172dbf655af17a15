import * as React from 'react';
import { Button, Caption1, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { DerivedMetricsProps } from './DerivedMetrics.types';
import { METRIC_UNITS, useDerivedMetrics } from './useDerivedMetrics';
import { useDerivedMetricsStyles } from './DerivedMetrics.styles';

/** User formulas over output and parameter ids, evaluated in the sandboxed mathjs instance. */
export const DerivedMetrics = React.memo(function DerivedMetrics(props: DerivedMetricsProps): React.ReactElement {
  const styles = useDerivedMetricsStyles();
  const s = useDerivedMetrics(props);
  return (
    <section aria-label="Derived metrics" className={styles.root}>
      <Subtitle2>Derived metrics</Subtitle2>
      <Caption1 className={styles.description}>
        A formula over output and parameter ids, e.g. exports.value.total / nev.sales.Europe; written to the Results sheet as
        expr.&lt;id&gt;, year by year, in the unit you pick.
      </Caption1>
      <div className={styles.row}>
        <Field label="Id" className={styles.id}>
          <Input className={styles.fill} value={s.id} onChange={(_, d) => s.setId(d.value)} />
        </Field>
        <Field label="Shown as" className={styles.id}>
          <Select className={styles.select} value={s.unit} onChange={(_, d) => s.setUnit(d.value)}>
            {METRIC_UNITS.map((u) => (
              <option key={u.id} value={u.id}>
                {u.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Expression" validationMessage={s.error ?? undefined} validationState={s.error ? 'error' : 'none'}>
        <Input className={styles.fill} value={s.expr} onChange={(_, d) => s.setExpr(d.value)} />
      </Field>
      <Button disabled={s.blocked !== null} onClick={s.add}>
        Add metric
      </Button>
      {s.blocked && s.id + s.expr !== '' && <span className={styles.description}>{s.blocked}</span>}
      {props.metrics.length > 0 && (
        <ul className={styles.list} aria-label="Derived metrics in this scenario">
          {props.metrics.map((m) => (
            <li key={m.id} className={styles.item}>
              <span className={styles.formula}>
                expr.{m.id} = {m.expr}
              </span>
              <Button size="small" aria-label={`Remove ${m.id}`} onClick={() => props.actions.removeMetric(m.id)}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
