/** The Inputs sheet and the sliders, both ways, as a person sees it in the pane (standalone workbook). */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPane } from './renderPane';

afterEach(cleanup);

const slider = () => document.querySelector('input[type="range"][data-param="nev.ceiling.China"]') as HTMLInputElement;

describe('Inputs sheet bound to the sliders', () => {
  it('a typed value moves the slider; typed text is refused in the pane naming the cell, and the last valid value stays', async () => {
    const { wb } = renderPane();
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toEqual(expect.arrayContaining(['Inputs', 'Results'])), { timeout: 10_000 });
    expect(Number(slider().value)).not.toBe(0.6);

    // Inputs!B5 is the first parameter's value cell (nev.ceiling.China).
    wb.setCellByUser('Inputs', 'B5', 0.6);
    await waitFor(() => expect(Number(slider().value)).toBe(0.6), { timeout: 10_000 });

    wb.setCellByUser('Inputs', 'B5', 'abc');
    await waitFor(
      () => {
        const text = document.body.textContent ?? '';
        expect(text).toMatch(/Inputs!B5 \(nev\.ceiling\.China\): 'abc' is not a number/);
      },
      { timeout: 10_000 },
    );
    expect(Number(slider().value)).toBe(0.6);
    // The Check column beside the cell says it too, once the write that follows the edit is done.
    await waitFor(
      () => {
        const row = wb.getSheetView('Inputs')!.rows[4];
        expect(row[1].value).toBe('abc');
        expect(String(row.find((c) => /is not a number/.test(String(c.value)))?.value)).toMatch(/the model uses 0.6/);
      },
      { timeout: 10_000 },
    );
  }, 60_000);
});
