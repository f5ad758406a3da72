import type { Page } from '@playwright/test';
import type { Demo } from '@leadbeacon/demo';
import { expect } from './fixtures.js';
import { expectLead } from './lead.js';

// fixtures/hostile.html: the URL's hash picks what the page does to the globals before the script runs.
export const GCLID = 'Cj0KCQiA-hostile_gclid';

/** Loads the hostile page, fills the form and sends it: the one lead that arrives, checked for the contact details. */
export async function submitOn(page: Page, demo: Demo, hostileCase: string, expected: Parameters<typeof expectLead>[2] = {}) {
  await page.goto(`${demo.url}/hostile.html?gclid=${GCLID}#${hostileCase}`);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Email').fill('jane@example.com');
  return expectLead(demo, () => page.getByRole('button', { name: 'Send' }).click(), {
    userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' },
    ...expected,
  });
}

/** What a page that broke nothing the lead needs gets too: the click id, the channel flow, the form's lists whole. */
export function expectComplete(lead: Awaited<ReturnType<typeof submitOn>>) {
  expect(lead.attributionData).toMatchObject({ gclid: GCLID });
  expect(lead.channelFlow).toEqual([{ t: expect.any(Number), ch: { s: 'google', m: 'cpc' }, lp: '/hostile.html' }]);
  expect(lead.formData).toMatchObject({ Interests: ['Reporting', 'API'] });
}
