/** The pane's behaviour hooks on real services over the in-memory workbook (no browser layout needed). */
import { act, cleanup, fireEvent, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { AppServices } from '../../src/app/types';
import { PARAMS } from '../../src/model/params';
import { ParamSlider } from '../../src/taskpane/components/ParamSlider/ParamSlider';
import { snap } from '../../src/taskpane/components/ParamSlider/useParamSlider';
import { useSavedScenarios } from '../../src/taskpane/components/SavedScenarios/useSavedScenarios';
import { useGoalSeek } from '../../src/taskpane/components/SensitivityPanel/useGoalSeek';
import { useSensitivityPanel } from '../../src/taskpane/components/SensitivityPanel/useSensitivityPanel';
import { useSimulationPanel } from '../../src/taskpane/components/SimulationPanel/useSimulationPanel';
import { useScenario } from '../../src/taskpane/scenario/useScenario';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { renderUi, standaloneServices } from './renderPane';

afterEach(cleanup);

const services = (wb = new MemoryWorkbook()): AppServices => standaloneServices({}, wb).services;
const ceiling = PARAMS.find((p) => p.id === 'nev.ceiling.China')!;

describe('ParamSlider', () => {
  function renderSlider(value: number) {
    const calls: [string, number, string][] = [];
    renderUi(
      <FluentProvider theme={webLightTheme}>
        <ParamSlider meta={ceiling} value={value} onChange={(id, v, mode) => calls.push([id, v, mode])} onRelease={() => undefined} />
      </FluentProvider>,
    );
    return calls;
  }

  it('has a track, tells screen readers the value with its unit, and takes 60, 60% or 0.6 typed', () => {
    const calls = renderSlider(0.85);
    const slider = screen.getByRole('slider', { name: 'NEV share ceiling, China' });
    expect(slider.getAttribute('aria-valuetext')).toBe('85.0 % of new-car sales');
    const entry = screen.getByRole('textbox', { name: 'NEV share ceiling, China, typed value (% of new-car sales)' }) as HTMLInputElement;
    expect(entry.value).toBe('85.0 %');
    for (const typed of ['60', '60%', '0.6']) {
      fireEvent.change(entry, { target: { value: typed } });
      fireEvent.keyDown(entry, { key: 'Enter' });
    }
    expect(calls.map(([id, v, mode]) => [id, Number(v.toFixed(12)), mode])).toEqual([
      ['nev.ceiling.China', 0.6, 'now'],
      ['nev.ceiling.China', 0.6, 'now'],
      ['nev.ceiling.China', 0.6, 'now'],
    ]);
  });

  it('refuses a value outside the range and says the range', () => {
    const calls = renderSlider(0.85);
    const entry = screen.getByRole('textbox', { name: /typed value/ });
    fireEvent.change(entry, { target: { value: '2%' } });
    fireEvent.keyDown(entry, { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('2.0 % is outside the range 5.0 % to 100.0 %.');
    expect(calls).toEqual([]);
  });

  it('snaps slider values to the step', () => {
    expect(snap(0.1 + 0.2, 0.01, 0)).toBe(0.3);
    expect(snap(2031.4, 1, 2026)).toBe(2031);
  });
});

describe('scenario state', () => {
  it('has figures from the compiled model before anything is written, and updates them on a value change at once', async () => {
    const wb = new MemoryWorkbook();
    const svc = services(wb);
    const { result } = renderHook(() => useScenario(svc));
    await waitFor(() => expect(result.current.figures).not.toBeNull());
    const share = () => result.current.figures!.get('nev.share.Europe')!.values[15];
    const before = share();
    act(() => result.current.setValue('nev.speedMultiplier', 2, 'settle'));
    expect(result.current.figuresSource).toBe('instant');
    expect(share()).not.toBe(before); // same render, no write awaited
    expect(wb.sheetNames()).not.toContain('Results');
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'), { timeout: 5000 }); // written once it settles
    await waitFor(() => expect(result.current.figuresSource).toBe('written'));
  });
});

describe('saved scenarios', () => {
  it('saves, loads back into the sliders, renames and deletes', async () => {
    const svc = services();
    const scenario = renderHook(() => useScenario(svc));
    await waitFor(() => expect(scenario.result.current.figures).not.toBeNull());
    act(() => scenario.result.current.setValue('nev.ceiling.China', 0.6, 'now'));
    const saved = renderHook(() =>
      useSavedScenarios({ services: svc, loadedName: scenario.result.current.loadedName, actions: scenario.result.current.actions }),
    );
    act(() => saved.result.current.setName('Low'));
    await act(() => saved.result.current.save());
    expect(saved.result.current.report?.message).toBe('Saved scenario "Low" (1 change from baseline).');
    expect(scenario.result.current.loadedName).toBe('Low');
    act(() => scenario.result.current.selectPreset('fortress'));
    expect(scenario.result.current.values['nev.ceiling.China']).not.toBe(0.6);
    act(() => saved.result.current.load('Low'));
    expect(scenario.result.current.values['nev.ceiling.China']).toBe(0.6);
    expect(scenario.result.current.presetId).toBe('baseline');
    act(() => saved.result.current.startRename('Low'));
    act(() => saved.result.current.setRenameTo('Low ceiling'));
    await act(() => saved.result.current.commitRename());
    expect(saved.result.current.list.map((s) => s.name)).toEqual(['Low ceiling']);
    act(() => saved.result.current.askDelete('Low ceiling'));
    await act(() => saved.result.current.confirmDelete());
    expect(saved.result.current.list).toEqual([]);
    expect(saved.result.current.compareBlocked).toBe('Tick two or more saved scenarios to compare them.');
  });
});

describe('sensitivity and goal seek', () => {
  it('clears a tornado when an input changes', async () => {
    const svc = services();
    const { result, rerender } = renderHook(
      (p: { key: string }) => useSensitivityPanel({ services: svc, values: {}, inputsKey: p.key, onApply: () => undefined }),
      { initialProps: { key: 'a' } },
    );
    await act(() => result.current.run());
    expect(result.current.spec?.kind).toBe('tornado');
    rerender({ key: 'b' });
    expect(result.current.spec).toBeNull();
  });

  it('reads a target of 60 % and applies the answer to the scenario', async () => {
    const svc = services();
    const applied: [string, number][] = [];
    const { result } = renderHook(() =>
      useGoalSeek({
        services: svc,
        values: svc.presetValues('baseline'),
        outputId: 'nev.share.China',
        year: 2035,
        onApply: (id, v) => applied.push([id, v]),
      }),
    );
    act(() => result.current.setTarget('60%'));
    await act(() => result.current.run());
    expect(result.current.answer?.ok).toBe(true);
    expect(result.current.answer?.text).toMatch(/^NEV share ceiling, China = \d+\.\d % of new-car sales gives .* in 2035 = 60\.0 %\.$/);
    act(() => result.current.apply());
    expect(applied[0][0]).toBe('nev.ceiling.China');
    expect(result.current.applied).toMatch(/is now \d+\.\d % of new-car sales in the scenario\./);
  });

  it('says over which range the output moves when the target cannot be reached, in the output unit', async () => {
    const svc = services();
    const { result } = renderHook(() =>
      useGoalSeek({
        services: svc,
        values: svc.presetValues('baseline'),
        outputId: 'nev.share.China',
        year: 2035,
        onApply: () => undefined,
      }),
    );
    act(() => result.current.setTarget('150'));
    await act(() => result.current.run());
    expect(result.current.answer?.text).toMatch(
      /^No value of NEV share ceiling, China from 5\.0 % .* to 100\.0 % .* gives 150\.0 %: over that range .* goes from \d+\.\d % to \d+\.\d %\.$/,
    );
  });
});

describe('simulation', () => {
  it('says how many trials ran when cancelled, as information, and writes nothing', async () => {
    const wb = new MemoryWorkbook();
    const svc = services(wb);
    const { result } = renderHook(() =>
      useSimulationPanel({ services: svc, presetId: 'baseline', values: svc.presetValues('baseline'), inputsKey: 'k' }),
    );
    act(() => result.current.setOptions({ iterations: 20000 }));
    let run: Promise<void> = Promise.resolve();
    act(() => {
      run = result.current.start();
    });
    await waitFor(() => expect(result.current.progress?.done ?? 0).toBeGreaterThan(0), { timeout: 20000 });
    act(() => result.current.cancel());
    await act(() => run);
    expect(result.current.error).toBeNull();
    expect(result.current.info).toMatch(/^Cancelled after [\d,]+ trials of 20,000; nothing was written\.$/);
    expect(wb.sheetNames()).not.toContain('Simulation');
  });
});
