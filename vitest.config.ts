import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30000,
    // The JSON report feeds the CI's closing "N passed, N failed" line (.ci/summarize.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
