import { expect, test } from './support/fixtures.js';
import { expectComplete, GCLID, submitOn } from './support/hostile-page.js';

// Pages that got there first: each breaks or replaces something the script relies on
// (fixtures/hostile.html). The fixture fails a test on any page error; the lead must still arrive.

test('a non-writable window.leadbeacon: the queued calls still run and the lead arrives', async ({ page, demo }) => {
  const lead = await submitOn(page, demo, 'readonly-api');
  expect(lead.uniqueIdentifier).toBe('crm-42');
  expectComplete(lead);
});

test('a stub whose q is a number: the API is installed and the lead arrives', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'q-number'));
  expect(await page.evaluate(() => typeof (window as unknown as { leadbeacon: unknown }).leadbeacon)).toBe('function');
});

test('a stub whose q holds null: the other queued calls still run', async ({ page, demo }) => {
  const lead = await submitOn(page, demo, 'q-null');
  expect(lead.uniqueIdentifier).toBe('crm-42');
  expectComplete(lead);
});

test('a frozen HTMLFormElement.prototype: the lead keeps gclid and channelFlow, and the API is installed', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'frozen-form-prototype'));
  const attribution = await page.evaluate(() => (window as unknown as { leadbeacon: (name: string) => { attributionData: unknown } }).leadbeacon('getAttribution'));
  expect(attribution.attributionData).toMatchObject({ gclid: GCLID });
});

test('a broken URLSearchParams: the lead arrives, with a channel flow', async ({ page, demo }) => {
  const lead = await submitOn(page, demo, 'broken-url-search-params');
  expect(lead.channelFlow).toHaveLength(1);
});

test('a broken Array.prototype[Symbol.iterator]: the lead arrives', async ({ page, demo }) => {
  await submitOn(page, demo, 'broken-array-iterator');
});

test('a broken document.addEventListener: the submit is still captured', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'broken-add-event-listener'));
});
