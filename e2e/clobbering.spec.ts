import { test } from './support/fixtures.js';
import { expectLead } from './support/lead.js';

test('DOM clobbering: controls named elements, getAttribute, closest, querySelector … do not hide the form', async ({ page, demo }) => {
  await page.goto(`${demo.url}/clobbered.html`);
  // As the page's own script would: Playwright's label lookup and actionability checks call the
  // clobbered form's getAttribute themselves.
  await page.evaluate(() => {
    const values: Record<string, string> = { 'your-name': 'Jane Smith', 'your-email': 'jane@example.com', budget: '10k' };
    for (const name in values) document.querySelector<HTMLInputElement>(`[name="${name}"]`)!.value = values[name]!;
  });
  await expectLead(demo, () => page.evaluate(() => document.querySelector<HTMLButtonElement>('button[name=submit]')!.click()), {
    userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' },
    formData: { formName: 'Quote request', Budget: '10k', action: 'contact_form' },
  });
});
