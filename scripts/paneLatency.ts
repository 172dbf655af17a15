/**
 * Start-up marks and slider latency in the browser, shared by the browser suite (tests/e2e/journey, a few steps, printed) and
 * `npm run bench pane` (more steps): from a key's event time to the KPI card's text change (DOM) and to the
 * next frame after it. Target (issue #10): median under 16 ms, p95 under 50 ms.
 */
import type { Page } from 'playwright-core';

/** Waits until the pane has drawn its first figures (the rlab:figures mark; at most 30 s). */
export async function waitForFigures(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('rlab:figures').length > 0, null, { timeout: 30000 });
}

/** The pane's start-up marks, in ms after navigation: drawn and usable, first figures (NaN when not reached). */
export function startupMarks(page: Page): Promise<{ pane: number; figures: number }> {
  return page.evaluate(() => ({
    pane: performance.getEntriesByName('rlab:pane')[0]?.startTime ?? NaN,
    figures: performance.getEntriesByName('rlab:figures')[0]?.startTime ?? NaN,
  }));
}

export interface LatencySample {
  dom: number;
  frame: number;
}

/** Starts recording: every keydown, then the next change of the KPI card of `outputId`. */
export async function installLatencyProbe(page: Page, outputId: string): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as { __lat: { dom: number; frame: number }[]; __t0: number };
    w.__lat = [];
    w.__t0 = 0;
    document.addEventListener('keydown', (e) => (w.__t0 = e.timeStamp), true);
    const target = document.querySelector(`[data-headline-value="${id}"]`)!;
    new MutationObserver(() => {
      if (!w.__t0) return;
      const t0 = w.__t0;
      w.__t0 = 0;
      const dom = performance.now() - t0;
      requestAnimationFrame(() => w.__lat.push({ dom, frame: performance.now() - t0 }));
    }).observe(target, { childList: true, subtree: true, characterData: true });
  }, outputId);
}

export function latencySamples(page: Page): Promise<LatencySample[]> {
  return page.evaluate(() => (window as unknown as { __lat: { dom: number; frame: number }[] }).__lat);
}

/** Waits until `count` key steps have reached the card (fails after 10 s: a step that never shows). */
export async function waitForSamples(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __lat: unknown[] }).__lat.length >= n, count, { timeout: 10000 });
}

/**
 * Presses `keys` on the focused slider one at a time, each after the previous reached the card, then
 * `afterWrites` more ArrowLeft steps, each once the Results sheet was written (a workbook write between
 * key presses). Returns the two sets of samples.
 */
export async function sliderSteps(
  page: Page,
  keys: string[],
  afterWrites: number,
): Promise<{ fast: LatencySample[]; slow: LatencySample[] }> {
  for (let i = 0; i < keys.length; i++) {
    await page.keyboard.press(keys[i]);
    await waitForSamples(page, i + 1);
  }
  for (let i = 0; i < afterWrites; i++) {
    await page.getByText('The Results sheet holds these figures.').waitFor({ timeout: 15000 });
    await page.keyboard.press('ArrowLeft');
    await waitForSamples(page, keys.length + i + 1);
  }
  const all = await latencySamples(page);
  return { fast: all.slice(0, keys.length), slow: all.slice(keys.length) };
}

export const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
};

export const describeTimes = (xs: number[]): string => `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;

/** One line: both sets, DOM and next frame. */
export function describeLatency(label: string, { fast, slow }: { fast: LatencySample[]; slow: LatencySample[] }): string {
  return (
    `${label} slider key step -> KPI card: back-to-back (${fast.length}): DOM ${describeTimes(fast.map((s) => s.dom))}, next frame ${describeTimes(fast.map((s) => s.frame))}; ` +
    `after a write (${slow.length}): DOM ${describeTimes(slow.map((s) => s.dom))}, next frame ${describeTimes(slow.map((s) => s.frame))} (target: median < 16 ms, p95 < 50 ms)`
  );
}
