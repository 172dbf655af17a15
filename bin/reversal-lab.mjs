#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the CLI shares the exact sources of the pane.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

register();
const here = dirname(fileURLToPath(import.meta.url));
await import(join(here, '..', 'src', 'cli', 'node.ts'));
