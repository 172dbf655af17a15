import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30000,
    // Every core (vitest's default leaves one idle: on 2 cores that is half the machine).
    maxWorkers: availableParallelism(),
    // Test files share a worker's module cache (mathjs, React, Fluent load once per worker, not once per file):
    // the suite keeps no module state between files (src/app has no module singletons; tests/architecture.ts).
    isolate: false,
    // The jsdom (pane) tests load Fluent UI, React and Testing Library pre-bundled by esbuild, once, instead of
    // Fluent's ~1,000 modules per test file (measured: 3.0-3.6 s of import per jsdom file without it).
    deps: {
      optimizer: { client: { enabled: true, include: ['@fluentui/react-components', 'react', 'react-dom', '@testing-library/react'] } },
    },
    // The JSON report feeds the CI's closing "N passed, N failed" line (.ci/summarize.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
