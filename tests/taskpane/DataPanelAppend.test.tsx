/** The Data panel's append checkbox, as a user sees it, on real services over the in-memory workbook. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTableLink } from '../../src/app/datasets/sources';
import { DataPanel } from '../../src/taskpane/components/DataPanel/DataPanel';
import { renderUi, standaloneServices } from './renderPane';

afterEach(cleanup);

// Fictional supplier facts for a company the reference does not list; test input only.
const USER_CSV = 'company,attribute,value_num,value_unit,verification_status\nAcme Drives,china_rnd_engineers,120,people,assumption\n';

describe('DataPanel append', () => {
  it('with the box ticked, an imported URL adds its rows to the loaded reference table', async () => {
    const fetchImpl = (async () => new Response(USER_CSV, { status: 200, headers: { etag: '"u1"' } })) as typeof fetch;
    const { wb, services } = standaloneServices({ fetchImpl });
    renderUi(<DataPanel services={services} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load reference data' }));
    await screen.findByText(/Wrote reference dataset/, undefined, { timeout: 10000 });
    const referenceRows = (await wb.readTable('tblSuppliers'))!.length - 1;

    const box = screen.getByRole('checkbox', { name: 'Add the rows to the table already in the workbook (instead of replacing it)' });
    fireEvent.click(box);
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: 'or from a URL (https)' }), { target: { value: 'https://example.com/acme.csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import URL' }));

    const status = await screen.findByText(/Appended 1 row to Suppliers/, undefined, { timeout: 10000 });
    expect(status.textContent).toContain(`${referenceRows} existing + 1 new = ${referenceRows + 1} rows`);
    await waitFor(async () => expect((await wb.readTable('tblSuppliers'))!.length - 1).toBe(referenceRows + 1));
    const link = parseTableLink(await wb.getMetadata('link:tblSuppliers'))!;
    expect(link.source.kind === 'combined' && link.source.parts.map((p) => p.kind)).toEqual(['bundled', 'url']);
  });
});
