import { describe, expect, it } from 'vitest';
import {
  createImportHandler,
  createInProcessImportClient,
  createWorkerImportClient,
  type ImportWorkerRequest,
  type ImportWorkerResponse,
} from './import.worker';

const enc = (s: string) => new TextEncoder().encode(s);

function bigOutlookCsv(rows: number): string {
  const lines = ['region,year,scenario,ev_sales_share_new_cars_pct,status'];
  for (let i = 0; i < rows; i++) lines.push(`Region ${i},2030,Case ${i % 7},${(i % 1000) / 10},assumption`);
  return lines.join('\n');
}

describe('import worker protocol (in-process client)', () => {
  it('validates a big file with progress messages', async () => {
    const client = createInProcessImportClient();
    const progress: number[] = [];
    const result = await client.validate('outlooks', enc(bigOutlookCsv(150_000)), 'big.csv', {
      today: '2026-11-28',
      onProgress: (p) => progress.push(p.done),
    });
    expect(result.summary.valid).toBe(true);
    expect(result.records).toHaveLength(150_000);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('cancels a running import through an AbortSignal', async () => {
    const client = createInProcessImportClient();
    const controller = new AbortController();
    const running = client.validate('outlooks', enc(bigOutlookCsv(200_000)), 'big.csv', {
      today: '2026-11-28',
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ message: 'Import cancelled by the user.', rule: 'cancelled' });
  });

  it('reports bad files as error messages with their rule', async () => {
    const client = createInProcessImportClient();
    await expect(client.validate('outlooks', new Uint8Array(0), 'none.csv', { today: '2026-11-28' })).rejects.toMatchObject({
      rule: 'empty-file',
    });
  });

  it('speaks the same protocol over a Worker-like channel', async () => {
    // A fake Worker: postMessage hands the request to the handler, responses go to the listeners.
    const listeners: ((e: { data: unknown }) => void)[] = [];
    const handle = createImportHandler((res: ImportWorkerResponse) => listeners.forEach((l) => l({ data: res })));
    const client = createWorkerImportClient({
      postMessage: (m) => handle(m as ImportWorkerRequest),
      addEventListener: (_t, fn) => listeners.push(fn),
    });
    const result = await client.validate('outlooks', enc(bigOutlookCsv(3)), 'small.csv', { today: '2026-11-28' });
    expect(result.records.map((r) => r.region)).toEqual(['Region 0', 'Region 1', 'Region 2']);
  });
});
