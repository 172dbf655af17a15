/** The model's notes about a scenario reach the person at the slider, not only the CLI. */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPane } from './renderPane';

afterEach(cleanup);

describe('model notes in the pane', () => {
  it("says so when the China ceiling is set below today's share, and the Results sheet says it too", async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'));
    expect(screen.queryByRole('list', { name: 'Model notes for this scenario' })?.textContent ?? '').not.toMatch(
      /below the last observed share/,
    );

    const slider = document.querySelector('input[type="range"][data-param="nev.ceiling.China"]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(slider, { target: { value: '0.3' } });
    });
    const notes = await waitFor(
      () => {
        const list = screen.getByRole('list', { name: 'Model notes for this scenario' });
        expect(list.textContent).toMatch(/China ceiling 30 % is below the last observed share 53.0 % \(2025\)/);
        return list;
      },
      { timeout: 10_000 },
    );
    expect(notes.closest('.fui-MessageBar')).toBeTruthy();
    const a4 = wb.getSheetView('Results')!.rows[3][0].value as string;
    expect(a4).toMatch(/^Model notes: .*China ceiling 30 % is below the last observed share/);
  }, 60_000);
});
