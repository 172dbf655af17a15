/** The CLI as a process: output piped into a reader that stops early ends quietly (exit 0, no EPIPE trace). */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/reversal-lab.mjs', import.meta.url));

describe('reversal-lab piped into head', () => {
  it('stops writing quietly when the reader closes the pipe', async () => {
    // `run --json` writes the table, then a second line once the file is written: the write after the close.
    const json = join(mkdtempSync(join(tmpdir(), 'rl-epipe-')), 'run.json');
    const child = spawn(process.execPath, [bin, 'run', '--json', json], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Like `| head -0`: the reader is gone before the CLI has written its first line.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
