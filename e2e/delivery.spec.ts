import { startDemo, type Demo } from '@leadbeacon/demo';
import { demoOptions, expect, leadsAfter, pagesDir, test } from './support/fixtures.js';
import { countBeacons, expectLead, queueOf } from './support/lead.js';
import { startSite, type Site } from './support/site.js';

async function fillAjaxForm(page: import('@playwright/test').Page): Promise<void> {
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
}

test('a native navigating submit delivers one lead and leaves nothing queued', async ({ page, demo }) => {
  await page.goto(`${demo.url}/contact-form-7.html`);
  await page.locator('[name="your-name"]').fill('Jane Smith');
  await page.locator('[name="your-email"]').fill('jane@example.com');
  await expectLead(
    demo,
    async () => {
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL('**/thank-you');
    },
    { userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' } },
  );
  // The old page died before it could read the answer; the thank-you page resends and clears it.
  await expect.poll(() => queueOf(page)).toEqual([]);
  expect(demo.standIn!.leads).toHaveLength(1);
});

/** Whether the `lb_q` marker cookie (a lead waits in localStorage) is set. */
async function marker(page: import('@playwright/test').Page): Promise<boolean> {
  return (await page.context().cookies()).some((cookie) => cookie.name == 'lb_q');
}

test.describe('when the endpoint refuses the origin', () => {
  test.use({ allowedConsoleErrors: [/status of 403/] });

  test('drops a lead the endpoint refuses for good (403) instead of resending it forever', async ({ page }) => {
    const demo = await startDemo(demoOptions({ pagesDir, allowedOrigins: ['https://elsewhere.example'] }));
    try {
      await page.goto(`${demo.url}/ajax.html`);
      await fillAjaxForm(page);
      const beacons = countBeacons(page);
      const answered = page.waitForResponse((r) => r.url().endsWith('/leadbeacon'));
      await page.getByRole('button', { name: 'Request demo' }).click();
      expect((await answered).status()).toBe(403);
      await expect.poll(() => queueOf(page)).toEqual([]);
      expect(await marker(page), 'an empty queue clears its marker').toBe(false);

      // Dropped, not kept: the next page view sends nothing.
      await page.goto(`${demo.url}/next.html`);
      await page.waitForTimeout(300);
      expect(beacons()).toBe(1);
      expect(demo.standIn!.leads).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});

test.describe('with the site and the endpoint on different origins', () => {
  let site: Site;
  let endpoint: Demo | undefined;
  let endpointUrl = '';

  test.beforeEach(async () => {
    // Two ports of 127.0.0.1 are one site, so server mode would apply: these tests are of script mode's lb_q marker.
    site = await startSite(() => endpointUrl, undefined, 'script');
    endpoint = await startDemo(demoOptions({ allowedOrigins: [site.url] }));
    endpointUrl = `${endpoint.url}/leadbeacon`;
  });
  test.afterEach(async () => {
    await endpoint?.close();
    await site.close();
  });

  test('delivers the lead cross-origin and reads the acknowledgement', async ({ page }) => {
    await page.goto(`${site.url}/ajax.html`);
    await fillAjaxForm(page);
    const beacons = countBeacons(page);
    const [lead] = await leadsAfter(endpoint!, () => page.getByRole('button', { name: 'Request demo' }).click());
    expect(lead!.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321' });
    // Only a readable (CORS) 2xx removes the entry; an unreadable answer would be resent here.
    await expect.poll(() => queueOf(page)).toEqual([]);
    await page.goto(`${site.url}/next.html`);
    await page.waitForTimeout(300);
    expect(beacons()).toBe(1);
  });

  test.describe('when the endpoint is down at submit', () => {
    test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] });

    test('keeps the lead and delivers it once on the next page view after the endpoint is back', async ({ page }) => {
      const port = Number(new URL(endpoint!.url).port);
      await endpoint!.close();
      endpoint = undefined;

      await page.goto(`${site.url}/contact-form-7.html`);
      await page.locator('[name="your-name"]').fill('Jane Smith');
      await page.locator('[name="your-email"]').fill('jane@example.com');
      await page.getByRole('button', { name: 'Submit' }).click();
      await page.waitForURL('**/thank-you');
      await expect(page.getByRole('heading', { name: 'Another page of the site' })).toBeVisible();
      await expect.poll(async () => (await queueOf(page)).length).toBe(1);
      const [queued] = (await queueOf(page)) as { id: string }[];
      expect(await marker(page), 'the marker that makes the next page view read localStorage').toBe(true);

      const back = (endpoint = await startDemo(demoOptions({ allowedOrigins: [site.url], port })));
      const [lead] = await leadsAfter(back, () => page.goto(`${site.url}/next.html`));
      expect(lead!.formData.uniqueEventId).toBe(queued!.id);
      expect(lead!.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
      await expect.poll(() => queueOf(page)).toEqual([]);
      expect(await marker(page), 'an empty queue clears its marker').toBe(false);

      // Acknowledged: a further page view sends nothing again.
      await page.goto(`${site.url}/next.html`);
      await page.waitForTimeout(300);
      expect(back.standIn!.leads).toHaveLength(1);
      expect(back.standIn!.leads[0]!.writes).toBe(1);
    });
  });
});

test('still sends, degraded, when cookies and localStorage are blocked', async ({ page, demo, context }) => {
  await context.addInitScript(() => {
    const denied = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: denied });
    Object.defineProperty(Document.prototype, 'cookie', { get: denied, set: denied });
  });
  await page.goto(`${demo.url}/ajax.html`);
  await fillAjaxForm(page);
  await expectLead(demo, () => page.getByRole('button', { name: 'Request demo' }).click(), {
    userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321' },
  });
});
