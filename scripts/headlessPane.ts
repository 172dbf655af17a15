/**
 * The built pane (dist/) served on a free port and Debian's Chromium started headless, as the browser suite
 * and `npm run screenshot` use them (no browser download: CHROMIUM_PATH or /usr/bin/chromium).
 */
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startServer } from './serve';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export interface HeadlessPane {
  /** Base URL of the served dist/, e.g. http://localhost:41234 (the pane is at `${url}/taskpane.html`). */
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Debian's Chromium, or CHROMIUM_PATH. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export async function openHeadlessPane(root: string): Promise<HeadlessPane> {
  const server = await startServer({ port: 0, root: join(root, 'dist') });
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    return {
      url: server.url,
      browser,
      async close() {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
