import { expect, leadsAfter, test } from './support/fixtures.js';

test("a banner wired only through GTM's consent APIs reaches the lead, and gates the cookies, with nothing in dataLayer", async ({ page, demo, context }) => {
  await page.goto(`${demo.url}/consent-mode.html?utm_source=newsletter&utm_medium=email`);
  await page.waitForFunction(() => typeof (window as { leadbeacon?: unknown }).leadbeacon == 'function');
  expect(await context.cookies(), 'analytics_storage is denied: no cookie yet').toEqual([]);

  await page.getByRole('button', { name: 'Accept statistics' }).click();
  await page.getByLabel('Email').fill('jane@example.com');
  const [lead] = await leadsAfter(demo, async () => {
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL('**/thank-you');
  });

  // The live state, as gtag holds it: the banner's update over the default; ad_personalization was
  // never set and stays out rather than be guessed.
  expect(lead!.attributionData.consent).toEqual({ ad_storage: 'denied', ad_user_data: 'granted', analytics_storage: 'granted' });
  expect(await page.evaluate(() => (window as { dataLayer?: unknown }).dataLayer), 'the page pushed nothing to dataLayer').toBeUndefined();
  // analytics_storage granted released the channel flow at the submit; ad_storage still holds the rest.
  const names = (await context.cookies()).map((cookie) => cookie.name).sort();
  expect(names).toEqual(['lt_channelflow', 'lt_session']);
});
