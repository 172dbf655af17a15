import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createAppServices, presetValues } from '../../src/app/createServices';
import { exportFileName, workbookToXlsx } from '../../src/app/datasets/exportXlsx';
import { MemoryWorkbook } from '../../src/workbook/memory/memoryWorkbook';
import { workbookToPlan } from '../../src/workbook/memory/toPlan';
import { validatePlan } from '../../src/workbook/validate';
import { XlsxWorkbook } from '../../src/workbook/xlsx/xlsxWorkbook';

/** A standalone session: reference data loaded, baseline results written, one user edit in a table. */
async function session(): Promise<MemoryWorkbook> {
  const memory = new MemoryWorkbook();
  const services = createAppServices({ port: memory, mode: 'standalone' });
  const load = await services.loadReferenceData();
  expect(load.ok).toBe(true);
  await services.runScenario('baseline', { ...presetValues('baseline'), 'nev.ceiling.China': 0.7 });
  return memory;
}

describe('Download .xlsx (standalone workbook as a file)', () => {
  it('keeps every sheet, every table cell, the defined names and the linked-source metadata', async () => {
    const memory = await session();
    const sheetBefore = (await memory.readSheet('Suppliers'))!;
    const supplierRow = sheetBefore.values.findIndex((r) => r[0] === 'ZF Friedrichshafen AG');
    expect(supplierRow).toBeGreaterThan(0);
    const company = 'ZF Friedrichshafen AG (edited)';
    memory.setCellByUser('Suppliers', `A${supplierRow + 1}`, company);

    const plan = workbookToPlan(memory.serialize());
    expect(validatePlan(plan)).toEqual([]);
    const file = await XlsxWorkbook.fromBytes(await workbookToXlsx(memory.serialize()));

    expect(await file.listSheets()).toEqual(await memory.listSheets());
    for (const sheet of await memory.listSheets()) {
      const a = (await memory.readSheet(sheet))!;
      const b = (await file.readSheet(sheet))!;
      expect(b.values, sheet).toEqual(a.values.map((row) => row.map((v) => (v === '' ? null : v))));
      expect(b.tables?.map((t) => t.name)).toEqual(a.tables?.map((t) => t.name));
      expect(b.tables?.map((t) => t.address)).toEqual(a.tables?.map((t) => t.address));
    }
    expect((await file.readTable('tblSuppliers'))!.some((row) => row[0] === company)).toBe(true);
    // Results are reachable by the same RL_ names in Excel.
    const memoryNames = memory
      .listNames()
      .map((n) => n.name.toLowerCase())
      .sort();
    expect(memoryNames.length).toBeGreaterThan(50);
    expect(
      file
        .listNames()
        .map((n) => n.name.toLowerCase())
        .sort(),
    ).toEqual(memoryNames);
    const shareName = memory.listNames().find((n) => n.name === 'RL_nev.share.China')!;
    const shareRef = file.listNames().find((n) => n.name === 'RL_nev.share.China')!.ranges[0];
    expect(shareRef.replace(/[$']/g, '')).toBe(`${shareName.sheet}!${shareName.address}`.replace(/[$']/g, ''));
    // Linked sources go along, so refresh still knows where each table came from.
    const metadata = Object.entries(memory.serialize().metadata);
    expect(metadata.map(([k]) => k)).toContain('links');
    for (const [key, value] of metadata) expect(await file.getMetadata(key), key).toBe(value);
  });

  it('keeps number formats and source hyperlinks, and leaves formula-like text as text', async () => {
    const memory = await session();
    const view = memory.sheetView('Results')!;
    const pct = view.rows.flat().find((c) => c.numberFormat?.includes('%'));
    expect(pct).toBeDefined();

    const table = (await memory.readSheet('Suppliers'))!;
    const header = table.values.findIndex((r) => r[0] === 'company');
    const urlCol = table.values[header].indexOf('source_url');
    expect(urlCol).toBeGreaterThan(0);
    memory.setCellByUser('Suppliers', `B${header + 2}`, '=HYPERLINK("http://evil.example","x")');

    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load((await workbookToXlsx(memory.serialize())) as unknown as ArrayBuffer);
    const results = raw.getWorksheet('Results')!;
    const formats = new Set<string>();
    results.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.numFmt) formats.add(cell.numFmt);
      }),
    );
    expect(formats).toContain(pct!.numberFormat);

    const suppliers = raw.getWorksheet('Suppliers')!;
    const firstData = suppliers.getRow(header + 2);
    expect(String(firstData.getCell(urlCol + 1).hyperlink)).toMatch(/^https:\/\//);
    const hostile = firstData.getCell(2);
    expect(hostile.type).toBe(ExcelJS.ValueType.String);
    expect(hostile.value).toBe('=HYPERLINK("http://evil.example","x")');
  });

  it('refuses an empty workbook with a message instead of an empty file', async () => {
    await expect(workbookToXlsx(new MemoryWorkbook().serialize())).rejects.toThrow(/no sheets yet/);
    expect(exportFileName(new Date('2026-11-28T10:00:00Z'))).toBe('reversal-lab-2026-11-28.xlsx');
  });
});
