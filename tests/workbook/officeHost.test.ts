/**
 * Host detection at pane start-up (issue #9, item 5). Timers are vitest's fake timers: nothing waits for
 * real time, and "resolved before any timer fired" is checked by flushing promises only.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectHost, excelLater, hostInfoPresent, type HostInfo, type HostScope } from '../../src/workbook/excel/officeHost';

function office(ready: Promise<{ host: unknown; platform: unknown }>) {
  return { onReady: () => ready, HostType: { Excel: 'Excel' } };
}
const never = new Promise<{ host: unknown; platform: unknown }>(() => undefined);
const inExcel: HostScope['location'] = { search: '?_host_Info=Excel$Web$16.01$en-US$$$$0' };

async function settled<T>(p: Promise<T>): Promise<{ value?: T }> {
  const box: { value?: T } = {};
  void p.then((v) => {
    box.value = v;
  });
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return box;
}

describe('detectHost', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts standalone at once in a browser, even while office.js has not answered', async () => {
    const host = await settled(detectHost({ scope: { Office: office(never), location: { search: '' } } }));
    expect(host.value).toEqual({ kind: 'standalone', reason: expect.stringMatching(/outside Excel/) });
    const noOfficeJs = await settled(detectHost({ scope: {} }));
    expect(noOfficeJs.value).toMatchObject({ kind: 'standalone', reason: expect.stringMatching(/could not be loaded/) });
  });

  it('inside Excel waits for a slow onReady (says so after 3 s) and never falls back to memory', async () => {
    let answer!: (info: { host: unknown; platform: unknown }) => void;
    const ready = new Promise<{ host: unknown; platform: unknown }>((resolve) => {
      answer = resolve;
    });
    const slow = vi.fn();
    let result: HostInfo | undefined;
    void detectHost({ scope: { Office: office(ready), location: inExcel }, onSlow: slow }).then((h) => {
      result = h;
    });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(slow).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(slow).toHaveBeenCalledTimes(1);
    expect(result).toBeUndefined();
    answer({ host: 'Excel', platform: 'OfficeOnline' });
    await vi.advanceTimersByTimeAsync(0);
    expect(result).toEqual({ kind: 'excel' });
  });

  it('names another Office host, and a failing office.js', async () => {
    expect(
      await detectHost({ scope: { Office: office(Promise.resolve({ host: 'Word', platform: 'PC' })), location: inExcel } }),
    ).toMatchObject({ kind: 'standalone', reason: expect.stringMatching(/Opened in Word/) });
    expect(await detectHost({ scope: { Office: office(Promise.reject(new Error('boom'))), location: inExcel } })).toMatchObject({
      kind: 'standalone',
      reason: expect.stringMatching(/failed to start \(Error: boom\)/),
    });
  });

  it('finds host information where office.js looks for it', () => {
    expect(hostInfoPresent({ location: { search: '?x=1&_host_Info=Excel$Win32$16.01$en-US$$$$0' } })).toBe(true);
    expect(hostInfoPresent({ name: JSON.stringify({ hostInfo: 'Excel|Mac|16.00' }) })).toBe(true);
    expect(hostInfoPresent({ sessionStorage: { getItem: (k) => (k === 'hostInfoValue' ? 'Excel$Web$16.01' : null) } })).toBe(true);
    expect(hostInfoPresent({ external: { GetHostInfo: () => 'Excel' } })).toBe(true);
    expect(
      hostInfoPresent({ location: { search: '?mode=demo' }, name: 'not json', sessionStorage: { getItem: () => null }, external: {} }),
    ).toBe(false);
  });

  it('switches to Excel when a host without host information answers after all', async () => {
    const late = await settled(excelLater({ Office: office(Promise.resolve({ host: 'Excel', platform: 'Mac' })) }));
    expect(late).toHaveProperty('value', undefined);
    expect(Object.keys(late)).toEqual(['value']);
    const browser = await settled(excelLater({ Office: office(Promise.resolve({ host: null, platform: null })) }));
    expect(Object.keys(browser)).toEqual([]);
  });
});
