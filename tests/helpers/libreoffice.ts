/**
 * LibreOffice headless as the spreadsheet engine of the tests: it opens the .xlsx files the project writes,
 * recalculates their formulas and saves each first sheet as CSV. One soffice start converts every file given
 * (a start costs about 1.5 s of CPU; each further file well under 1 s).
 *
 * Each start gets a fresh user profile holding one setting: ooSetupLastVersion, the version LibreOffice last
 * ran as. Without it every start counts as the first after an upgrade and runs VCL's GraphicsRenderTests
 * (drawing on 4096 px bitmaps to choose a renderer: about 6 s of CPU of a 7.5 s start, measured with perf on
 * LibreOffice 7.4). The value is above any release so that an upgrade does not bring the tests back. Nothing
 * else is set: Calc keeps its defaults (on load it computes only the formulas of an .xlsx that have no cached
 * result; docs/workbook.md), as with the empty profile used before.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SOFFICE = '/usr/bin/soffice';

/** The profile's registrymodifications.xcu: LibreOffice "last ran" as a version above any release (see above). */
const PROFILE_SETTINGS =
  '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry">\n' +
  '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>999.0</value></prop></item>\n' +
  '</oor:items>\n';

/** The first sheet of each file as CSV lines, after LibreOffice recalculated it; keys as given. */
export async function recalculatedCsv(files: Record<string, Uint8Array>): Promise<Record<string, string[]>> {
  if (!existsSync(SOFFICE))
    throw new Error(`LibreOffice is required for this test: ${SOFFICE} is missing (.ci/run installs libreoffice-calc-nogui)`);
  const dir = mkdtempSync(join(tmpdir(), 'rlab-soffice-'));
  try {
    mkdirSync(join(dir, 'profile', 'user'), { recursive: true });
    writeFileSync(join(dir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
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
