import { startDemo, type Demo } from '@leadbeacon/demo';
import type { Page } from '@playwright/test';
import { demoOptions, expect, leadsAfter, test } from './support/fixtures.js';
import { startSite, type Site } from './support/site.js';

// A client's site (one origin) embeds an agency's form (another site: `localhost` beside
// `127.0.0.1`, so not even the cookies are shared); both run the script.
let parent: Site;
let child: Site;
let endpoint: Demo;
let parentLists = '';

const childOrigin = () => child.url.replace('127.0.0.1', 'localhost');

test.beforeEach(async () => {
  let endpointUrl = '';
  parent = await startSite(() => endpointUrl, () => ({ frameOrigins: parentLists, formUrl: `${childOrigin()}/frame-form.html` }));
  child = await startSite(() => endpointUrl, () => ({ parentOrigins: parent.url }));
  parentLists = childOrigin();
  endpoint = await startDemo(demoOptions({ allowedOrigins: [parent.url, childOrigin()] }));
  endpointUrl = `${endpoint.url}/leadbeacon`;
});
test.afterEach(async () => {
  await endpoint.close();
  await parent.close();
  await child.close();
});

async function submitInFrame(page: Page) {
  const form = page.frameLocator('iframe');
  await form.getByLabel('Full name').fill('Jane Smith');
  await form.getByLabel('Email').fill('jane@example.com');
  await form.getByLabel('Your request').fill('Quote for 12 panels');
  const [lead] = await leadsAfter(endpoint, () => form.getByRole('button', { name: 'Request a quote' }).click());
  return lead!;
}

/** Records, in every frame from its first script on, the attribution a parent hands over. */
async function watchHandover(page: Page) {
  await page.addInitScript(() => {
    addEventListener('message', (event) => {
      if (event.data?.leadbeacon === 'leadbeacon:attribution') (window as unknown as { handedOver: unknown }).handedOver = event.data.attribution;
    });
  });
}
const handedOverGclid = (page: Page) =>
  page.frames()[1]!.evaluate(() => (window as unknown as { handedOver?: { attributionData: { gclid?: string } } }).handedOver?.attributionData.gclid);

test("the iframe's lead carries the parent's gclid, channel flow and conversion page", async ({ page }) => {
  await watchHandover(page);
  await page.goto(`${parent.url}/frame-parent.html?gclid=TeSt-gclid-123`);
  await expect.poll(() => handedOverGclid(page)).toBe('TeSt-gclid-123');
  const lead = await submitInFrame(page);
  expect(lead.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
  expect(lead.formData).toMatchObject({ formMessage: 'Quote for 12 panels' });
  expect(lead.attributionData).toMatchObject({ gclid: 'TeSt-gclid-123', conversionPage: `${new URL(parent.url).host}/frame-parent.html` });
  expect(lead.channelFlow).toEqual([expect.objectContaining({ ch: expect.objectContaining({ s: 'google', m: 'cpc' }), lp: '/frame-parent.html' })]);
});

test('a parent that does not list the iframe’s origin shares nothing', async ({ page }) => {
  parentLists = 'https://forms.other.example';
  await watchHandover(page);
  await page.goto(`${parent.url}/frame-parent.html?gclid=TeSt-gclid-123`);
  await page.waitForTimeout(500);
  expect(await handedOverGclid(page)).toBeUndefined();
  const lead = await submitInFrame(page);
  expect(JSON.stringify(lead)).not.toContain('TeSt-gclid-123');
  expect(lead.attributionData.conversionPage).toBe(`${new URL(childOrigin()).host}/frame-form.html`);
});
