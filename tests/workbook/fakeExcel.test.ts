/**
 * The fake's own rules, so that adapter tests on it mean something: each test shows the fake refusing or
 * changing what real Excel refuses or changes (sources in docs/workbook.md, "What the fake models").
 */
import { describe, expect, it } from 'vitest';
import { FakeExcel, PAYLOAD_LIMIT, type FakeContext } from './fakeExcel';
import { parseTypedInput } from './fakeExcelInput';

type Ctx = FakeContext & { workbook: FakeContext['workbook'] };
const batch = <T>(fake: FakeExcel, fn: (ctx: Ctx) => Promise<T>, options: Record<string, unknown> = {}) => fake.run<T>(options, fn);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'no code',
  );

async function withSheet(fake: FakeExcel, name = 'S') {
  await batch(fake, async (ctx) => {
    ctx.workbook.worksheets.add(name);
    await ctx.sync();
  });
}

describe('fake Excel', () => {
  it("parses strings written to General cells like typed input, and leaves '@' cells alone", async () => {
    const cases: [string, unknown][] = [
      ['Jan 2024', 45292],
      ['Jun 30, 2025', 45838],
      ['2024-01-02', 45293],
      ['1/2', 46024],
      ['#N/A', '#N/A'],
      ['1 1/2', 1.5],
      ['10 %', 0.1],
      ['12:30:45.5', (12 * 3600 + 30 * 60 + 45.5) / 86400],
      ['1,234', 1234],
      ['$1,234.50', 1234.5],
      ['(12)', -12],
      ['TRUE', true],
      ['007', 7],
      ["'007", '007'],
      ['plain text', 'plain text'],
    ];
    for (const [text, value] of cases) {
      const p = parseTypedInput(text);
      expect([text, p.error ?? p.value]).toEqual([text, value]);
    }
    expect(parseTypedInput('=1+1').formula).toBe('=1+1');
    expect(parseTypedInput('-2-3').formula).toBe('=-2-3');
    expect(parseTypedInput('1.234,5', 'de-DE').value).toBe(1234.5);
    expect(parseTypedInput('1.234,5', 'en-US').value).toBe('1.234,5');

    const fake = new FakeExcel();
    await withSheet(fake);
    await batch(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1:B1').numberFormat = [['General', '@']];
      ws.getRange('A1:B1').values = [['Jan 2024', 'Jan 2024']];
      await ctx.sync();
    });
    expect(fake.cell('S', 'A1')).toMatchObject({ value: 45292, numberFormat: 'mmm-yy' });
    expect(fake.cell('S', 'B1')).toMatchObject({ value: 'Jan 2024', numberFormat: '@' });
  });

  it('throws PropertyNotLoaded with its code, and a failed batch delivers none of its loads', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    await batch(fake, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('S').getRange('A1');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      ctx.workbook.worksheets.getItem('Missing').getRange('A1').values = [[1]];
      expect(await codeOf(ctx.sync())).toBe('ItemNotFound');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('makes everything reached through a null object a null object; acting on one fails', async () => {
    const fake = new FakeExcel();
    await batch(fake, async (ctx) => {
      const used = ctx.workbook.worksheets.getItemOrNullObject('Nope').getUsedRangeOrNullObject(true);
      used.load('values');
      await ctx.sync();
      expect(used.isNullObject).toBe(true);
      expect(used.values).toBeUndefined();
      ctx.workbook.tables.getItemOrNullObject('tblNope').delete();
      expect(await codeOf(ctx.sync())).toBe('ItemNotFound');
    });
  });

  it('measures payloads in UTF-8 bytes and refuses a request or a response over 5 MB', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    const euros = '€'.repeat(30_000); // 30,000 UTF-16 units, 90,000 UTF-8 bytes
    const rows = Array.from({ length: 60 }, () => [euros]);
    expect(JSON.stringify(rows).length).toBeLessThan(PAYLOAD_LIMIT);
    expect(
      await codeOf(
        batch(fake, async (ctx) => {
          ctx.workbook.worksheets.getItem('S').getRange('A1:A60').values = rows;
          await ctx.sync();
        }),
      ),
    ).toBe('RequestPayloadSizeLimitExceeded');
    for (let i = 0; i < 2; i++) {
      await batch(fake, async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange(`A${1 + i * 30}:A${30 + i * 30}`).values = rows.slice(0, 30);
        await ctx.sync();
      });
    }
    expect(
      await codeOf(
        batch(fake, async (ctx) => {
          ctx.workbook.worksheets.getItem('S').getRange('A1:A60').load('values');
          await ctx.sync();
        }),
      ),
    ).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('refuses to delete a VeryHidden sheet; a Hidden one can go', async () => {
    const fake = new FakeExcel();
    await withSheet(fake, 'H');
    expect(
      await codeOf(
        batch(fake, async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem('H');
          ws.visibility = 'VeryHidden';
          ws.delete();
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidOperation');
    expect(fake.sheetByName('H')?.visibility).toBe('VeryHidden');
    await batch(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('H');
      ws.visibility = 'Hidden';
      ws.delete();
      await ctx.sync();
    });
    expect(fake.sheets).toEqual([]);
  });

  it("applies Excel's sheet and name rules", async () => {
    const fake = new FakeExcel();
    for (const bad of ['x'.repeat(32), 'a:b', 'a/b', 'a?b', 'a*b', 'a[b', "'quoted'", 'History', '']) {
      expect([bad, await codeOf(withSheet(fake, bad))]).toEqual([bad, 'InvalidArgument']);
    }
    await withSheet(fake, 'x'.repeat(31));
    await withSheet(fake, 'S');
    for (const bad of ['A1', 'xfd1048576', 'R1C1', 'R', 'c', 'RC', 'has space', '1abc', 'x'.repeat(256)]) {
      expect([
        bad,
        await codeOf(
          batch(fake, async (ctx) => {
            ctx.workbook.names.add(bad, '=S!$A$1');
            await ctx.sync();
          }),
        ),
      ]).toEqual([bad, 'InvalidArgument']);
    }
    for (const good of ['RL_nev.share.China', 'XFE1', '_x', '\\x', 'A1B']) {
      expect([
        good,
        await codeOf(
          batch(fake, async (ctx) => {
            ctx.workbook.names.add(good, '=S!$A$1');
            await ctx.sync();
          }),
        ),
      ]).toEqual([good, 'ok']);
    }
    expect(
      await codeOf(
        batch(fake, async (ctx) => {
          ctx.workbook.names.add('rl_NEV.share.china', '=S!$A$1');
          await ctx.sync();
        }),
      ),
    ).toBe('ItemAlreadyExists');
  });

  it('normalises table headers, gives a header-only table a data row and uses the active sheet for a bare address', async () => {
    const fake = new FakeExcel();
    await withSheet(fake, 'Data');
    await withSheet(fake, 'Other');
    await batch(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Data').getRange('A1:D1').values = [[2030, '', 'Year', 'year']];
      ctx.workbook.worksheets.getItem('Other').activate();
      const onData = ctx.workbook.worksheets.getItem('Data');
      onData.tables.add(onData.getRange('A1:D1'), true);
      onData.tables.add('F1:G1', true); // bare address: lands on the active sheet, Other
      await ctx.sync();
    });
    expect([1, 2, 3, 4].map((c) => fake.valueAt(fake.sheetByName('Data')!, 0, c - 1))).toEqual(['2030', 'Column2', 'Year', 'year2']);
    expect(fake.tables.map((t) => [fake.sheetById(t.sheetId)?.name, t.range.bottom - t.range.top + 1])).toEqual([
      ['Data', 2],
      ['Other', 2],
    ]);
  });

  it('turns structured references to a deleted table into #REF!', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    await batch(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1:B3').values = [
        ['Region', 'Units'],
        ['a', 1],
        ['b', 2],
      ];
      ws.tables.add(ws.getRange('A1:B3'), true).name = 'tblU';
      ws.getRange('D1:D2').formulas = [['=SUM(tblU[Units])'], ['=SUM(tblUnits[Units])+tblU[[#Headers],[Units]]']];
      await ctx.sync();
      ctx.workbook.tables.getItem('tblU').delete();
      await ctx.sync();
    });
    expect(fake.cell('S', 'D1')?.formula).toBe('=SUM(#REF!)');
    expect(fake.cell('S', 'D2')?.formula).toBe('=SUM(tblUnits[Units])+#REF!');
    expect(fake.cell('S', 'A2')).toBeUndefined();
  });

  it('delivers change events after the sync, one per sheet and sync, with triggerSource', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    const events: Record<string, unknown>[] = [];
    fake.onChanged((e) => {
      events.push(e as Record<string, unknown>);
    });
    await batch(fake, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('S');
      ws.getRange('A1').values = [[1]];
      ws.getRange('C3:D4').values = [
        [1, 2],
        [3, 4],
      ];
      await ctx.sync();
      expect(events).toEqual([]); // not yet: Excel raises events after it answered
    });
    fake.userEdit('S', 'B9', 'typed');
    await fake.settle();
    expect(events).toEqual([
      expect.objectContaining({ address: 'A1:D4', source: 'Local', triggerSource: 'ThisLocalAddin' }),
      expect.objectContaining({ address: 'B9', source: 'Local', triggerSource: 'Unknown' }),
    ]);
  });

  it('fails every sync while a person edits a cell, unless the batch was run with delayForCellEdit', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    fake.startCellEdit();
    expect(
      await codeOf(
        batch(fake, async (ctx) => {
          ctx.workbook.worksheets.load('items/name');
          await ctx.sync();
        }),
      ),
    ).toBe('InvalidOperationInCellEditMode');
    const delayed = batch(
      fake,
      async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[5]];
        await ctx.sync();
      },
      { delayForCellEdit: true },
    );
    await fake.editWait;
    expect(fake.cell('S', 'A1')).toBeUndefined();
    fake.endCellEdit();
    await delayed;
    expect(fake.cell('S', 'A1')?.value).toBe(5);
  });

  it('counts one undo step per changing sync, or per run with mergeUndoGroup on ExcelApi 1.20', async () => {
    const write = (fake: FakeExcel, options: Record<string, unknown>) =>
      batch(
        fake,
        async (ctx) => {
          for (const a of ['A1', 'A2', 'A3']) {
            ctx.workbook.worksheets.getItem('S').getRange(a).values = [[1]];
            await ctx.sync();
          }
        },
        options,
      );
    const old = new FakeExcel();
    await withSheet(old);
    await write(old, { mergeUndoGroup: true });
    expect(old.undoSteps).toBe(1 + 3); // the sheet, then three steps: 1.14 ignores the option
    const merged = new FakeExcel({ excelApi: '1.20' });
    await withSheet(merged);
    await write(merged, { mergeUndoGroup: true });
    expect(merged.undoSteps).toBe(1 + 1);
  });
  it('data validation: rule, prompt and alert stored per cell; bad rules and long prompts fail at sync; valid; Paste All carries it', async () => {
    const fake = new FakeExcel();
    await withSheet(fake);
    const set = (fn: (dv: Excel.DataValidation) => void) =>
      batch(fake, async (ctx) => {
        fn(ctx.workbook.worksheets.getItem('S').getRange('B2').dataValidation as unknown as Excel.DataValidation);
        await ctx.sync();
      });
    expect(
      await codeOf(
        set((dv) => {
          dv.rule = { decimal: { formula1: 1, formula2: 0.5, operator: 'Between' as Excel.DataValidationOperator } };
        }),
      ),
    ).toBe('InvalidArgument');
    expect(
      await codeOf(
        set((dv) => {
          dv.prompt = { showPrompt: true, title: 'x'.repeat(33), message: 'm' };
        }),
      ),
    ).toBe('InvalidArgument');
    expect(
      await codeOf(
        set((dv) => {
          dv.prompt = { showPrompt: true, title: 't', message: 'm'.repeat(256) };
        }),
      ),
    ).toBe('InvalidArgument');
    await set((dv) => {
      dv.rule = { decimal: { formula1: 0.05, formula2: 1, operator: 'Between' as Excel.DataValidationOperator } };
      dv.prompt = { showPrompt: true, title: 'Ceiling', message: 'fraction; IEA' };
    });
    const read = () =>
      batch(fake, async (ctx) => {
        const dv = ctx.workbook.worksheets.getItem('S').getRange('B2').dataValidation as unknown as Excel.DataValidation;
        dv.load('type,rule,prompt,valid');
        await ctx.sync();
        return { type: dv.type, rule: dv.rule, prompt: dv.prompt, valid: dv.valid };
      });
    expect(await read()).toEqual({
      type: 'Decimal',
      rule: { decimal: { formula1: '=0.05', formula2: '=1', operator: 'Between' } },
      prompt: { showPrompt: true, title: 'Ceiling', message: 'fraction; IEA' },
      valid: true,
    });
    fake.userEdit('S', 'B2', 'abc'); // a person may type past a Warning alert (and paste past any alert)
    expect((await read()).valid).toBe(false);
    fake.userEdit('S', 'B2', 1.5);
    expect((await read()).valid).toBe(false);
    fake.userEdit('S', 'B2', 0.5);
    expect((await read()).valid).toBe(true);
    await batch(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('D2').copyFrom('S!B2', 'All');
      await ctx.sync();
    });
    expect(fake.sheetByName('S')!.cells.get(1 * 16384 + 3)?.validation?.formula2).toBe('=1');
    await set((dv) => dv.clear());
    expect((await read()).type).toBe('None');
  });
});
