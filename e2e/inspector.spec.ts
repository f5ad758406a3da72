import { expect, leadsAfter, test } from './support/fixtures.js';
import type { Page } from '@playwright/test';

/** Fills and sends the demo's contact form; resolves when the page has moved on to the thank-you page. */
async function sendForm(page: Page, first: string, last: string, email: string, message: string) {
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Message').fill(message);
  await page.getByRole('button', { name: 'Get my free assessment' }).click();
  await page.waitForURL('**/thank-you');
}

test('the inspector shows a lead readably at 1280 and 390 px, keeps what is open, and escapes everything', async ({ page, demo, context }, testInfo) => {
  // Two touches: a newsletter visit, then (a new session) an ad click.
  await page.goto(`${demo.url}/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn`);
  await context.clearCookies({ name: 'lt_session' });
  await page.goto(`${demo.url}/?gclid=Cj0KCQiA-inspector`);
  await leadsAfter(demo, () => sendForm(page, 'Jan-Willem', 'van der Berg', 'jan-willem@example.com', '<img src=x onerror="window.__xss=1">'));

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${demo.url}/leadbeacon/inspector`);
  const card = page.locator('details.lead', { hasText: 'Jan-Willem van der Berg' });
  await expect(card.locator('.state')).toHaveText('delivered');
  await card.locator('summary').first().click();

  const flow = card.locator('section[data-section="channel flow"]').locator('li');
  await expect(flow).toHaveCount(2);
  await expect(flow.nth(0)).toContainText('newsletter / email · campaign autumn');
  await expect(flow.nth(0)).toContainText('landed on /');
  await expect(flow.nth(1)).toContainText('google / cpc');
  // A readable date, never epoch milliseconds.
  await expect(flow.nth(0)).not.toContainText(/\d{13}/);
  await expect(card.locator('section[data-section="ids"]')).toContainText('Cj0KCQiA-inspector');
  await expect(card.locator('section[data-section="delivery"]')).toContainText('leadId');
  const form = card.locator('section[data-section="form"]');
  await expect(form).toContainText('<img src=x onerror="window.__xss=1">');
  await expect(form).not.toContainText('uniqueEventId');
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  // Open the raw view, then let a new lead arrive: the refresh rebuilds the list and keeps both open.
  await card.getByText('What the browser sent').click();
  await expect(card.locator('pre').first()).toContainText('"gclid": "Cj0KCQiA-inspector"');
  const other = await context.newPage();
  await other.goto(`${demo.url}/`);
  await leadsAfter(demo, () => sendForm(other, 'Ana', 'Lima', 'ana@example.com', 'Hello'));
  await expect(page.locator('details.lead')).toHaveCount(2, { timeout: 8_000 });
  await expect(card).toHaveAttribute('open', '');
  await expect(card.locator('details', { hasText: 'What the browser sent' })).toHaveAttribute('open', '');
  await page.screenshot({ path: testInfo.outputPath('inspector-1280.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  // Nothing wider than the phone, and a name is never broken between its letters.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const who = card.locator('.who');
  expect(await who.evaluate((el) => [getComputedStyle(el).wordBreak, getComputedStyle(el).overflowWrap])).toEqual(['normal', 'break-word']);
  const box = await who.boundingBox();
  expect(box!.height, 'the name fits on one or two whole-word lines').toBeLessThan(60);
  await page.screenshot({ path: testInfo.outputPath('inspector-390.png'), fullPage: true });
  await testInfo.attach('inspector at 1280 px', { path: testInfo.outputPath('inspector-1280.png'), contentType: 'image/png' });
  await testInfo.attach('inspector at 390 px', { path: testInfo.outputPath('inspector-390.png'), contentType: 'image/png' });
});

test('the inspector is refused to a visitor who is not on this machine', async ({ demo }) => {
  const res = await fetch(`${demo.url}/leadbeacon/inspector/leads.json`, { headers: { 'x-forwarded-for': '198.51.100.4' } });
  expect(res.status).toBe(403);
});
