import * as React from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Subtitle2 } from '@fluentui/react-components';
import type { AppServices } from '../../../app/types';
import { formatValue } from '../../format';
import { errorMessage } from '../ScenarioPanel/useScenarioPanel';
import { useSensitivityPanelStyles } from './SensitivityPanel.styles';

export interface GoalSeekProps {
  services: AppServices;
  values: Record<string, number>;
  outputId: string;
  year: number;
}

/** "Which value of this input makes the output reach my target?", within the input's range. */
export function GoalSeek({ services, values, outputId, year }: GoalSeekProps): React.ReactElement {
  const styles = useSensitivityPanelStyles();
  const [paramId, setParamId] = React.useState(services.params[0]?.id ?? '');
  const [target, setTarget] = React.useState('');
  const [answer, setAnswer] = React.useState<{ ok: boolean; text: string } | null>(null);
  const param = services.params.find((p) => p.id === paramId);
  const output = services.outputChoices.find((o) => o.id === outputId);

  async function run(): Promise<void> {
    const t = Number(target.replace(',', '.'));
    if (target.trim() === '' || !Number.isFinite(t)) {
      setAnswer({ ok: false, text: 'Enter the target as a number (shares as fractions, e.g. 0.5 for 50 %).' });
      return;
    }
    try {
      const r = await services.goalSeek(values, paramId, outputId, year, t);
      setAnswer(
        r.ok
          ? { ok: true, text: `${param?.label ?? paramId} = ${formatValue(r.value, param?.unit ?? '')} gives ${output?.label ?? outputId} ${year} = ${formatValue(r.output, output?.unit ?? '')}.` }
          : { ok: false, text: r.reason },
      );
    } catch (e) {
      setAnswer({ ok: false, text: errorMessage(e) });
    }
  }

  return (
    <section aria-label="Goal seek" className={styles.root}>
      <Subtitle2>Goal seek (output and year as above)</Subtitle2>
      <Field label="Change this input">
        <Dropdown value={param?.label ?? paramId} selectedOptions={[paramId]} onOptionSelect={(_, d) => d.optionValue && setParamId(d.optionValue)}>
          {services.params.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field label={`Target (${output?.unit ?? ''})`}>
          <Input value={target} onChange={(_, d) => setTarget(d.value)} />
        </Field>
        <Button onClick={() => void run()}>Seek</Button>
      </div>
      {answer && (
        <MessageBar intent={answer.ok ? 'success' : 'warning'} role="status">
          <MessageBarBody>{answer.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
