import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './main';

// Output piped into a reader that stops early (`reversal-lab run | head`): end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });

const io = {
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: (p: string, d: string | Uint8Array) => writeFile(p, d),
};

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
