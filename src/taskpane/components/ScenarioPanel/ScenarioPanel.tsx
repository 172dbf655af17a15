import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Subtitle2,
} from '@fluentui/react-components';
import { plural } from '../../../app/units';
import { PRESETS } from '../../../model/presets';
import { DerivedMetrics } from '../DerivedMetrics/DerivedMetrics';
import { HeadlineCards } from '../HeadlineCards/HeadlineCards';
import { ParamSlider } from '../ParamSlider/ParamSlider';
import { SavedScenarios } from '../SavedScenarios/SavedScenarios';
import { ScenarioCharts } from '../ScenarioCharts/ScenarioCharts';
import type { ScenarioPanelProps } from './ScenarioPanel.types';
import { GROUP_LABELS, useScenarioPanel } from './useScenarioPanel';
import { useScenarioPanelStyles } from './ScenarioPanel.styles';

function changesText(n: number): string {
  return n === 0 ? 'no change from the preset' : `${plural(n, 'change')} from the preset`;
}

/** Preset, key figures and charts (live with every slider event), the inputs, derived metrics and saved scenarios. */
export function ScenarioPanel(props: ScenarioPanelProps): React.ReactElement {
  const { scenario, services } = props;
  const styles = useScenarioPanelStyles();
  const report = scenario.report;
  const lines = report?.details ?? [];
  const title = report?.title ?? (report?.ok ? 'Model notes' : undefined);
  const s = useScenarioPanel(props);
  const preset = PRESETS.find((p) => p.id === scenario.presetId);
  return (
    <div className={styles.root}>
      <Field label="Preset">
        <Dropdown
          value={preset?.label ?? scenario.presetId}
          selectedOptions={[scenario.presetId]}
          onOptionSelect={(_, d) => d.optionValue && scenario.selectPreset(d.optionValue)}
        >
          {PRESETS.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {preset && <Caption1 className={styles.description}>{preset.description}</Caption1>}
      <span className={styles.inputs} data-scenario-status="">
        {scenario.loadedName
          ? `Saved scenario “${scenario.loadedName}”: ${changesText(scenario.changedCount)}${scenario.modified ? ', changed since it was loaded' : ''}`
          : scenario.changedCount === 0
            ? 'Inputs as in the preset.'
            : `${changesText(scenario.changedCount)}; not saved as a scenario yet.`}
      </span>

      <HeadlineCards headlines={s.headlines} />
      <ScenarioCharts figures={scenario.figures} details={scenario.details} values={scenario.values} />

      <div className={styles.row}>
        <Button appearance="primary" onClick={scenario.writeNow} disabled={!services || scenario.writing}>
          Write results
        </Button>
        {scenario.writing && <Spinner size="tiny" aria-label="Writing" />}
        <span className={styles.status} role="status">
          {!services ? 'Loading the model…' : s.writeStatus}
        </span>
      </div>
      {report && (!report.ok || lines.length > 0) && (
        // A failure (with the refused input cells, if any), or what the model says about this scenario (a ceiling
        // below today's share, an optimum at its cap, a fit at a bound): the same lines the Results sheet lists.
        <MessageBar intent={report.ok ? 'warning' : 'error'} layout="multiline">
          <MessageBarBody>
            {title && <MessageBarTitle>{title}</MessageBarTitle>}
            {!report.ok && report.message}
            {lines.length > 0 && (
              <ul className={styles.notes} aria-label={report.ok ? 'Model notes for this scenario' : 'Refused input cells'}>
                {lines.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      <Accordion multiple collapsible defaultOpenItems={['nev']}>
        {s.groups.map((g) => (
          <AccordionItem key={g.id} value={g.id}>
            <AccordionHeader>
              {GROUP_LABELS[g.id]} ({g.params.length})
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              {g.params.map((p) => (
                <ParamSlider
                  key={p.id}
                  meta={p}
                  value={scenario.values[p.id] ?? p.default}
                  onChange={s.onParamChange}
                  onRelease={s.onRelease}
                />
              ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>

      <DerivedMetrics metrics={scenario.metrics} actions={scenario.actions} ready={services !== null} />

      {scenario.details && scenario.details.calibration.length > 0 && (
        <section aria-label="History fit">
          <Subtitle2>History fit</Subtitle2>
          <table className={styles.table}>
            <caption className={styles.caption}>Bass curve per region, least squares on the NEV share history</caption>
            <thead>
              <tr>
                <th className={styles.headerCell} scope="col">
                  Region
                </th>
                <th className={styles.cellNum} scope="col">
                  Fitted years
                </th>
                <th className={styles.cellNum} scope="col">
                  Error (RMSE, pp)
                </th>
              </tr>
            </thead>
            <tbody>
              {scenario.details.calibration.map((c) => (
                <tr key={c.region}>
                  <th className={styles.headerCell} scope="row">
                    {c.region === 'UnitedStates' ? 'United States' : c.region === 'RestOfWorld' ? 'Rest of world' : c.region}
                  </th>
                  <td className={styles.cellNum}>to {c.through}</td>
                  <td className={styles.cellNum}>{c.rmsePp.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <SavedScenarios services={services} loadedName={scenario.loadedName} actions={scenario.actions} />
    </div>
  );
}
