/**
 * Excel round trips per pane action (issue #9, item 6), on the fake Office.js of tests/workbook with the
 * pane's change listener on, so change events are counted too. For N = 1,000 and 100,000 rows the workbook
 * holds N rows of a person's own content around what the actions touch: the Suppliers table grown to N
 * rows (a reload shrinks it back), N rows left on the Results sheet (the scenario run clears them), and a
 * sheet with an N-row table of their own. Target: at most 3 syncs per action, the same at both sizes.
 * The last line per size writes an N x 12 table itself (an import): that data has to travel, so its
 * requests grow with it (Excel on the web takes at most 5 MB per request).
 * Run: npm run bench excel
 */
import { pathToFileURL } from 'node:url';
import { createAppServices, presetValues } from '../src/app/createServices';
import { ExcelWorkbook } from '../src/workbook/excel/excelWorkbook';
import type { ExcelHost } from '../src/workbook/excel/runExcel';
import type { CellValue } from '../src/workbook/plan';
import { FakeExcel, key, type FakeSheet } from '../tests/workbook/fakeExcel';

const SIZES = [1_000, 100_000];
const MAX_SYNCS = 3;
const now = () => '2026-11-28T10:00:00.000Z';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

interface Cost {
  syncs: number;
  runs: number;
  requestBytes: number;
  responseBytes: number;
  largestRequest: number;
}

async function measure(fake: FakeExcel, action: () => Promise<unknown>): Promise<Cost> {
  await fake.settle();
  const syncs = fake.syncLog.length;
  const runs = fake.runLog.length;
  await action();
  await fake.settle();
  const log = fake.syncLog.slice(syncs);
  return {
    syncs: log.length,
    runs: fake.runLog.length - runs,
    requestBytes: log.reduce((a, s) => a + s.requestBytes, 0),
    responseBytes: log.reduce((a, s) => a + s.responseBytes, 0),
    largestRequest: Math.max(0, ...log.map((s) => s.requestBytes)),
  };
}

/** A person's rows, put straight into the fake (they typed or pasted them; no add-in request). */
function fill(sheet: FakeSheet, top: number, left: number, rows: number, row: (r: number) => CellValue[]): void {
  for (let r = 0; r < rows; r++) {
    row(r).forEach((v, c) => {
      if (v !== null) sheet.cells.set(key(top + r, left + c), { value: v });
    });
  }
}

async function workbookWithOwnContent(rows: number) {
  const fake = new FakeExcel();
  const port = new ExcelWorkbook(fake as unknown as ExcelHost, { sleep: async () => undefined });
  const services = createAppServices({ port, mode: 'excel', now });
  services.onModelInputEdited(() => undefined);
  await services.loadReferenceData();
  await services.runScenario('baseline', presetValues('baseline'));
  // The Suppliers table, grown by N rows a person appended (copies of its last row, new names).
  const suppliers = fake.tableByName('tblSuppliers')!;
  const sheet = fake.sheetById(suppliers.sheetId)!;
  const last = suppliers.range.bottom;
  const template = Array.from({ length: suppliers.range.right - suppliers.range.left + 1 }, (_, c) =>
    sheet.cells.get(key(last, suppliers.range.left + c)),
  );
  for (let r = 1; r <= rows; r++) {
    template.forEach((cell, c) => {
      if (cell) sheet.cells.set(key(last + r, suppliers.range.left + c), c === 0 ? { ...cell, value: `Supplier ${r}` } : cell);
    });
  }
  suppliers.range = { ...suppliers.range, bottom: last + rows };
  // N rows left on the Results sheet below the results (an earlier, longer layout).
  fill(fake.sheetByName('Results')!, 400, 0, rows, (r) => [`old row ${r}`, r, r * 0.5, r * 2]);
  // Their own sheet with an N-row table.
  const mine = fake.userAddsSheet('My data');
  fill(mine, 0, 0, 1, () => ['Item', 'Qty', 'Price', 'Note']);
  fill(mine, 1, 0, rows, (r) => [`item ${r}`, r % 97, r * 1.25, r % 3 === 0 ? 'check' : null]);
  fake.tables.push({
    id: fake.newId('table'),
    name: 'tblMyData',
    sheetId: mine.id,
    range: { top: 0, left: 0, bottom: rows, right: 3 },
    style: 'TableStyleLight9',
    showHeaders: true,
  });
  return { fake, port, services };
}

async function benchSize(rows: number): Promise<{ lines: string[]; syncs: number[] }> {
  const { fake, port, services } = await workbookWithOwnContent(rows);
  const costs: [string, Cost][] = [];
  costs.push(['reference load (reload)', await measure(fake, () => services.loadReferenceData())]);
  costs.push([
    'scenario run',
    await measure(fake, () => services.runScenario('baseline', { ...presetValues('baseline'), 'nev.ceiling.China': 0.5 })),
  ]);
  costs.push(['refresh (nothing changed)', await measure(fake, () => services.refreshLinked())]);
  fake.userEdit('NEV sales', 'E5', 12345);
  costs.push(['refresh (rewrites an edited table)', await measure(fake, () => services.refreshLinked({ overwriteEdits: true }))]);
  const values: CellValue[][] = [Array.from({ length: 12 }, (_, c) => `col ${c}`)];
  for (let r = 0; r < rows; r++) values.push([`row ${r}`, ...Array.from({ length: 11 }, (_, c) => r * 12 + c + 0.5)]);
  const bulk = await measure(fake, () =>
    port.apply({ sheets: [], blocks: [{ sheet: 'Import', address: 'A1', values, table: { name: 'tblImport' } }] }),
  );
  const line = (name: string, c: Cost) =>
    `  ${name.padEnd(36)} ${String(c.syncs).padStart(2)} syncs in ${c.runs} Excel.run, requests ${kb(c.requestBytes)} (largest ${kb(c.largestRequest)}), responses ${kb(c.responseBytes)}`;
  return {
    syncs: costs.map(([, c]) => c.syncs),
    lines: [
      `${rows.toLocaleString('en-US')} rows of a person's own content in the workbook:`,
      ...costs.map(([name, c]) => line(name, c)),
      line(`write a ${rows.toLocaleString('en-US')} x 12 table (import)`, bulk),
    ],
  };
}

export default async function excelBench(): Promise<string[]> {
  const lines = [`Excel round trips per action on the fake Office.js (target: at most ${MAX_SYNCS} syncs, the same at every size)`];
  const syncs: number[][] = [];
  for (const rows of SIZES) {
    const result = await benchSize(rows);
    lines.push(...result.lines);
    syncs.push(result.syncs);
  }
  const ok = syncs.flat().every((n) => n <= MAX_SYNCS) && syncs.every((s) => s.join() === syncs[0].join());
  lines.push(`  target ${ok ? 'met' : 'NOT met'} for the actions (the import line is data-bound: a request per 4 MB of data, by design)`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  excelBench().then((lines) => console.log(lines.join('\n')));
}
