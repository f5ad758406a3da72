import { expect, test } from './support/fixtures.js';
import { expectComplete, submitOn } from './support/hostile-page.js';

// Pages that changed the globals the script serialises, measures or draws randomness with
// (fixtures/hostile.html): JSON.stringify, toJSON methods, Blob, crypto. The lead must arrive correct.

test('JSON.stringify replaced after the script loaded: the lead arrives whole', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'json-stringify'));
});

test("Prototype.js's Array.prototype.toJSON: the lead arrives whole", async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'array-to-json'));
});

test('an Object.prototype.toJSON: the lead arrives whole', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'object-to-json'));
});

test('an enumerable Object.prototype.toJSON: the lead arrives with the form whole', async ({ page, demo }) => {
  // Every object then has an own-looking toJSON: the lead's form must still arrive whole.
  const lead = await submitOn(page, demo, 'enumerable-object-to-json');
  expect(lead.formData).toMatchObject({ Interests: ['Reporting', 'API'] });
});

test('a replaced Blob: the lead arrives whole', async ({ page, demo }) => {
  expectComplete(await submitOn(page, demo, 'blob'));
});

test('a throwing crypto.getRandomValues: the lead arrives whole, with an event id', async ({ page, demo }) => {
  const lead = await submitOn(page, demo, 'crypto');
  expectComplete(lead);
  expect(lead.formData.uniqueEventId).toMatch(/^[0-9a-f]{32}$/);
});
