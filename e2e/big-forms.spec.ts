import { expect, test } from './support/fixtures.js';
import { beaconDuring, expectLead } from './support/lead.js';

test('a form too big to send whole still delivers its contact details, marked trimmed', async ({ page, demo }) => {
  await page.goto(`${demo.url}/big-form.html`);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Email').fill('jane@example.com');
  let bytes = 0;
  const lead = await expectLead(
    demo,
    async () => {
      const beacon = await beaconDuring(page, () => page.getByRole('button', { name: 'Send' }).click());
      bytes = Buffer.byteLength(JSON.stringify(beacon));
      expect(beacon.trimmed).toBe(true);
    },
    { userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' } },
  );
  // The keepalive budget the script holds a body to (fit-beacon.ts).
  expect(bytes).toBeLessThanOrEqual(60_000);
  expect(lead.formData.trimmed).toMatch(/left out/);
  // The multi-select comes first in the form, so it travels; the endpoint keeps 100 of its values.
  expect(lead.formData.Parts).toHaveLength(100);
  expect((lead.formData.Parts as string[])[0]).toBe('part-0');
});
