import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { Demo } from '@leadbeacon/demo';
import { expect, leadsAfter, test } from './support/fixtures.js';
import { countBeacons } from './support/lead.js';

// Form builders that report a submission's outcome in the page (fixtures/wp-content/… stand in for
// their scripts; the fixtures set data-outcome-wait-ms="1500" so a missing answer is not waited for 8 s).
const jquery = createRequire(import.meta.url).resolve('jquery/dist/jquery.min.js');

test.beforeEach(async ({ page }) => {
  // WordPress serves its own jQuery; the builders trigger their events with it.
  await page.route('**/wp-includes/js/jquery/jquery.min.js', (route) => route.fulfill({ path: jquery, contentType: 'application/javascript' }));
});

async function fillCf7(page: Page, email: string) {
  await page.locator('[name="your-name"]').fill('Jane Smith');
  await page.locator('[name="your-email"]').fill(email);
  await page.locator('[name="your-message"]').fill('Call me');
}

const submit = (page: Page) => page.getByRole('button', { name: 'Submit' }).click();
const noLeadFor = async (demo: Demo, page: Page, ms: number) => {
  await page.waitForTimeout(ms);
  expect(demo.standIn!.leads).toEqual([]);
};

test.describe('Contact Form 7 (DOM events)', () => {
  test('a submission the builder rejects as invalid is no lead; the corrected resubmit is one lead, confirmed', async ({ page, demo }) => {
    await page.goto(`${demo.url}/contact-form-7-ajax.html`);
    const beacons = countBeacons(page);
    await fillCf7(page, 'invalid@example.com');
    await submit(page);
    await expect(page.locator('.wpcf7-form')).toHaveAttribute('data-status', 'invalid');
    await noLeadFor(demo, page, 1800);
    expect(beacons()).toBe(0);

    await page.locator('[name="your-email"]').fill('jane@example.com');
    const [lead] = await leadsAfter(demo, () => submit(page));
    expect(lead!.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
    expect(lead!.formData).toMatchObject({ formMessage: 'Call me', formOutcome: 'confirmed' });
    expect(beacons()).toBe(1);
  });

  for (const status of ['spam', 'mailfailed']) {
    test(`a submission the builder reports as ${status} is never a lead, not even when the visitor leaves`, async ({ page, demo }) => {
      await page.goto(`${demo.url}/contact-form-7-ajax.html`);
      const beacons = countBeacons(page);
      await fillCf7(page, `${status}@example.com`);
      await submit(page);
      await expect(page.locator('.wpcf7-form')).toHaveAttribute('data-status', status);
      await page.goto(`${demo.url}/next.html`);
      await noLeadFor(demo, page, 1800);
      expect(beacons()).toBe(0);
    });
  }

  test('a submission the builder never answers is sent after the wait, marked unconfirmed; a confirmed resubmit updates that lead', async ({ page, demo }) => {
    await page.goto(`${demo.url}/contact-form-7-ajax.html`);
    await fillCf7(page, 'silent@example.com');
    const [lead] = await leadsAfter(demo, () => submit(page));
    expect(lead!.formData).toMatchObject({ formOutcome: 'unconfirmed' });
    const { uniqueEventId } = lead!.formData;

    await page.locator('[name="your-email"]').fill('jane@example.com');
    await submit(page);
    await expect.poll(() => lead!.formData.formOutcome).toBe('confirmed');
    expect(demo.standIn!.leads).toHaveLength(1);
    expect(lead!.formData.uniqueEventId).toBe(uniqueEventId);
    expect(lead!.userData.email).toBe('jane@example.com');
  });

  test('a submission still waiting when the visitor leaves is sent at once, unconfirmed', async ({ page, demo }) => {
    await page.goto(`${demo.url}/contact-form-7-ajax.html`);
    await fillCf7(page, 'silent@example.com');
    await submit(page);
    const [lead] = await leadsAfter(demo, () => page.goto(`${demo.url}/next.html`));
    expect(lead!.formData).toMatchObject({ formOutcome: 'unconfirmed', formMessage: 'Call me' });
  });
});

test.describe('builders that report with jQuery', () => {
  test('Gravity Forms: a failed validation (form re-rendered) is no lead; the resubmit is one, confirmed', async ({ page, demo }) => {
    await page.goto(`${demo.url}/gravity-forms-ajax.html`);
    await page.locator('#input_1_1_3').fill('Jane');
    await page.locator('#input_1_1_6').fill('Smith');
    await page.locator('#input_1_3').fill('invalid@example.com');
    await page.locator('#input_1_7').fill('Call me');
    await page.locator('#gform_submit_button_1').click();
    await noLeadFor(demo, page, 1800);

    await page.locator('#input_1_3').fill('jane@example.com');
    const [lead] = await leadsAfter(demo, () => page.locator('#gform_submit_button_1').click());
    await expect(page.getByText('Thanks for contacting us!')).toBeVisible();
    expect(lead!.userData).toMatchObject({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
    expect(lead!.formData).toMatchObject({ formOutcome: 'confirmed', formMessage: 'Call me' });
    // state_1: Gravity Forms' signed form state, a token under a name that says neither nonce nor token.
    expect(JSON.stringify(lead)).not.toContain('WyJbXSIsIjZkNWQ2');
  });

  test('WPForms: wpformsAjaxSubmitFailed is no lead; wpformsAjaxSubmitSuccess confirms the same lead', async ({ page, demo }) => {
    await page.goto(`${demo.url}/wpforms-ajax.html`);
    await page.locator('#wpforms-8-field_0').fill('Jane');
    await page.locator('#wpforms-8-field_0-last').fill('Smith');
    await page.locator('#wpforms-8-field_1').fill('invalid@example.com');
    const beacons = countBeacons(page);
    await page.locator('form [type="submit"]').click();
    await noLeadFor(demo, page, 1800);
    expect(beacons()).toBe(0);

    await page.locator('#wpforms-8-field_1').fill('jane@example.com');
    const [lead] = await leadsAfter(demo, () => page.locator('form [type="submit"]').click());
    expect(lead!.formData).toMatchObject({ formOutcome: 'confirmed' });
    expect(beacons()).toBe(1);
  });

  test('Ninja Forms (no submit event): a refused answer is no lead; an accepted one is one lead with its values', async ({ page, demo }) => {
    await page.goto(`${demo.url}/ninja-forms-ajax.html`);
    await page.getByLabel('Name').fill('Jane Smith');
    await page.getByLabel('Email').fill('invalid@example.com');
    await page.getByLabel('Message').fill('Call me');
    const beacons = countBeacons(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByText('Please correct errors')).toBeVisible();
    await noLeadFor(demo, page, 1000);
    expect(beacons()).toBe(0);

    await page.getByLabel('Email').fill('jane@example.com');
    const [lead] = await leadsAfter(demo, () => page.getByRole('button', { name: 'Submit' }).click());
    expect(lead!.userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' });
    expect(lead!.formData).toMatchObject({ formName: 'Contact Me', formMessage: 'Call me', formOutcome: 'confirmed' });
  });

  test('Elementor: submit_success confirms the lead before the wait is over', async ({ page, demo }) => {
    await page.goto(`${demo.url}/elementor-ajax.html`);
    await page.locator('#form-field-name').fill('Jane Smith');
    await page.locator('#form-field-email').fill('jane@example.com');
    const started = Date.now();
    const [lead] = await leadsAfter(demo, () => page.locator('form [type="submit"]').click());
    expect(lead!.formData).toMatchObject({ formOutcome: 'confirmed' });
    expect(Date.now() - started, 'sent on the builder’s word, not after the 1.5 s wait').toBeLessThan(1500 + 300 + 1000);
  });
});

test('a form no builder reports on, on a page that loads the chunk, is sent at once as today', async ({ page, demo }) => {
  await page.route('**/ajax.html', async (route) => {
    const html = (await (await route.fetch()).text()).replace('</head>', '<script src="/wp-includes/js/jquery/jquery.min.js"></script></head>');
    await route.fulfill({ body: html, contentType: 'text/html' });
  });
  await page.goto(`${demo.url}/ajax.html`);
  await expect.poll(() => page.evaluate(() => !!document.querySelector('script[src$="leadbeacon-forms.js"]'))).toBe(true);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
  const [lead] = await leadsAfter(demo, () => page.getByRole('button', { name: 'Request demo' }).click());
  expect(lead!.formData.formOutcome).toBeUndefined();
});
