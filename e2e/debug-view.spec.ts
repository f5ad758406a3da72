import { startDemo } from '@leadbeacon/demo';
import type { Page } from '@playwright/test';
import { createServer } from 'node:net';
import { demoOptions, expect, pagesDir, test } from './support/fixtures.js';
import { startSite } from './support/site.js';

interface Report {
  warnings: string[];
  forms: { label: string; captured: boolean; reason: string; sent: string[]; kept: number }[];
  attribution: { attributionData?: Record<string, unknown> } | null;
}

/** The debug view's report, once it has loaded and checked the endpoint. */
async function debugReport(page: Page): Promise<Report> {
  await page.waitForFunction(() => 'leadbeaconDebug' in window);
  return page.evaluate(() => (window as unknown as { leadbeaconDebug: Promise<Report> }).leadbeaconDebug);
}

test('?leadbeacon_debug shows the forms, the next lead and a click id the browser stripped; the page loads nothing extra without it', async ({ page, demo }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${demo.url}/debug.html?gad_source=1&gad_campaignid=123`);
  await page.waitForLoadState('networkidle');
  expect(requests).not.toContain('/leadbeacon-debug.js');

  await page.goto(`${demo.url}/debug.html?gad_source=1&gad_campaignid=123&utm_source=google&leadbeacon_debug`);
  const report = await debugReport(page);
  expect(report.forms).toEqual([
    { label: 'Contact', captured: true, reason: 'captured on submit', sent: ['email'], kept: 1 },
    { label: 'Newsletter', captured: false, reason: 'skipped: matches data-exclude-forms=".newsletter"', sent: [], kept: 0 },
    { label: 'Search', captured: false, reason: 'skipped: inside [data-lb-ignore]', sent: [], kept: 0 },
  ]);
  expect(report.warnings).toEqual([
    expect.stringMatching(/^data-consent="required" and analytics_storage, ad_storage not granted: the matching cookies are held back/),
    expect.stringMatching(/^gad_source\/gad_campaignid without gclid: the browser likely stripped the Google click id/),
  ]);
  expect(report.attribution?.attributionData).toMatchObject({ conversionPage: expect.stringContaining('/debug.html') });
  // The panel a person sees, in its own shadow root.
  const panel = page.locator('leadbeacon-debug');
  await expect(panel.getByText('leadbeacon debug view')).toBeVisible();
  await expect(panel.getByText('Contact: captured on submit; sends email; keeps 1 field(s) on the page')).toBeVisible();
  await panel.getByRole('button', { name: 'Close the leadbeacon debug view' }).click();
  await expect(panel).toHaveCount(0);
});

test.describe('when the endpoint refuses the origin', () => {
  // The site and the endpoint share a host (server mode): the refused page view is a CORS error too.
  test.use({ allowedConsoleErrors: [/blocked by CORS policy|ERR_FAILED/] });

  test('the debug view warns that the endpoint refuses the origin', async ({ page }) => {
    const demo = await startDemo(demoOptions({ pagesDir, allowedOrigins: ['https://elsewhere.example'] }));
    const site = await startSite(() => `${demo.url}/leadbeacon`);
    try {
      await page.goto(`${site.url}/debug.html?leadbeacon_debug`);
      const report = await debugReport(page);
      expect(report.warnings[0]).toBe(`The endpoint refuses this origin (${site.url}): add it to allowedOrigins (LEADBEACON_ALLOWED_ORIGINS) on the server.`);
    } finally {
      await site.close();
      await demo.close();
    }
  });
});

test.describe('when the endpoint is down', () => {
  test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] });

  test('the debug view warns that the endpoint does not answer', async ({ page }) => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(probe.address() as { port: number }).port}/leadbeacon`;
    await new Promise((resolve) => probe.close(resolve));
    const site = await startSite(() => dead);
    try {
      await page.goto(`${site.url}/debug.html?leadbeacon_debug`);
      const report = await debugReport(page);
      expect(report.warnings[0]).toBe(`The endpoint ${dead} does not answer: leads wait in this browser until it does.`);
    } finally {
      await site.close();
    }
  });
});
