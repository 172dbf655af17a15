import * as React from 'react';
import { InfoLabel, Input, Slider } from '@fluentui/react-components';
import { ariaValueText, displayUnit, formatNumber } from '../../../app/units';
import type { ParamSliderProps } from './ParamSlider.types';
import { useParamSlider } from './useParamSlider';
import { useParamSliderStyles } from './ParamSlider.styles';

/** One scenario input: label with its source, a typed entry in the input's unit, and a slider with its track. */
export const ParamSlider = React.memo(function ParamSlider(props: ParamSliderProps): React.ReactElement {
  const { meta, value } = props;
  const styles = useParamSliderStyles();
  const s = useParamSlider(props);
  const id = `param-${meta.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const unit = displayUnit(meta.unit);
  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <InfoLabel
          id={`${id}-label`}
          htmlFor={id}
          className={styles.label}
          size="small"
          info={`${meta.source}. Status: ${meta.status}.`}
          infoButton={{ inline: false, 'aria-label': `Source of ${meta.label}` }}
        >
          {meta.label}
        </InfoLabel>
        <Input
          size="small"
          className={styles.entry}
          input={{ className: styles.entryInput }}
          aria-label={`${meta.label}, typed value${unit ? ` (${unit})` : ''}`}
          aria-invalid={s.error ? true : undefined}
          aria-describedby={s.error ? `${id}-error` : undefined}
          data-param-entry={meta.id}
          value={s.draft}
          onChange={(_, d) => s.setDraft(d.value)}
          onBlur={s.commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') s.commit();
            else if (e.key === 'Escape') s.revert();
          }}
        />
      </div>
      <Slider
        id={id}
        size="small"
        className={styles.slider}
        rail={{ className: styles.rail }}
        aria-labelledby={`${id}-label`}
        aria-valuetext={ariaValueText(value, meta.unit)}
        data-param={meta.id}
        min={meta.min}
        max={meta.max}
        step={meta.step}
        value={value}
        onChange={(_, d) => s.onSliderChange(d.value)}
        onPointerDown={s.onPointerDown}
      />
      <div className={styles.range} aria-hidden="true">
        <span>{formatNumber(meta.min, meta.unit)}</span>
        <span>{formatNumber(meta.max, meta.unit)}</span>
      </div>
      {s.error && (
        <span id={`${id}-error`} role="alert" className={styles.error}>
          {s.error}
        </span>
      )}
    </div>
  );
});
