/**
 * Helpers for adapters with costly round trips (Excel): inSession(port, action) runs a user action inside
 * port.session when the adapter has one, so the action's reads and its write share round trips;
 * prefetchTables reads several tables in one go where the adapter can batch them (inside a session the
 * later readTable calls are then answered from it). Other adapters just run the action.
 */
import type { WorkbookPort } from './port';

export function inSession<T>(port: WorkbookPort, action: () => Promise<T>): Promise<T> {
  return port.session ? port.session(action) : action();
}

export async function prefetchTables(port: WorkbookPort, names: string[]): Promise<void> {
  if (port.readTables && names.length > 0) await port.readTables(names);
}
