/**
 * Regenerates docs/screenshot.png, the README's picture of the pane: the production build (run
 * `npm run build:standalone` first) in headless Chromium, reference data loaded, baseline results written.
 * Usage: npx tsx scripts/screenshot.ts [out.png]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReferenceData, writeResults } from './paneActions';
import { openHeadlessPane } from './headlessPane';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'docs/screenshot.png'));

const pane = await openHeadlessPane(root);
try {
  // Reduced motion: the tab indicator is drawn where it ends, not mid-animation.
  const page = await pane.browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  await page.goto(`${pane.url}/taskpane.html`);
  await loadReferenceData(page);
  await writeResults(page);
  // Clicking "Write results" scrolled the pane; show it from the top.
  await page.getByRole('main', { name: 'Reversal Lab task pane' }).evaluate((main) => main.lastElementChild?.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await pane.close();
}
