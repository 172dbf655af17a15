/**
 * Cell changes from Excel as WorkbookChange. Excel delivers worksheet onChanged events asynchronously,
 * possibly after the write that caused them has returned, one per sheet and batch with the changed
 * address, the sheet's id (not its name) and, since ExcelApi 1.14, `triggerSource`.
 * - 'app' when triggerSource is "ThisLocalAddin"; hosts without triggerSource fall back to "a local
 *   change while apply() is writing", which is only right while the events arrive during the write.
 * - Sheet names come from the ids the adapter already knows (every outline read and every sheet it
 *   creates); only an id it has never seen (a sheet a person just added) costs one Excel.run, shared by
 *   all events waiting for it.
 * - Events are handed to the listener in the order Excel sent them; the adapter's own sheets
 *   (_rlab_meta, the scratch sheets) are left out.
 */
import type { WorkbookChange } from '../port';
import { stripSheet } from './excelRead';

export interface ChangeEvent {
  worksheetId: string;
  address: string;
  source?: string;
  triggerSource?: string;
}

export class SheetNames {
  private byId = new Map<string, string>();
  private lookup: Promise<void> | null = null;
  constructor(private readonly fetchAll: () => Promise<{ id: string; name: string }[]>) {}
  remember(id: string, name: string): void {
    this.byId.set(id, name);
  }
  async nameOf(id: string): Promise<string | undefined> {
    if (!this.byId.has(id)) {
      this.lookup ??= this.fetchAll()
        .then((all) => {
          for (const s of all) this.byId.set(s.id, s.name);
        })
        .finally(() => {
          this.lookup = null;
        });
      await this.lookup;
    }
    return this.byId.get(id);
  }
}

/** Turns Excel events into ordered WorkbookChange calls. */
export function changeHandler(
  names: SheetNames,
  writing: () => boolean,
  listener: (change: WorkbookChange) => void,
): (event: ChangeEvent) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (event) => {
    const own = event.triggerSource === 'ThisLocalAddin' || (event.triggerSource === undefined && writing() && event.source === 'Local');
    queue = queue.then(async () => {
      const sheet = await names.nameOf(event.worksheetId).catch(() => undefined);
      if (!sheet || sheet.startsWith('_rlab_')) return;
      listener({ sheet, address: stripSheet(event.address), source: own ? 'app' : 'user' });
    });
    return queue;
  };
}
