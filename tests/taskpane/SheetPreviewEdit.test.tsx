/** Editing the standalone workbook in the preview grid, as a person does in Excel. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ROW_PX, SheetPreview } from '../../src/taskpane/components/SheetPreview/SheetPreview';
import { parseTyped } from '../../src/taskpane/components/SheetPreview/useCellEditor';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { renderPane, renderUi } from './renderPane';

afterEach(cleanup);

async function smallWorkbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await wb.apply({
    sheets: [{ name: 'Calc', clear: true }],
    blocks: [
      {
        sheet: 'Calc',
        address: 'A1',
        values: [
          ['Item', 'Units'],
          ['a', 1200],
          ['b', 3400],
          ['Total', { formula: '=SUM(B2:B3)' }],
        ],
        columns: [{}, { numberFormat: '#,##0' }],
      },
    ],
  });
  return wb;
}

const cell = (address: string) => document.querySelector(`td[data-cell="${address}"]`) as HTMLElement;
const valueAt = async (wb: MemoryWorkbook, r: number, c: number) => (await wb.readSheet('Calc'))!.values[r][c];

describe('SheetPreview editing', () => {
  it('reads typed text as a spreadsheet does: numbers with separators and percents, text stays text', () => {
    expect(parseTyped('1,234.5')).toBe(1234.5);
    expect(parseTyped(' 12% ')).toBeCloseTo(0.12, 12);
    expect(parseTyped('-3e2')).toBe(-300);
    expect(parseTyped('')).toBeNull();
    expect(parseTyped('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(parseTyped('1,2')).toBe('1,2');
  });

  it('double-click, type, Enter: the cell changes, formulas recompute, the selection moves down', async () => {
    const wb = await smallWorkbook();
    renderUi(<SheetPreview source={wb} />);
    fireEvent.doubleClick(cell('B2'));
    const input = screen.getByRole('textbox', { name: 'Edit B2' }) as HTMLInputElement;
    expect(input.value).toBe('1200'); // the stored number, not the formatted "1,200"
    fireEvent.change(input, { target: { value: '1,000' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await valueAt(wb, 1, 1)).toBe(1000);
    expect(await valueAt(wb, 3, 1)).toBe(4400);
    await waitFor(() => expect(cell('B4').textContent).toBe('4,400'));
    expect(cell('B3').getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('typing on a selected cell starts an edit; Escape leaves the workbook as it was; Delete clears', async () => {
    const wb = await smallWorkbook();
    renderUi(<SheetPreview source={wb} />);
    fireEvent.click(cell('A2'));
    fireEvent.keyDown(cell('A2'), { key: 'x' });
    const input = screen.getByRole('textbox', { name: 'Edit A2' }) as HTMLInputElement;
    expect(input.value).toBe('x');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(await valueAt(wb, 1, 0)).toBe('a');

    fireEvent.keyDown(cell('A2'), { key: 'ArrowRight' });
    expect(cell('B2').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(cell('B2'), { key: 'Delete' });
    expect(await valueAt(wb, 1, 1)).toBeNull();
    expect(await valueAt(wb, 3, 1)).toBe(3400);
  });

  it('text that looks like a formula is stored as text, and an empty row past the data takes new rows', async () => {
    const wb = await smallWorkbook();
    renderUi(<SheetPreview source={wb} />);
    fireEvent.doubleClick(cell('A5'));
    const input = screen.getByRole('textbox', { name: 'Edit A5' });
    fireEvent.change(input, { target: { value: '=1+1' } });
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(await valueAt(wb, 4, 0)).toBe('=1+1');
    expect((await wb.readSheet('Calc'))!.formulas?.[4]?.[0] ?? '').toBe('');
    expect(cell('B5').getAttribute('aria-selected')).toBe('true');
  });

  it('a person editing the NEV history in the grid reruns the models and rewrites the results', async () => {
    const { wb, services } = renderPane();
    expect((await services.loadReferenceData()).ok).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Write results' }));
    await waitFor(() => expect(wb.sheetNames()).toContain('Results'));
    const results = () => wb.getSheetView('Results')!.rows;
    const share2030 = () => {
      const header = results().find((r) => r[0]?.value === 'Output id')!;
      const col = header.findIndex((c) => c.value === '2030');
      return results().find((r) => r[0]?.value === 'nev.share.China')![col].value as number;
    };
    await waitFor(() => expect(Number.isFinite(share2030())).toBe(true));
    const before = share2030();

    fireEvent.click(screen.getByRole('tab', { name: 'NEV sales' }));
    const grid = await screen.findByRole('grid', { name: 'Sheet NEV sales' });
    // The China 2024 row: halve its NEV share of sales, as an analyst testing a revised history would.
    const rows = wb.getSheetView('NEV sales')!.rows;
    const header = rows.findIndex((r) => r.some((c) => c.value === 'region'));
    const regionCol = rows[header].findIndex((c) => c.value === 'region');
    const yearCol = rows[header].findIndex((c) => c.value === 'year');
    const shareCol = rows[header].findIndex((c) => typeof c.value === 'string' && /share/.test(c.value));
    const r = rows.findIndex((row) => row[regionCol]?.value === 'China' && row[yearCol]?.value === 2024);
    expect(r).toBeGreaterThan(header);
    const address = `${String.fromCharCode(65 + shareCol)}${r + 1}`;
    // The grid draws the rows in its view (tests/taskpane/domShims.ts): scroll that row into it first.
    const scroller = grid.closest('[data-grid-scroller]') as HTMLElement;
    scroller.scrollTop = Math.max(0, (r - 5) * ROW_PX);
    fireEvent.scroll(scroller);
    const target = within(grid).getByText((_, el) => el?.getAttribute('data-cell') === address);
    fireEvent.doubleClick(target);
    const input = screen.getByRole('textbox', { name: `Edit ${address}` }) as HTMLInputElement;
    fireEvent.change(input, { target: { value: String(Number(input.value) / 2) } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(share2030()).not.toBe(before), { timeout: 10000 });
  });
});
