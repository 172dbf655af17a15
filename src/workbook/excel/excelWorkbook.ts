/**
 * ExcelWorkbook: the WorkbookPort over Office.js. The `Excel` namespace comes in through the
 * constructor (tests pass tests/workbook/fakeExcel.ts); only types are taken from @types/office-js,
 * so nothing here touches a global at run time.
 *
 * Round trips: apply() is one Excel.run with one sync to read what the plan needs (none when the
 * session already read it) and one sync that snapshots and writes (more only for data over the 4 MB
 * request budget). Inside session() an action's reads share one outline, so a whole user action
 * (reads, content check, write) takes at most three syncs.
 */
import { formatRange } from '../address';
import { DEFAULT_MAX_REQUEST_BYTES } from '../chunk';
import type { CellValue, WritePlan } from '../plan';
import type { OverwrittenCell, SheetSnapshot, WorkbookChange, WorkbookPort } from '../port';
import { assertValidPlan, META_SHEET } from '../validate';
import { changeHandler, SheetNames, type ChangeEvent } from './excelEvents';
import { ensureOutline, Outline, outlineHas, type Needs, type Sync } from './excelOutline';
import { fromExcel, readBoxAdaptive } from './excelRead';
import { contains, subtract } from './excelRegions';
import { emptyUndo, rollback, SCRATCH_PREFIX } from './excelUndo';
import { keepsTable, tableTarget } from './excelTargets';
import { assertRowsFit, writePlan, type WriteStats } from './excelWrite';
import {
  isCellEditModeError,
  officeErrorCode,
  realSleep,
  realTimer,
  runExcel,
  TimedSync,
  type ExcelHost,
  type RunExcelOptions,
  type SetTimer,
} from './runExcel';

export interface ExcelWorkbookOptions {
  /** Upper bound for one context.sync(); default 15 s. */
  syncTimeoutMs?: number;
  /** How long a rollback waits for a write that timed out to finish in Excel; default 10 minutes. */
  settleTimeoutMs?: number;
  /** Estimated request budget per sync; default 4 MB (Excel on the web rejects payloads over 5 MB). */
  maxRequestBytes?: number;
  editModeRetries?: number;
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  setTimer?: SetTimer;
  /** Office.context.requirements.isSetSupported; mergeUndoGroup is used where ExcelApi 1.20 is. */
  supports?: (set: string, version: string) => boolean;
}

export type ExcelApplyStats = WriteStats;

export class ExcelWriteError extends Error {
  /** The Office error code of the failure (e.g. InvalidOperationInCellEditMode), when it had one. */
  readonly code?: string;
  /** True when the workbook was fully restored, so the same write may be tried again. */
  readonly retryable: boolean;
  constructor(cause: unknown, rollbackProblems: string[]) {
    const tail =
      rollbackProblems.length === 0
        ? 'the workbook was restored to its previous state'
        : `restoring the workbook was incomplete: ${rollbackProblems.join('; ')}`;
    super(`Writing to Excel failed (${(cause as Error)?.message ?? String(cause)}); ${tail}.`, { cause });
    this.name = 'ExcelWriteError';
    this.code = officeErrorCode(cause);
    this.retryable = rollbackProblems.length === 0;
  }
}

const low = (s: string) => s.toLowerCase();
const isOwnSheet = (name: string) => name === META_SHEET || name.startsWith(SCRATCH_PREFIX);

/** What apply() needs to know before writing `plan`. */
function needsFor(plan: WritePlan): Needs {
  return {
    tables: plan.blocks.flatMap((b) => (b.table ? [b.table.name] : [])),
    tablesOn: [...plan.sheets.map((s) => s.name), ...plan.blocks.map((b) => b.sheet)],
    used: plan.sheets.filter((s) => s.clear).map((s) => s.name),
    charts: (plan.charts ?? []).map((c) => ({ sheet: c.sheet, name: c.name })),
  };
}

interface Tools {
  sync: Sync;
  settle: TimedSync['settle'];
}

export class ExcelWorkbook implements WorkbookPort {
  readonly kind = 'excel' as const;
  /** Figures of the last apply(), for diagnostics and benchmarks. */
  lastApplyStats: ExcelApplyStats = { syncs: 0, valueChunks: 0, largestChunkBytes: 0 };
  private writing = false;
  private current: Outline | null = null;
  private readonly syncTimeoutMs: number;
  private readonly settleTimeoutMs: number;
  private readonly maxRequestBytes: number;
  private readonly timer: SetTimer;
  private readonly runOptions: RunExcelOptions;
  private readonly sheetNames = new SheetNames(() =>
    this.run(async (context, t) => {
      const sheets = context.workbook.worksheets.load('items/id,items/name');
      await t.sync('resolving a changed sheet');
      return sheets.items.map((s) => ({ id: s.id, name: s.name }));
    }),
  );

  constructor(
    private readonly excel: ExcelHost,
    options: ExcelWorkbookOptions = {},
  ) {
    this.syncTimeoutMs = options.syncTimeoutMs ?? 15_000;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 600_000;
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.timer = options.setTimer ?? realTimer;
    this.runOptions = {
      editModeRetries: options.editModeRetries ?? 5,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 250,
      sleep: options.sleep ?? realSleep,
      mergeUndoGroup: options.supports?.('ExcelApi', '1.20') ?? false,
    };
  }

  private run<T>(batch: (context: Excel.RequestContext, tools: Tools) => Promise<T>): Promise<T> {
    return runExcel(
      this.excel,
      async (context) => {
        const timed = new TimedSync(context, this.syncTimeoutMs, this.timer);
        const sync: Sync = async (what) => {
          if (this.writing) this.lastApplyStats.syncs += 1;
          await timed.sync(what);
        };
        return await batch(context, { sync, settle: (ms) => timed.settle(ms) });
      },
      this.runOptions,
    );
  }

  /** The session's outline, or a fresh one for a call outside a session. */
  private outline(): Outline {
    return this.current ?? new Outline();
  }

  private async ensure(context: Excel.RequestContext, sync: Sync, o: Outline, needs: Needs): Promise<void> {
    await ensureOutline(context, sync, o, needs);
    for (const s of o.sheets?.values() ?? []) this.sheetNames.remember(s.id, s.name);
  }

  async session<T>(action: () => Promise<T>): Promise<T> {
    if (this.current) return action();
    this.current = new Outline();
    try {
      return await action();
    } finally {
      this.current = null;
    }
  }

  async apply(plan: WritePlan): Promise<void> {
    assertValidPlan(plan);
    assertRowsFit(plan, this.maxRequestBytes);
    this.writing = true;
    this.lastApplyStats = { syncs: 0, valueChunks: 0, largestChunkBytes: 0 };
    try {
      await this.run(async (context, t) => {
        const o = this.outline();
        await this.ensure(context, t.sync, o, needsFor(plan));
        const undo = emptyUndo(); // fresh per attempt: a cell-edit retry starts from a restored workbook
        const progress = { lastRequestSent: false };
        try {
          const { created } = await writePlan(context, t.sync, plan, o, this.maxRequestBytes, undo, this.lastApplyStats, progress);
          for (const c of created) this.sheetNames.remember(c.sheet.id, c.name);
        } catch (e) {
          o.reset();
          // A write that timed out may still be running in Excel: never restore while it runs.
          const outcome = await t.settle(this.settleTimeoutMs);
          if (outcome === 'done' && progress.lastRequestSent) return; // the last request finished after all: written
          const problems =
            outcome === 'pending'
              ? [`Excel did not finish the write within ${Math.round(this.settleTimeoutMs / 1000)} s, so nothing was restored`]
              : await this.rollbackWhenFree(context, t.sync, undo);
          throw new ExcelWriteError(e, problems);
        }
        o.reset();
      });
    } finally {
      this.writing = false;
    }
  }

  /** Rollback, waiting (with backoff) while a person is typing in a cell on hosts that do not delay for it. */
  private async rollbackWhenFree(context: Excel.RequestContext, sync: Sync, undo: ReturnType<typeof emptyUndo>): Promise<string[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await rollback(context, sync, undo);
      } catch (e) {
        if (!isCellEditModeError(e) || attempt >= this.runOptions.editModeRetries) return [`restoring failed: ${(e as Error).message}`];
        await this.runOptions.sleep(this.runOptions.retryBaseDelayMs * 2 ** attempt);
      }
    }
  }

  /** The outline answering `needs`: straight from the session when it knows enough, else one Excel.run. */
  private async known(needs: Needs): Promise<Outline> {
    const o = this.outline();
    if (outlineHas(o, needs)) return o;
    return this.run(async (context, t) => {
      await this.ensure(context, t.sync, o, needs);
      return o;
    });
  }

  async listSheets(): Promise<string[]> {
    const o = await this.known({});
    return [...o.sheets!.values()].map((s) => s.name).filter((n) => !isOwnSheet(n));
  }

  async getMetadata(key: string): Promise<string | null> {
    return (await this.known({})).meta?.get(key) ?? null;
  }

  async readTable(name: string): Promise<CellValue[][] | null> {
    return (await this.readTables([name]))[0];
  }

  async readTables(names: string[]): Promise<(CellValue[][] | null)[]> {
    const o = await this.known({ tables: names, values: true });
    return names.map((n) => o.tableValues.get(low(n)) ?? null);
  }

  async readSheet(name: string): Promise<SheetSnapshot | null> {
    if (isOwnSheet(name)) return null;
    return this.run(async (context, t) => {
      const o = this.outline();
      await this.ensure(context, t.sync, o, { tablesOn: [name] });
      const info = o.sheet(name);
      if (!info) return null;
      const tables = o.tablesOnSheet(name).map((x) => ({ name: x.name, address: x.range ? formatRange(x.range) : '' }));
      const used = context.workbook.worksheets.getItem(info.name).getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      await t.sync(`reading the used range of ${name}`);
      if (used.isNullObject) return { name: info.name, values: [], numberFormats: [], formulas: [], tables };
      const box = { top: 0, left: 0, rows: used.rowIndex + used.rowCount, cols: used.columnIndex + used.columnCount };
      const read = await readBoxAdaptive(
        () => context.workbook.worksheets.getItem(info.name),
        box,
        ['values', 'formulas', 'numberFormat'],
        t.sync,
      );
      const values = read.values.map((row) => row.map(fromExcel));
      const formulas = read.formulas.map((row, r) =>
        row.map((f, c) => (typeof f === 'string' && f.startsWith('=') && read.values[r][c] !== f ? f : '')),
      );
      return { name: info.name, values, formulas, numberFormats: read.numberFormat as string[][], tables };
    });
  }

  /**
   * Cells a person filled that the plan's tables would grow over: the new table range minus the old
   * table and other tables. Reads only those cells; inside a session its outline serves the apply too.
   */
  async findOverwritten(plan: WritePlan): Promise<OverwrittenCell[]> {
    const o = await this.known(needsFor(plan));
    const areas: { sheet: string; box: ReturnType<typeof tableTarget> }[] = [];
    for (const block of plan.blocks) {
      const info = block.table && o.sheet(block.sheet);
      if (!info) continue;
      const own = keepsTable(o, block);
      const others = o
        .tablesOnSheet(info.name)
        .filter((x) => low(x.name) !== low(block.table!.name))
        .flatMap((x) => (x.range ? [x.range] : []));
      const target = tableTarget(block);
      if (own && contains(own, target)) continue;
      for (const box of subtract(target, own ? [own, ...others] : others)) areas.push({ sheet: info.name, box });
    }
    if (areas.length === 0) return [];
    return this.run(async (context, t) => {
      const found: OverwrittenCell[] = [];
      for (const a of areas) {
        const box = { top: a.box.top, left: a.box.left, rows: a.box.bottom - a.box.top + 1, cols: a.box.right - a.box.left + 1 };
        const read = await readBoxAdaptive(() => context.workbook.worksheets.getItem(a.sheet), box, ['values', 'formulas'], t.sync);
        read.values.forEach((row, r) =>
          row.forEach((v, c) => {
            const f = read.formulas[r][c];
            const formula = typeof f === 'string' && f.startsWith('=') ? f : '';
            if ((v === '' || v === null) && !formula) return;
            const at = { top: a.box.top + r, left: a.box.left + c, bottom: a.box.top + r, right: a.box.left + c };
            found.push({ sheet: a.sheet, address: formatRange(at), value: formula || String(v) });
          }),
        );
      }
      return found;
    });
  }

  /** Subscribes to cell changes (see excelEvents.ts); the unsubscribe removes the handler on its own context. */
  onChange(listener: (change: WorkbookChange) => void): () => void {
    let handle: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null = null;
    let removed = false;
    const handler = changeHandler(this.sheetNames, () => this.writing, listener);
    const ready = this.run(async (context, t) => {
      handle = context.workbook.worksheets.onChanged.add(async (event) => {
        if (!removed) await handler(event as unknown as ChangeEvent);
      });
      await t.sync('registering the change handler');
    });
    return () => {
      removed = true;
      void ready
        .then(async () => {
          const h = handle as OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | null;
          if (!h) return;
          await this.excel.run(h.context as Excel.RequestContext, async (context) => {
            h.remove();
            await context.sync();
          });
        })
        .catch(() => undefined); // the pane may be closing; nothing to report
    };
  }
}
