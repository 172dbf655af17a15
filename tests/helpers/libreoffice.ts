/**
 * LibreOffice headless as the spreadsheet engine of the tests: it opens the .xlsx files the project writes,
 * recalculates their formulas and saves each first sheet as CSV. One soffice start converts every file given
 * (a start costs about 4 s of CPU; each further file well under 1 s).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SOFFICE = '/usr/bin/soffice';

/** The first sheet of each file as CSV lines, after LibreOffice recalculated it; keys as given. */
export async function recalculatedCsv(files: Record<string, Uint8Array>): Promise<Record<string, string[]>> {
  if (!existsSync(SOFFICE))
    throw new Error(`LibreOffice is required for this test: ${SOFFICE} is missing (.ci/run installs libreoffice-calc-nogui)`);
  const dir = mkdtempSync(join(tmpdir(), 'rlab-soffice-'));
  try {
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, bytes);
      return path;
    });
    await promisify(execFile)(
      SOFFICE,
      ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'csv', '--outdir', dir, ...paths],
      { timeout: 120_000 },
    );
    return Object.fromEntries(
      Object.keys(files).map((name) => [
        name,
        readFileSync(join(dir, `${name}.csv`), 'utf8')
          .trim()
          .split(/\r?\n/),
      ]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
