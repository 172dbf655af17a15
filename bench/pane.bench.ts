/**
 * The pane in headless Chromium (the production standalone build, served locally): how long until the pane
 * is drawn and until its first figures, and how long a slider key step takes to reach the KPI card, at 320 px
 * (an Excel task pane) and 1280 px. These are timings, so they live here and not in the browser test suite
 * (tests/e2e checks that the same steps work). dist/ is built first (npm run build:standalone) when it is
 * missing or is not a standalone build.
 * Run: npm run bench pane
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHeadlessPane } from '../scripts/headlessPane';
import { describeLatency, describeTimes, installLatencyProbe, sliderSteps, startupMarks, waitForFigures } from '../scripts/paneLatency';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOADS = 5;
const BACK_TO_BACK_STEPS = 40;
const STEPS_AFTER_WRITES = 10;

function ensureStandaloneBuild(): void {
  // A standalone build loads the local office.js; a production build (unlike npm start's) writes the module stats.
  const html = join(root, 'dist', 'taskpane.html');
  if (
    existsSync(html) &&
    readFileSync(html, 'utf8').includes('/office-js/office.js') &&
    existsSync(join(root, 'dist', 'stats-modules.json'))
  )
    return;
  const r = spawnSync('npm', ['run', 'build:standalone'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build:standalone exited ${r.status}`);
}

export default async function paneBench(): Promise<string[]> {
  ensureStandaloneBuild();
  const pane = await openHeadlessPane(root);
  const lines = [
    `Pane in headless Chromium (production standalone build), load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  ];
  try {
    const times: { pane: number; figures: number }[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await pane.browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${pane.url}/taskpane.html`);
      await waitForFigures(page);
      times.push(await startupMarks(page));
      await page.close();
    }
    lines.push(
      `  start-up over ${LOADS} loads: pane drawn and usable ${describeTimes(times.map((t) => t.pane))}; first figures ${describeTimes(times.map((t) => t.figures))} after navigation`,
    );

    for (const width of [320, 1280]) {
      const page = await pane.browser.newPage({ viewport: { width, height: width < 400 ? 720 : 860 }, reducedMotion: 'reduce' });
      await page.goto(`${pane.url}/taskpane.html`);
      await waitForFigures(page);
      const slider = page.locator('input[type="range"][data-param="nev.ceiling.China"]');
      await slider.scrollIntoViewIfNeeded();
      await installLatencyProbe(page, 'nev.share.China');
      await slider.focus();
      const keys = Array.from({ length: BACK_TO_BACK_STEPS }, (_, i) => (i < 30 ? 'ArrowLeft' : 'ArrowRight'));
      lines.push(`  ${describeLatency(`${width} px,`, await sliderSteps(page, keys, STEPS_AFTER_WRITES))}`);
      await page.close();
    }
  } finally {
    await pane.close();
  }
  return lines;
}
