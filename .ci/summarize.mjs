// Reads the vitest JSON reports of one `npm test` run and prints the closing line CI reads:
// "N passed, N failed". A step that failed before or outside vitest (typecheck, manifest
// validation, build) counts as one failure, so a red run never prints "0 failed".
import { existsSync, readFileSync } from 'node:fs';

const [, , exitCodeText, ...reports] = process.argv;
const npmExit = Number(exitCodeText);
let passed = 0;
let failed = 0;
let skipped = 0;
const missing = [];
for (const file of reports) {
  if (!existsSync(file)) {
    missing.push(file);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that failed to load has no failing test but fails the run.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).every((a) => a.status !== 'failed')) failed += 1;
  }
}
if (missing.length > 0) {
  console.error(`no test report at ${missing.join(', ')} (the run stopped before that suite)`);
  failed += missing.length;
}
if (npmExit !== 0 && failed === 0) {
  console.error(`npm test exited with ${npmExit} outside the test suites (typecheck, validation or build)`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || npmExit !== 0 ? 1 : 0);
