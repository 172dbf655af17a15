import * as React from 'react';
import { Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Spinner } from '@fluentui/react-components';
import { plural } from '../../../app/units';
import { LazyChart } from '../Chart/LazyChart';
import { GoalSeek } from './GoalSeek';
import { OUTPUT_CHOICES } from './outputChoices';
import type { SensitivityPanelProps } from './SensitivityPanel.types';
import { useSensitivityPanel } from './useSensitivityPanel';
import { useSensitivityPanelStyles } from './SensitivityPanel.styles';

/** Tornado chart: how far the chosen output moves when each input goes from its low to its high value; goal seek below. */
export const SensitivityPanel = React.memo(function SensitivityPanel(props: SensitivityPanelProps): React.ReactElement {
  const styles = useSensitivityPanelStyles();
  const s = useSensitivityPanel(props);
  const output = OUTPUT_CHOICES.find((o) => o.id === s.outputId);
  return (
    <div className={styles.root}>
      <Field label="Output">
        <Dropdown
          value={output?.label ?? s.outputId}
          selectedOptions={[s.outputId]}
          onOptionSelect={(_, d) => d.optionValue && s.setOutputId(d.optionValue)}
        >
          {OUTPUT_CHOICES.map((o) => (
            <Option key={o.id} value={o.id}>
              {o.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field label="Year">
          <Input
            className={styles.year}
            type="number"
            min={2015}
            max={2040}
            value={String(s.year)}
            onChange={(_, d) => s.setYear(Number(d.value))}
          />
        </Field>
        <Button appearance="primary" onClick={() => void s.run()} disabled={s.busy || s.blocked !== null}>
          Run tornado
        </Button>
        {s.busy && <Spinner size="tiny" aria-label="Running the tornado" />}
      </div>
      {s.blocked && <span className={styles.note}>{s.blocked}</span>}
      {s.error && (
        <MessageBar intent="error" role="status">
          <MessageBarBody>{s.error}</MessageBarBody>
        </MessageBar>
      )}
      {s.spec && (
        <>
          <LazyChart spec={s.spec} />
          <Caption1 className={styles.note}>
            Each input moves between its P10 and P90, or its min and max when it has no distribution; the line is the base case. Also
            written to the Sensitivity sheet.
            {s.flatInputs > 0 &&
              ` ${plural(s.flatInputs, 'input')} ${s.flatInputs === 1 ? 'does' : 'do'} not move this output and ${s.flatInputs === 1 ? 'is' : 'are'} not drawn.`}
          </Caption1>
        </>
      )}
      <GoalSeek services={props.services} values={props.values} outputId={s.outputId} year={s.year} onApply={props.onApply} />
    </div>
  );
});
