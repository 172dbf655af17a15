import * as React from 'react';
import { formatValue, parseEntry } from '../../../app/units';
import { PARAMS, paramById } from '../../../model/params';
import { errorMessage } from '../../errors';
import { OUTPUT_CHOICES } from './outputChoices';
import type { GoalSeekProps } from './SensitivityPanel.types';

export interface GoalSeekAnswer {
  ok: boolean;
  text: string;
  /** The input value found, ready to apply. */
  value?: number;
}

export interface GoalSeekState {
  paramId: string;
  setParamId(id: string): void;
  target: string;
  setTarget(t: string): void;
  answer: GoalSeekAnswer | null;
  applied: string | null;
  blocked: string | null;
  run(): Promise<void>;
  apply(): void;
}

/** "Which value of this input makes the output reach my target?"; the target is read in the output's unit (60, 60 % or 0.6). */
export function useGoalSeek({ services, values, outputId, year, onApply }: GoalSeekProps): GoalSeekState {
  const [paramId, setParamIdState] = React.useState(() => (paramById('nev.ceiling.China') ? 'nev.ceiling.China' : (PARAMS[0]?.id ?? '')));
  const [target, setTargetState] = React.useState('');
  const [answer, setAnswer] = React.useState<GoalSeekAnswer | null>(null);
  const [applied, setApplied] = React.useState<string | null>(null);
  const param = paramById(paramId);
  const output = OUTPUT_CHOICES.find((o) => o.id === outputId);
  const unit = output?.unit ?? '';
  // An answer belongs to its question.
  const question = `${paramId}|${outputId}|${year}|${target}|${JSON.stringify(values)}`;
  const [askedFor, setAskedFor] = React.useState<string | null>(null);
  const current = askedFor === question ? answer : null;
  return {
    paramId,
    setParamId: (id) => setParamIdState(id),
    target,
    setTarget: (t) => {
      setTargetState(t);
      setApplied(null);
    },
    answer: current,
    applied,
    blocked: !services ? 'The model is still loading.' : target.trim() === '' ? 'Type a target for the output.' : null,
    async run() {
      if (!services || !param) return;
      setApplied(null);
      setAskedFor(question);
      const parsed = parseEntry(target, { unit });
      if (!parsed.ok) return setAnswer({ ok: false, text: parsed.message });
      try {
        const r = await services.goalSeek(values, paramId, outputId, year, parsed.value);
        if (r.ok) {
          setAnswer({
            ok: true,
            value: r.value,
            text: `${param.label} = ${formatValue(r.value, param.unit)} gives ${output?.label ?? outputId} in ${year} = ${formatValue(r.output, unit)}.`,
          });
        } else if (r.outputRange) {
          setAnswer({
            ok: false,
            text:
              `No value of ${param.label} from ${formatValue(param.min, param.unit)} to ${formatValue(param.max, param.unit)} gives ${formatValue(parsed.value, unit)}: ` +
              `over that range ${output?.label ?? outputId} in ${year} goes from ${formatValue(r.outputRange.min, unit)} to ${formatValue(r.outputRange.max, unit)}.`,
          });
        } else setAnswer({ ok: false, text: r.message });
      } catch (e) {
        setAnswer({ ok: false, text: errorMessage(e) });
      }
    },
    apply() {
      if (!current?.ok || current.value === undefined || !param) return;
      onApply(paramId, current.value);
      setApplied(`${param.label} is now ${formatValue(current.value, param.unit)} in the scenario.`);
    },
  };
}
