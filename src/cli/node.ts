import { readFile, writeFile } from 'node:fs/promises';
import { runCli } from './main';

const io = {
  out: (t: string) => process.stdout.write(t),
  err: (t: string) => process.stderr.write(t),
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: (p: string, d: string | Uint8Array) => writeFile(p, d),
};

runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
