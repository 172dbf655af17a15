/** The suite's Chromium and served dist/ (tests/e2e/globalSetup.ts), as a test file connects to them. */
import { chromium } from 'playwright-core';
import { inject } from 'vitest';
import type { HeadlessPane } from '../../scripts/headlessPane';

/** Connects to the suite's browser; close() ends this connection (its pages), not the browser. */
export async function connectPane(): Promise<HeadlessPane> {
  const browser = await chromium.connect(inject('browserWsEndpoint'));
  return { url: inject('paneUrl'), browser, close: () => browser.close() };
}
