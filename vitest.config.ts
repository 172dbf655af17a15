import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** The pane's UI tests: React + Fluent in jsdom. Every other test file runs in Node. */
export const PANE_TESTS = ['tests/taskpane/**/*.test.tsx'];

export default defineConfig({
  test: {
    testTimeout: 30000,
    // Every core (vitest's default leaves one idle: on 2 cores that is half the machine).
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache (mathjs, React, Fluent load once per worker, not once per file):
    // the suite keeps no module state between files (src/app has no module singletons; tests/architecture.ts).
    isolate: false,
    // Two projects, one per environment. Vitest hands a worker the next file only when that file's environment is
    // the worker's; otherwise it stops the worker and starts a new one, which imports everything again. With jsdom
    // files declared one by one among the Node files, workers were restarted about 20 times a run (48 s of imports;
    // 201 s of CPU for the suite). A project's files are queued together, so each worker changes environment at
    // most once (17 s of imports; 135 s of CPU). A test file does not set its own environment (tests/architecture).
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**', ...PANE_TESTS],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'pane',
          include: PANE_TESTS,
          environment: 'jsdom',
          // What jsdom lacks (Fluent's ResizeObserver and matchMedia) and a height for the sheet preview's scroller,
          // so the grid draws the rows in view (tests/taskpane/domShims.ts).
          setupFiles: ['tests/taskpane/domShims.ts'],
          // Fluent UI, React and Testing Library pre-bundled by esbuild, once, instead of Fluent's ~1,000 modules per
          // test file (measured: 3.0-3.6 s of import per jsdom file without it).
          deps: {
            optimizer: {
              client: { enabled: true, include: ['@fluentui/react-components', 'react', 'react-dom', '@testing-library/react'] },
            },
          },
        },
      },
    ],
    // The JSON report feeds the CI's closing "N passed, N failed" line (.ci/summarize.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
