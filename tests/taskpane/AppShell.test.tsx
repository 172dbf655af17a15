/** The pane as a user sees it, queried by role, on real services over the in-memory workbook. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPane } from './renderPane';

afterEach(cleanup);

describe('AppShell', () => {
  it('writes results on "Write results" and shows them in the sheet preview', async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'));
    const grid = await screen.findByRole('grid', { name: 'Sheet Results' });
    expect(within(grid).getAllByText('nev.share.China').length).toBe(1);
    expect(await screen.findByRole('region', { name: 'Key figures' })).toBeTruthy();
  });

  it('moving the China ceiling slider reruns the model and changes the cells', async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'));
    const cell2040 = () => {
      const rows = wb.getSheetView('Results')!.rows;
      const header = rows.find((r) => r[0]?.value === 'Output id')!;
      const col = header.findIndex((c) => c.value === '2040');
      return rows.find((r) => r[0]?.value === 'nev.share.China')![col].value as number;
    };
    const before = cell2040();
    const slider = document.querySelector('input[type="range"][data-param="nev.ceiling.China"]') as HTMLInputElement;
    expect(slider).toBeTruthy();
    await act(async () => {
      fireEvent.change(slider, { target: { value: String(Number(slider.min) + 0.1) } });
    });
    await waitFor(() => expect(cell2040()).toBeLessThan(before), { timeout: 5000 });
  });

  it('loads reference data from the Data tab and reports it', async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('tab', { name: 'Data' }));
    fireEvent.click(screen.getByRole('button', { name: 'Load reference data' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Suppliers'), { timeout: 10000 });
    const status = await screen.findByText(/Wrote reference dataset/);
    expect(status.textContent).toMatch(/rows on \d+ sheets/);
  });

  it('rejects a bad iteration count with a message and runs nothing', async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('tab', { name: 'Simulation' }));
    const input = screen.getByRole('spinbutton', { name: 'Iterations' });
    fireEvent.change(input, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run simulation' }));
    expect(await screen.findByText(/Iterations must be a whole number from 100/)).toBeTruthy();
    expect(wb.sheetNames()).not.toContain('Simulation');
  });
});

describe('AppShell and workbook edits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reruns the fit when a person edits the NEV history, but not on its own writes', async () => {
    // Fake timers that also follow the clock: waitFor polls as usual, and the quiet period below is jumped.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { wb, services } = renderPane();
    fireEvent.click(screen.getByRole('tab', { name: 'Data' }));
    fireEvent.click(screen.getByRole('button', { name: 'Load reference data' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('NEV sales'), { timeout: 10000 });
    fireEvent.click(screen.getByRole('tab', { name: 'Scenario' }));
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'));
    const fitCell = () => {
      const rows = wb.getSheetView('Results')!.rows;
      return rows.find((r) => r[0]?.value === 'China' && r[1]?.value === 'damped-pace logistic')?.[7]?.value;
    };
    await waitFor(() => expect(fitCell()).toBeTypeOf('number'));
    const before = fitCell();
    const version = wb.version();
    // Every debounce of the pane (scheduler settle, 350 ms model details, 400 ms save) runs out within 1 s.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(wb.version()).toBe(version); // the add-in's own write did not trigger another run
    const view = wb.getSheetView('NEV sales')!;
    const header = view.rows.findIndex((r) => r.some((c) => c.value === 'region'));
    const cols = view.rows[header].map((c) => c.value);
    const r = view.rows.findIndex(
      (row, i) => i > header && row[cols.indexOf('region')]?.value === 'China' && row[cols.indexOf('year')]?.value === 2022,
    );
    const col = String.fromCharCode(65 + cols.indexOf('ev_sales_share_new_cars_pct'));
    await act(async () => wb.setCellByUser('NEV sales', `${col}${r + 1}`, 2));
    await waitFor(() => expect(fitCell()).not.toBe(before), { timeout: 5000 });
    void services;
  }, 90_000); // jsdom draws the whole grid: slow on a shared machine
});
