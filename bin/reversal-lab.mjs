#!/usr/bin/env node
// Starts the compiled CLI (dist-cli/, bundled by esbuild from src/cli at npm install, npm run build and
// npm test: scripts/cliBuild.mjs), so no TypeScript is compiled at run time. It first checks that the
// bundle was built from the sources as they are now and, if not, says which files changed and how to rebuild.
import { checkCompiledCli } from '../scripts/cliCheck.mjs';

// RLAB_CLI_DIR: another build directory (the tests run a build made in a temporary folder).
const check = checkCompiledCli(process.env.RLAB_CLI_DIR || undefined);
if (!check.ok) {
  process.stderr.write(`${check.message}\n`);
  process.exit(1);
}
await import(check.mainUrl);
