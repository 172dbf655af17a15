/** An in-memory CliIo for the command tests: files in, captured output and written files out. */
import type { CliIo } from '../../src/cli/types';

export function fakeIo(files: Record<string, string | Uint8Array> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const writtenBytes: Record<string, Uint8Array> = {};
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: async (path) => {
      const f = files[path] ?? writtenBytes[path];
      if (f === undefined) throw new Error(`ENOENT: no such file ${path}`);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: async (path, data) => {
      writtenBytes[path] = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      written[path] = typeof data === 'string' ? data : new TextDecoder().decode(data);
    },
  };
  return { io, out, err, written, writtenBytes, text: () => out.join('') };
}
