/** Child process of bench/model.bench.ts: runs one phase of bench/phases.ts and prints its result and the process's RSS. */
import { PHASES } from './phases';

const name = process.argv[2];
const phase = PHASES[name];
if (!phase) throw new Error(`unknown phase "${name}"; phases: ${Object.keys(PHASES).join(', ')}`);
// Resident memory once the code is loaded, then the process's peak (maxRSS, kilobytes) after the phase.
const startRssMb = process.memoryUsage().rss / 1024 ** 2;
const result = await phase();
process.stdout.write(`${JSON.stringify({ result, startRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
