/** Refresh over a table a person edited: held back, said so, and overwritten only when the person asks. */
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataPanel } from '../../src/taskpane/components/DataPanel/DataPanel';
import { renderUi, standaloneServices } from './renderPane';

afterEach(cleanup);

describe('DataPanel refresh with edited tables', () => {
  it('keeps an edited table, offers to overwrite it, and overwrites it only on that click', async () => {
    const { wb, services } = standaloneServices();
    renderUi(<DataPanel services={services} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load reference data' }));
    await screen.findByText(/Wrote reference dataset/, undefined, { timeout: 10000 });

    const sheet = (await wb.readSheet('Suppliers'))!;
    const row = sheet.values.findIndex((r) => r[0] === 'Valeo');
    const original = sheet.values[row][0];
    wb.setCellByUser('Suppliers', `A${row + 1}`, 'Valeo SE (my note)');

    fireEvent.click(screen.getByRole('button', { name: 'Refresh linked tables' }));
    await screen.findByText(/Your edits were kept/, undefined, { timeout: 10000 });
    expect(screen.getByRole('status').textContent).toMatch(/tblSuppliers was edited in the workbook since it was loaded/);
    expect((await wb.readSheet('Suppliers'))!.values[row][0]).toBe('Valeo SE (my note)');

    const overwrite = screen.getByRole('button', { name: /Refresh anyway, overwriting my edits in tblSuppliers/ });
    fireEvent.click(overwrite);
    await screen.findByText(/edits overwritten/, undefined, { timeout: 10000 });
    expect((await wb.readSheet('Suppliers'))!.values[row][0]).toBe(original);
    expect(screen.queryByRole('button', { name: /Refresh anyway/ })).toBeNull();
  });
});
