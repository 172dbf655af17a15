import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './main';
import type { CliIo } from './types';

// Output piped into a reader that stops early (`reversal-lab run | head`): end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

/** Progress on stderr: one updating line on a terminal, a line per 10 % otherwise (logs, CI). */
function progressReporter(): NonNullable<CliIo['progress']> {
  const tty = process.stderr.isTTY === true;
  let lastLabel = '';
  let lastStep = -1;
  return (label, fraction) => {
    const pct = Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    if (tty) {
      process.stderr.write(`\r${label}: ${pct} %${pct >= 100 ? '\n' : ''}`);
      return;
    }
    const step = Math.floor(pct / 10);
    if (label !== lastLabel || step > lastStep) process.stderr.write(`${label}: ${pct} %\n`);
    lastLabel = label;
    lastStep = step;
  };
}

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  // A view of the Buffer, not a copy (a copy doubles the memory of a big import).
  readFile: async (p) => {
    const b = await readFile(p);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  },
  writeFile: (p, d) => writeFile(p, d),
  async writeTextChunks(p, chunks) {
    const stream = createWriteStream(p);
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    for (const chunk of chunks) if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
    stream.end();
    await done;
  },
  progress: progressReporter(),
};

// runCli reports every failure itself and resolves with the exit code.
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
  // npm run bench: peak memory of the whole process, read where it ends.
  if (process.env.RLAB_CLI_TIMING) {
    const cpu = process.cpuUsage();
    process.stderr.write(
      `reversal-lab timing: exit after ${performance.now().toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`,
    );
  }
});
