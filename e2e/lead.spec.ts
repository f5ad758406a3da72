import { expect, leadsAfter, test } from './support/fixtures.js';

test('a native form submit that navigates away delivers one attributed lead', async ({ page, demo, context }) => {
  await context.addCookies([{ name: '_ga', value: 'GA1.1.1234567890.1712345678', url: demo.url }]);
  await page.goto(`${demo.url}/?gclid=Cj0KCQiA-e2e_gclid`);

  await page.getByLabel('First name').fill('Jane');
  await page.getByLabel('Last name').fill('Smith');
  await page.getByLabel('Email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31 6 87654321');
  await page.getByLabel('Company (optional)').fill('Acme Inc.');
  await page.getByLabel('Roof type').selectOption('Flat');
  await page.getByLabel('Message').fill('Please call me in the morning.');

  const [lead] = await leadsAfter(demo, async () => {
    await page.getByRole('button', { name: 'Get my free assessment' }).click();
    await page.waitForURL('**/thank-you');
  });

  expect(lead!.projectId).toBe('demo-project');
  expect(lead!.userData).toEqual({
    firstName: 'Jane',
    lastName: 'Smith',
    email: 'jane@example.com',
    phone: '+31 6 87654321',
    companyName: 'Acme Inc.',
  });
  expect(lead!.attributionData).toMatchObject({ gclid: 'Cj0KCQiA-e2e_gclid', cid: '1234567890.1712345678' });
  expect(lead!.formData).toMatchObject({
    formMessage: 'Please call me in the morning.',
    uniqueEventId: expect.stringMatching(/^[0-9a-f]{32}$/),
  });
  expect(Object.values(lead!.formData)).toContain('Flat');
  const userAgent = await page.evaluate(() => navigator.userAgent);
  expect(lead!.deviceData).toEqual({ ipAddress: '127.0.0.1', userAgent });
  expect(userAgent).toContain('Chrome/');
});
