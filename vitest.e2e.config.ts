import { defineConfig } from 'vitest/config';

/** End-to-end suite: the production build served on localhost, driven in headless Chromium. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
    // One worker for every file, one after the other, on one Chromium started by the global setup.
    isolate: false,
    globalSetup: ['tests/e2e/globalSetup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e.json' },
  },
});
