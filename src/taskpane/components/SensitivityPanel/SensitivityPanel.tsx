import * as React from 'react';
import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner } from '@fluentui/react-components';
import { formatValue } from '../../format';
import type { SensitivityPanelProps } from './SensitivityPanel.types';
import { useSensitivityPanel } from './useSensitivityPanel';
import { GoalSeek } from './GoalSeek';
import { useSensitivityPanelStyles } from './SensitivityPanel.styles';

/** Tornado chart: how far the chosen output moves when each input goes from its low to its high value. */
export function SensitivityPanel({ services, values }: SensitivityPanelProps): React.ReactElement {
  const styles = useSensitivityPanelStyles();
  const s = useSensitivityPanel(services, values);
  const output = services.outputChoices.find((o) => o.id === s.outputId);
  const unit = output?.unit ?? '';
  return (
    <div className={styles.root}>
      <Field label="Output">
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
      <div className={styles.row}>
        <Field label="Year">
          <Input className={styles.year} type="number" value={String(s.year)} onChange={(_, d) => s.setYear(Number(d.value))} />
        </Field>
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
      {s.base && (
        <Caption1 className={styles.note}>
          Base case {formatValue(s.base.value, unit)} (black line). Each input moves between its P10 and P90, or its
          min and max when it has no distribution; blue bars rise with the input, orange bars fall. Also written to
          the Sensitivity sheet.
          {s.flatInputs > 0 && ` ${s.flatInputs} inputs do not move this output and are not drawn.`}
        </Caption1>
      )}
      {s.bars && (
        <ol aria-label="Tornado" className={styles.list}>
          {s.bars.map((b) => (
            <li key={b.paramId} className={styles.bar}>
              <span>{b.label}</span>
              <div className={styles.track}>
                <div className={b.rising ? styles.rising : styles.falling} style={{ left: `${b.left}%`, width: `${b.width}%` }} />
                {s.base && <div className={styles.baseLine} style={{ left: `${s.base.position}%` }} />}
              </div>
              <div className={styles.numbers}>
                <span>low input: {formatValue(b.outputAtLow, unit)}</span>
                <span>high input: {formatValue(b.outputAtHigh, unit)}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
      <GoalSeek services={services} values={values} outputId={s.outputId} year={s.year} />
    </div>
  );
}
