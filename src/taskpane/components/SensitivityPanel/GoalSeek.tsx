import * as React from 'react';
import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  Subtitle2,
} from '@fluentui/react-components';
import { displayUnit } from '../../../app/units';
import { PARAMS } from '../../../model/params';
import { useScrollIntoView } from '../../useScrollIntoView';
import { OUTPUT_CHOICES } from './outputChoices';
import type { GoalSeekProps } from './SensitivityPanel.types';
import { useGoalSeek } from './useGoalSeek';
import { useSensitivityPanelStyles } from './SensitivityPanel.styles';

/** "Which value of this input makes the output reach my target?", within the input's range; the answer can go into the scenario. */
export function GoalSeek(props: GoalSeekProps): React.ReactElement {
  const styles = useSensitivityPanelStyles();
  const s = useGoalSeek(props);
  const answerRef = useScrollIntoView(s.answer ?? s.applied);
  const param = PARAMS.find((p) => p.id === s.paramId);
  const output = OUTPUT_CHOICES.find((o) => o.id === props.outputId);
  return (
    <section aria-label="Goal seek" className={styles.root}>
      <Subtitle2>Goal seek (output and year as above)</Subtitle2>
      <Field label="Change this input">
        <Dropdown
          value={param?.label ?? s.paramId}
          selectedOptions={[s.paramId]}
          onOptionSelect={(_, d) => d.optionValue && s.setParamId(d.optionValue)}
        >
          {PARAMS.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field
          label={`Target${output ? ` (${displayUnit(output.unit)})` : ''}`}
          className={styles.grow}
          hint={output && /^%/.test(displayUnit(output.unit)) ? 'e.g. 60 or 60 %' : undefined}
        >
          <Input value={s.target} onChange={(_, d) => s.setTarget(d.value)} onKeyDown={(e) => e.key === 'Enter' && void s.run()} />
        </Field>
        <Button onClick={() => void s.run()} disabled={s.blocked !== null}>
          Seek
        </Button>
      </div>
      {s.answer && (
        <MessageBar ref={answerRef} intent={s.answer.ok ? 'success' : 'warning'} role="status" layout="multiline">
          <MessageBarBody>{s.answer.text}</MessageBarBody>
          {s.answer.ok && (
            <MessageBarActions>
              <Button size="small" onClick={s.apply} disabled={s.applied !== null}>
                Apply to the scenario
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {s.applied && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{s.applied}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
