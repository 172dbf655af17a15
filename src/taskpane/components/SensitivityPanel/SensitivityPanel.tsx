import * as React from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner } from '@fluentui/react-components';
import { formatValue } from '../../format';
import type { SensitivityPanelProps } from './SensitivityPanel.types';
import { useSensitivityPanel } from './useSensitivityPanel';
import { useSensitivityPanelStyles } from './SensitivityPanel.styles';

/** Tornado chart: how far the chosen output moves when each input goes from its low to its high value. */
export function SensitivityPanel({ services, values }: SensitivityPanelProps): React.ReactElement {
  const styles = useSensitivityPanelStyles();
  const s = useSensitivityPanel(services, values);
  const output = services.outputChoices.find((o) => o.id === s.outputId);
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Field label="Output" className={styles.grow}>
          <Dropdown
            value={output?.label ?? s.outputId}
            selectedOptions={[s.outputId]}
            onOptionSelect={(_, d) => d.optionValue && s.setOutputId(d.optionValue)}
          >
            {services.outputChoices.map((o) => (
              <Option key={o.id} value={o.id}>
                {o.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Year">
          <Input className={styles.year} type="number" value={String(s.year)} onChange={(_, d) => s.setYear(Number(d.value))} />
        </Field>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void s.run()} disabled={s.busy}>
          Run tornado
        </Button>
        {s.busy && <Spinner size="tiny" />}
      </div>
      {s.error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {s.bars && (
        <ol aria-label="Tornado" className={styles.list}>
          {s.bars.map((b) => {
            const lo = Math.min(b.outputAtLow, b.outputAtHigh);
            const hi = Math.max(b.outputAtLow, b.outputAtHigh);
            const width = ((hi - lo) / s.maxSwing) * 100;
            return (
              <li key={b.paramId} className={styles.bar}>
                <span>{b.label}</span>
                <div className={styles.track}>
                  <div className={styles.fill} style={{ left: `${(100 - width) / 2}%`, width: `${width}%` }} />
                </div>
                <div className={styles.numbers}>
                  <span>{formatValue(b.outputAtLow, output?.unit ?? '')}</span>
                  <span>{formatValue(b.outputAtHigh, output?.unit ?? '')}</span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
