/**
 * One Chromium and one static server for the whole browser suite (vitest.e2e.config.ts): started here, in
 * vitest's main process, before the first test file; every file connects to them (tests/e2e/pane.ts) and
 * the teardown stops them after the last. A Chromium start costs about 3.4 s of CPU; the suite used to start
 * one per file.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/headlessPane';
import { startServer } from '../../scripts/serve';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the served dist/ (the pane is at `${paneUrl}/taskpane.html`). */
    paneUrl: string;
    /** Where tests connect to the suite's Chromium (playwright-core's chromium.connect). */
    browserWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startServer({ port: 0, root: join(root, 'dist') });
  try {
    const browser = await chromium.launchServer({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    project.provide('paneUrl', server.url);
    project.provide('browserWsEndpoint', browser.wsEndpoint());
    return async () => {
      await browser.close();
      await server.close();
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
