/** What a person does in the pane, as Playwright steps shared by the e2e suite and the screenshot script. */
import type { Page } from 'playwright-core';

/** Data tab > Load reference data, until the pane reports the written dataset. */
export async function loadReferenceData(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByRole('button', { name: 'Load reference data' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Wrote reference dataset/ })
    .first()
    .waitFor({ timeout: 30000 });
}

/** Scenario tab > Write results, then the Results sheet in the preview. */
export async function writeResults(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Scenario' }).click();
  await page.getByRole('button', { name: 'Write results' }).click();
  await page.getByRole('tab', { name: 'Results', exact: true }).click();
  await page.getByRole('grid', { name: 'Sheet Results' }).waitFor({ timeout: 30000 });
}
