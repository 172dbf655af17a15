import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  InfoLabel,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Slider,
  Spinner,
  Subtitle2,
} from '@fluentui/react-components';
import type { ParamMeta } from '../../../model/types';
import { formatValue } from '../../format';
import type { ScenarioPanelProps } from './ScenarioPanel.types';
import { useScenarioPanel } from './useScenarioPanel';
import { useScenarioPanelStyles } from './ScenarioPanel.styles';

const GROUP_LABELS: Record<ParamMeta['group'], string> = {
  nev: 'NEV adoption',
  exports: 'Exports and trade',
  rnd: 'R&D placement',
  general: 'General',
};

/** Preset picker, one slider per parameter (grouped), headline results and saved scenarios. */
export function ScenarioPanel({ services, onValuesChange, debounceMs = 250 }: ScenarioPanelProps): React.ReactElement {
  const styles = useScenarioPanelStyles();
  const state = useScenarioPanel(services, debounceMs, onValuesChange);
  const [saveName, setSaveName] = React.useState('');
  const [compareSet, setCompareSet] = React.useState<string[]>([]);
  const preset = services.presets.find((p) => p.id === state.presetId);
  const groups = (['nev', 'exports', 'rnd', 'general'] as const)
    .map((g) => ({ id: g, params: services.params.filter((p) => p.group === g) }))
    .filter((g) => g.params.length > 0);

  return (
    <div className={styles.root}>
      <Field label="Preset">
        <Dropdown
          value={preset?.label ?? state.presetId}
          selectedOptions={[state.presetId]}
          onOptionSelect={(_, d) => d.optionValue && state.selectPreset(d.optionValue)}
        >
          {services.presets.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {preset && <Caption1 className={styles.description}>{preset.description}</Caption1>}

      {state.run && state.run.headline.length > 0 && (
        <section aria-label="Headline results" className={styles.headlines}>
          {state.run.headline.map((h) => (
            <div key={h.id} className={styles.headline} data-output={h.id}>
              <span className={styles.headlineLabel}>
                {h.label} ({h.year})
              </span>
              <span className={styles.headlineValue}>{formatValue(h.value, h.unit)}</span>
            </div>
          ))}
        </section>
      )}

      <div className={styles.row}>
        <Button appearance="primary" onClick={state.runNow} disabled={state.busy}>
          Write results
        </Button>
        {state.busy && <Spinner size="tiny" label="Running…" />}
      </div>
      {state.report && (
        <MessageBar intent={state.report.ok ? 'success' : 'error'} role="status">
          <MessageBarBody>{state.report.message}</MessageBarBody>
        </MessageBar>
      )}

      <Accordion multiple collapsible defaultOpenItems={['nev']}>
        {groups.map((g) => (
          <AccordionItem key={g.id} value={g.id}>
            <AccordionHeader>{GROUP_LABELS[g.id]} ({g.params.length})</AccordionHeader>
            <AccordionPanel>
              {g.params.map((p) => (
                <ParamSlider key={p.id} meta={p} value={state.values[p.id] ?? p.default} onChange={state.setValue} />
              ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>

      <DerivedMetrics state={state} />

      {state.run && state.run.calibration.length > 0 && (
        <section aria-label="Calibration">
          <Subtitle2>History fit (2015-2025)</Subtitle2>
          <table className={styles.table}>
            <thead>
              <tr>
                <th align="left">Region</th>
                <th align="right">RMSE (pp)</th>
              </tr>
            </thead>
            <tbody>
              {state.run.calibration.map((c) => (
                <tr key={c.region}>
                  <td>{c.region}</td>
                  <td align="right">{c.rmsePp.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section aria-label="Saved scenarios" className={styles.savedList}>
        <Subtitle2>Saved scenarios</Subtitle2>
        <div className={styles.row}>
          <Field label="Name" className={styles.grow}>
            <Input value={saveName} onChange={(_, d) => setSaveName(d.value)} />
          </Field>
          <Button disabled={!saveName.trim()} onClick={() => void state.save(saveName.trim()).then(() => setSaveName(''))}>
            Save
          </Button>
        </div>
        {state.saved.map((s) => (
          <Checkbox
            key={s.name}
            label={`${s.name} (${s.preset}, ${Object.keys(s.overrides).length} changes)`}
            checked={compareSet.includes(s.name)}
            onChange={(_, d) =>
              setCompareSet((prev) => (d.checked ? [...prev, s.name] : prev.filter((n) => n !== s.name)))
            }
          />
        ))}
        {state.saved.length > 0 && (
          <Button disabled={compareSet.length < 2 || state.busy} onClick={() => void state.compare(compareSet)}>
            Compare side by side
          </Button>
        )}
      </section>
    </div>
  );
}

function ParamSlider({
  meta,
  value,
  onChange,
}: {
  meta: ParamMeta;
  value: number;
  onChange: (id: string, v: number) => void;
}): React.ReactElement {
  const styles = useScenarioPanelStyles();
  const id = `param-${meta.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className={styles.param}>
      <div className={styles.paramHead}>
        <InfoLabel id={`${id}-label`} htmlFor={id} info={`${meta.source} — status: ${meta.status}`} size="small">
          {meta.label}
        </InfoLabel>
        <span className={styles.paramValue} data-param-value={meta.id}>
          {formatValue(value, meta.unit)}
        </span>
      </div>
      <Slider
        id={id}
        className={styles.slider}
        aria-labelledby={`${id}-label`}
        data-param={meta.id}
        min={meta.min}
        max={meta.max}
        step={meta.step}
        value={value}
        onChange={(_, d) => onChange(meta.id, d.value)}
      />
    </div>
  );
}

/** User formulas over output and parameter ids, evaluated in the sandboxed mathjs instance. */
function DerivedMetrics({ state }: { state: ReturnType<typeof useScenarioPanel> }): React.ReactElement {
  const styles = useScenarioPanelStyles();
  const [id, setId] = React.useState('');
  const [expr, setExpr] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  return (
    <section aria-label="Derived metrics" className={styles.savedList}>
      <Subtitle2>Derived metrics</Subtitle2>
      <Caption1 className={styles.description}>
        A formula over output and parameter ids, e.g. exports.value.total / nev.sales.Europe; written to the Results
        sheet as expr.&lt;id&gt;, year by year.
      </Caption1>
      <div className={styles.row}>
        <Field label="Id" className={styles.metricId}>
          <Input value={id} onChange={(_, d) => setId(d.value)} />
        </Field>
        <Field label="Expression" className={styles.grow} validationMessage={error ?? undefined} validationState={error ? 'error' : 'none'}>
          <Input value={expr} onChange={(_, d) => setExpr(d.value)} />
        </Field>
      </div>
      <Button
        disabled={!id.trim() || !expr.trim()}
        onClick={() => {
          const problem = state.addMetric({ id: id.trim(), expr: expr.trim() });
          setError(problem);
          if (!problem) {
            setId('');
            setExpr('');
          }
        }}
      >
        Add metric
      </Button>
      {state.metrics.map((m) => (
        <div key={m.id} className={styles.row}>
          <span className={styles.grow}>
            expr.{m.id} = {m.expr}
          </span>
          <Button size="small" aria-label={`Remove ${m.id}`} onClick={() => state.removeMetric(m.id)}>
            Remove
          </Button>
        </div>
      ))}
    </section>
  );
}
