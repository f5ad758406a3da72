import { expect, leadsAfter, test } from './support/fixtures.js';
import { beaconDuring, expectLead } from './support/lead.js';

test('never sends passwords, card data, national ids, tokens or ignored fields', async ({ page, demo }) => {
  await page.goto(`${demo.url}/sensitive.html`);
  const forbidden = ['secret', 'NL91ABNA0417164300', '4111', '5500', 'pw', 'Card number', 'Reference', 'Notes', 'plain'];
  let body = '';
  const lead = await expectLead(
    demo,
    async () => {
      body = JSON.stringify(await beaconDuring(page, () => page.getByRole('button', { name: 'Sign up' }).click()));
    },
    { userData: { email: 'jane@example.com' }, forbidden },
  );
  expect(lead.formData.formMessage).toMatch(/^Please charge\s+today$/);
  // Not only the lead: the data never leaves the page (the endpoint maps fields, the script filters them).
  expect(body).toContain('jane@example.com');
  for (const secret of ['secret', 'NL91ABNA0417164300', '4111', '5500']) expect(body, `the beacon holds ${secret}`).not.toContain(secret);
});

test('captures only the forms data-forms selects and data-exclude-forms and data-lb-ignore leave', async ({ page, demo }) => {
  await page.goto(`${demo.url}/selection.html`);
  await expectLead(
    demo,
    async () => {
      for (const name of ['Search', 'Excluded', 'Ignored', 'Captured']) await page.getByRole('button', { name }).click();
    },
    { userData: { email: 'captured@example.com' }, formData: { formName: 'captured' }, forbidden: ['search@', 'excluded@', 'ignored@'] },
  );
});

test('reports pageMs and the honeypot value, never the honeypot as a field', async ({ page, demo }) => {
  await page.goto(`${demo.url}/ajax.html`);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
  await page.locator('[name="website"]').fill('http://spam.example');
  await page.waitForTimeout(250);
  const beacon = await beaconDuring(page, () => page.getByRole('button', { name: 'Request demo' }).click());
  expect(beacon.hp).toBe('http://spam.example');
  expect(beacon.pageMs).toEqual(expect.any(Number));
  expect(beacon.pageMs as number).toBeGreaterThanOrEqual(250);
  // The honeypot travels only as hp, never among the fields the endpoint maps into formData.
  expect(JSON.stringify(beacon.fields)).not.toContain('spam.example');
  expect((beacon.fields as { n: string }[]).map((field) => field.n)).not.toContain('website');
});

test('captures an AJAX form (preventDefault + fetch) once', async ({ page, demo }) => {
  await page.goto(`${demo.url}/ajax.html`);
  await page.getByLabel('Full name').fill('Jane van der Berg');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
  await page.getByLabel('Team size').selectOption('11-50');
  await page.getByLabel('Reporting').check();
  await page.getByLabel('API').check();
  const lead = await expectLead(
    demo,
    async () => {
      await page.getByRole('button', { name: 'Request demo' }).click();
      await expect(page.getByText('Thanks, we will be in touch.')).toBeVisible();
    },
    {
      userData: { firstName: 'Jane', lastName: 'van der Berg', email: 'jane@example.com', phone: '+31687654321' },
      formData: { formName: 'demo-request', 'Team size': '11-50', 'Interested in': ['Reporting', 'API'] },
    },
  );
  expect(lead.writes).toBe(1);
});

test('a resubmit after a validation error updates the same lead', async ({ page, demo }) => {
  await page.goto(`${demo.url}/ajax.html`);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  const [lead] = await leadsAfter(demo, async () => {
    await page.getByRole('button', { name: 'Request demo' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  });
  expect(lead!.userData.phone).toBeUndefined();

  await page.getByLabel('Phone').fill('+31687654321');
  await page.getByRole('button', { name: 'Request demo' }).click();
  await expect(page.getByText('Thanks, we will be in touch.')).toBeVisible();
  await expect.poll(() => lead!.writes).toBe(2);
  expect(demo.standIn!.leads).toHaveLength(1);
  expect(lead!.userData).toMatchObject({ email: 'jane@example.com', phone: '+31687654321' });
});

test('a double submit makes one lead', async ({ page, demo }) => {
  await page.goto(`${demo.url}/ajax.html`);
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
  await leadsAfter(demo, () => page.getByRole('button', { name: 'Request demo' }).dblclick());
});

test('captures a form an SPA renders after the script loaded', async ({ page, demo }) => {
  await page.goto(`${demo.url}/spa.html`);
  await page.getByRole('button', { name: 'Get a quote' }).click();
  await page.getByLabel('Voornaam').fill('Jan');
  await page.getByLabel('Achternaam').fill('de Vries');
  await page.getByLabel('E-mailadres').fill('jan@example.nl');
  await page.getByLabel('Bedrijf').fill('Zonnepanelen BV');
  await page.getByLabel('Opmerkingen').fill('Graag een offerte');
  await expectLead(demo, () => page.getByRole('button', { name: 'Verstuur' }).click(), {
    userData: { firstName: 'Jan', lastName: 'de Vries', email: 'jan@example.nl', companyName: 'Zonnepanelen BV' },
    formData: { formName: 'quote', formMessage: 'Graag een offerte' },
  });
});

test('captures a form inside a shadow root', async ({ page, demo }) => {
  await page.goto(`${demo.url}/spa.html`);
  await page.getByLabel('Vorname').fill('Max');
  await page.getByLabel('Nachname').fill('Mustermann');
  await page.getByLabel('E-Mail').fill('max@example.de');
  await expectLead(demo, () => page.getByRole('button', { name: 'Senden' }).click(), {
    userData: { firstName: 'Max', lastName: 'Mustermann', email: 'max@example.de' },
    formData: { formName: 'Shadow widget' },
  });
});

test('captures a form sent with form.submit(), which fires no submit event', async ({ page, demo }) => {
  await page.goto(`${demo.url}/form-submit.html`);
  await page.getByLabel('Nombre').fill('Lucía');
  await page.getByLabel('Apellido').fill('García');
  await page.getByLabel('Teléfono').fill('+34 612 345 678');
  await expectLead(
    demo,
    async () => {
      await page.getByRole('button', { name: 'Enviar' }).click();
      await page.waitForURL('**/thank-you');
    },
    { userData: { firstName: 'Lucía', lastName: 'García', phone: '+34 612 345 678' }, formData: { formName: 'Callback request' } },
  );
});

test('makes no lead of a search box, a login form or a form without contact data, and never sends the password', async ({ page, demo }) => {
  await page.goto(`${demo.url}/not-leads.html`);
  // The script sends every captured form; the endpoint decides what is a lead (packages/server/src/lead/fields.ts).
  const bodies: string[] = [];
  const answers: number[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/leadbeacon')) bodies.push(r.postData() ?? '');
  });
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/leadbeacon')) answers.push(r.status());
  });
  for (const name of ['Search', 'Log in', 'Book']) await page.getByRole('button', { name }).click();
  await expect.poll(() => answers.length).toBe(3);
  expect(answers).toEqual([202, 202, 202]);
  expect(bodies.join('\n')).toContain('solar panels');
  expect(bodies.join('\n'), 'a password never leaves the page').not.toContain('secret-password');
  await page.waitForTimeout(300);
  expect(demo.standIn!.leads).toHaveLength(0);
});
