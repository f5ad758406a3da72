import { expect, leadsAfter, test } from './support/fixtures.js';
import { countBeacons } from './support/lead.js';
import { startSite, type Site } from './support/site.js';

// HubSpot's two embeds, as HubSpot documents their browser APIs (fixtures/hsforms/… stand in for
// HubSpot's scripts). Both render where the page's submit listener cannot see the form.
const JANE = { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321', companyName: 'Acme Inc.' };

test('the legacy embed: an onFormSubmitted message from the page makes one lead with its values', async ({ page, demo }) => {
  await page.goto(`${demo.url}/hubspot-legacy.html`);
  const form = page.frameLocator('iframe.hs-form-iframe');
  await form.locator('[name="firstname"]').fill('Jane');
  await form.locator('[name="lastname"]').fill('Smith');
  await form.locator('[name="email"]').fill('jane@example.com');
  await form.locator('[name="mobilephone"]').fill('+31687654321');
  await form.locator('[name="company"]').fill('Acme Inc.');
  await form.locator('[name="message"]').fill('Call me');
  const [lead] = await leadsAfter(demo, () => form.getByRole('button', { name: 'Submit' }).click());
  expect(lead!.userData).toEqual(JANE);
  expect(lead!.formData).toMatchObject({ formName: 'hsForm_1a2b3c4d-0000-4000-8000-123456789abc', formMessage: 'Call me', formOutcome: 'confirmed' });
});

test('the legacy embed as raw HTML in the page: the submit and the message make one lead, not two', async ({ page, demo }) => {
  await page.goto(`${demo.url}/hubspot-legacy.html?raw`);
  const beacons = countBeacons(page);
  await page.locator('[name="firstname"]').fill('Jane');
  await page.locator('[name="lastname"]').fill('Smith');
  await page.locator('[name="email"]').fill('jane@example.com');
  const [lead] = await leadsAfter(demo, () => page.getByRole('button', { name: 'Submit' }).click());
  expect(lead!.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
  expect(lead!.formData).toMatchObject({ formOutcome: 'confirmed' });
  expect(beacons()).toBe(1);
});

test('the current embed: hs-form-event:on-submission:success, values through HubSpotFormsV4, object-prefixed names mapped', async ({ page, demo }) => {
  await page.goto(`${demo.url}/hubspot-v4.html`);
  const form = page.frameLocator('.hs-form-frame iframe');
  await form.getByLabel('First name').fill('Jane');
  await form.getByLabel('Last name').fill('Smith');
  await form.getByLabel('Email').fill('jane@example.com');
  await form.getByLabel('Phone number').fill('+31687654321');
  await form.getByLabel('Company name').fill('Acme Inc.');
  await form.getByLabel('Message').fill('Call me');
  const [lead] = await leadsAfter(demo, () => form.getByRole('button', { name: 'Submit' }).click());
  expect(lead!.userData).toEqual(JANE);
  expect(lead!.formData).toMatchObject({ formName: 'hsForm_5e6f7a8b-0000-4000-8000-123456789abc', formMessage: 'Call me', formOutcome: 'confirmed' });
});

test('the current embed rendered in the page: its submit and the success event make one lead, not two', async ({ page, demo }) => {
  await page.goto(`${demo.url}/hubspot-v4.html?inline`);
  const beacons = countBeacons(page);
  await page.getByLabel('First name').fill('Jane');
  await page.getByLabel('Email').fill('jane@example.com');
  const [lead] = await leadsAfter(demo, () => page.getByRole('button', { name: 'Submit' }).click());
  expect(lead!.userData).toEqual({ firstName: 'Jane', email: 'jane@example.com' });
  expect(lead!.formData).toMatchObject({ formOutcome: 'confirmed' });
  expect(beacons()).toBe(1);
});

test.describe('a forged HubSpot message', () => {
  let other: Site;
  test.beforeEach(async () => {
    other = await startSite(() => '');
  });
  test.afterEach(() => other.close());

  test('from another origin is ignored; the same message from the page itself is taken', async ({ page, demo }) => {
    await page.goto(`${demo.url}/hubspot-legacy.html`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${other.url}/hs-spoof.html`);
    await page.waitForTimeout(1000);
    expect(demo.standIn!.leads).toEqual([]);

    // Proves the page listens: the message the other origin sent, from the page's own origin.
    const [lead] = await leadsAfter(demo, () =>
      page.evaluate(() => postMessage({ type: 'hsFormCallback', eventName: 'onFormSubmitted', id: 'x', data: { submissionValues: { email: 'jane@example.com' } } }, '*')),
    );
    expect(lead!.userData).toEqual({ email: 'jane@example.com' });
  });
});
