/** A fake fetch for the refresh tests: answers from a script and records the conditional headers it was sent. */
import type { FetchUrl, UrlResponse } from '../../src/app/datasets/sources';

export function scriptedFetch(responses: (UrlResponse | Error)[]): FetchUrl & { calls: Record<string, string>[] } {
  const calls: Record<string, string>[] = [];
  const fn = (async (_url: string, init: { headers: Record<string, string> }) => {
    calls.push(init.headers);
    const next = responses.shift();
    if (!next) throw new Error('no more scripted responses');
    if (next instanceof Error) throw next;
    return next;
  }) as FetchUrl & { calls: Record<string, string>[] };
  fn.calls = calls;
  return fn;
}
