/**
 * The proxy rules of Office.js that every fake object shares: a load is queued and its result lands on
 * the proxy only when the sync succeeds; reading what was not loaded throws PropertyNotLoaded (unless the
 * object turned out to be a null object, where Office.js returns undefined).
 */
import { OfficeError, utf8Bytes, type FakeContext } from './fakeExcel';

export function propertyNotLoaded(prop: string): OfficeError {
  return new OfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** "a,b" | ["a", "b"] | undefined -> ["a", "b"] (undefined -> the defaults). */
export function propList(props: string | string[] | undefined, defaults: string[]): string[] {
  if (props === undefined) return defaults;
  return (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter((p) => p.length > 0);
}

export class FakeProxy {
  protected loaded = new Map<string, unknown>();
  constructor(public ctx: FakeContext) {}
  get context(): FakeContext {
    return this.ctx;
  }
  protected get<T>(prop: string): T {
    if (this.loaded.has(prop)) return this.loaded.get(prop) as T;
    if (this.loaded.get('isNullObject') === true) return undefined as T;
    throw propertyNotLoaded(prop);
  }
  get isNullObject(): boolean {
    if (!this.loaded.has('isNullObject')) throw propertyNotLoaded('isNullObject');
    return this.loaded.get('isNullObject') as boolean;
  }
  /** Marks properties as known without a round trip (items of a loaded collection). */
  preset(values: Record<string, unknown>): this {
    this.loaded.set('isNullObject', false);
    for (const [k, v] of Object.entries(values)) this.loaded.set(k, v);
    return this;
  }
  /** Queues a load; `read` returns the requested properties, or null for a null object. */
  protected queueLoad(props: string[], read: (props: string[]) => Record<string, unknown> | null): void {
    this.ctx.enqueue(`load ${props.join(',')}`, (tx) => {
      const rec = read(props);
      const out: Record<string, unknown> = { isNullObject: rec === null, ...(rec ?? {}) };
      tx.responseBytes += utf8Bytes(out);
      tx.commits.push(() => {
        for (const [k, v] of Object.entries(out)) this.loaded.set(k, v);
      });
    });
  }
}

/** ClientResult<T> (e.g. getCellProperties): `value` is there only after a successful sync. */
export class FakeResult<T> {
  private v: T | undefined;
  private has = false;
  get value(): T {
    if (!this.has) throw propertyNotLoaded('value');
    return this.v as T;
  }
  set(v: T): void {
    this.v = v;
    this.has = true;
  }
}
