/** Child process of bench/run.ts: runs one bench file's default export and prints its lines plus the process peak RSS. */
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
const mod = (await import(pathToFileURL(file).href)) as { default?: () => Promise<string[]> };
if (typeof mod.default !== 'function') throw new Error(`${file}: no default export "async () => string[]"`);
const lines = await mod.default();
process.stdout.write(lines.join('\n') + '\n');
// maxRSS is in kilobytes (Node docs: process.resourceUsage).
process.stdout.write(`process peak RSS (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
