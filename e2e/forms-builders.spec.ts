import { test } from './support/fixtures.js';
import { expectLead } from './support/lead.js';

// Each fixture is a form builder's real markup; the script must map it without configuration.
interface Builder {
  page: string;
  /** CSS selector → value to type (or option to pick, or checkbox to tick with `true`). */
  fill: Record<string, string | true>;
  userData: Record<string, string>;
  formData: Record<string, unknown>;
  forbidden?: string[];
  /** A builder form whose page loads the builder's script (and so leadbeacon-forms.js). */
  unmarked?: boolean;
}

const JANE = { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com' };

const builders: Builder[] = [
  {
    page: 'contact-form-7',
    fill: { '[name="your-name"]': 'Jane Smith', '[name="your-email"]': 'jane@example.com', '[name="your-subject"]': 'Quote', '[name="your-message"]': 'Call me' },
    userData: JANE,
    formData: { formName: 'Contact form', formMessage: 'Call me', Subject: 'Quote' },
    forbidden: ['_wpcf7', 'wpcf7-f12-p34-o1', 'secret-recaptcha'],
  },
  {
    page: 'gravity-forms',
    fill: {
      '#input_1_1_3': 'Jane',
      '#input_1_1_6': 'Smith',
      '#input_1_3': 'jane@example.com',
      '#input_1_4': '+31 6 87654321',
      '#input_1_5': 'Acme Inc.',
      '#choice_1_6_1': true,
      '#choice_1_6_3': true,
      '#input_1_7': 'Call me',
    },
    userData: { ...JANE, phone: '+31 6 87654321', companyName: 'Acme Inc.' },
    formData: { formName: 'gform_1', formMessage: 'Call me', Services: ['Solar panels', 'Heat pump'] },
    // Sent at the submit, as any form's: a navigating submit gets no outcome in this page.
    unmarked: true,
    // state_1: Gravity Forms' signed form state, under a name that says neither nonce nor token.
    forbidden: ['input_1.3', 'input_8', 'Comments', 'WyJbXSIsIjZkNWQ2'],
  },
  {
    page: 'wpforms',
    fill: { '#wpforms-8-field_0': 'Jane', '#wpforms-8-field_0-last': 'Smith', '#wpforms-8-field_1': 'jane@example.com', '#wpforms-8-field_3': '0612345678', '#wpforms-8-field_2': 'Call me' },
    userData: { ...JANE, phone: '0612345678' },
    formData: { formName: 'wpforms-form-8', formMessage: 'Call me', page_title: 'Contact' },
  },
  {
    page: 'elementor',
    fill: { '#form-field-name': 'Jane Smith', '#form-field-email': 'jane@example.com', '#form-field-field_3a1c2e1': '+31687654321', '#form-field-message': 'Call me' },
    userData: { ...JANE, phone: '+31687654321' },
    formData: { formName: 'Contact Form', formMessage: 'Call me' },
  },
  {
    page: 'hubspot',
    fill: {
      '[name="firstname"]': 'Jane',
      '[name="lastname"]': 'Smith',
      '[name="email"]': 'jane@example.com',
      '[name="mobilephone"]': '+31687654321',
      '[name="company"]': 'Acme Inc.',
      '[name="message"]': 'Call me',
    },
    userData: { ...JANE, phone: '+31687654321', companyName: 'Acme Inc.' },
    formData: { formName: 'hsForm_1a2b3c4d-0000-4000-8000-123456789abc', formMessage: 'Call me' },
  },
  {
    page: 'formidable',
    fill: { '#field_qh4icy': 'Jane Smith', '#field_29yf4d': 'jane@example.com', '#field_9jv0r1': 'Bel me terug' },
    userData: JANE,
    // The only textarea is the message whatever its label; the owner's hidden plan arrives.
    formData: { formName: 'form_contact2', formMessage: 'Bel me terug', 'item_meta[12]': 'pro-annual' },
    // frm_submit_entry_5: Formidable's per-form nonce.
    forbidden: ['7f4e2a9c1b'],
    unmarked: true,
  },
  {
    page: 'webflow',
    fill: { '#name': 'Jane Smith', '#email': 'jane@example.com', '#Phone': '+31687654321', '#Company': 'Acme Inc.', '#Budget': '5k-20k', '#Message': 'Call me' },
    userData: { ...JANE, phone: '+31687654321', companyName: 'Acme Inc.' },
    formData: { formName: 'wf-form-Contact-Form', formMessage: 'Call me', Budget: '5k-20k' },
  },
  {
    page: 'mailchimp',
    fill: { '#mce-EMAIL': 'jane@example.com', '#mce-FNAME': 'Jane', '#mce-LNAME': 'Smith', '#mce-PHONE': '+31687654321', '#mce-MMERGE6': 'Acme Inc.' },
    userData: { ...JANE, phone: '+31687654321', companyName: 'Acme Inc.' },
    formData: { formName: 'mc-embedded-subscribe-form' },
    forbidden: ['b_1a2b3c4d5e6f7a8b9c0d1e2f3'],
  },
  {
    page: 'salesforce',
    fill: {
      '#first_name': 'Jane',
      '#last_name': 'Smith',
      '#email': 'jane@example.com',
      '#company': 'Acme Inc.',
      '#phone': '+31687654321',
      '#title': 'CTO',
      '[name="description"]': 'Call me',
      '#lead_source': 'Web',
    },
    userData: { ...JANE, phone: '+31687654321', companyName: 'Acme Inc.' },
    formData: { formName: 'Contact sales', formMessage: 'Call me', Title: 'CTO', 'Lead Source': 'Web', oid: '00D5g000004XXXX' },
  },
  {
    page: 'marketo',
    fill: { '#FirstName': 'Jane', '#LastName': 'Smith', '#Email': 'jane@example.com', '#Phone': '+31687654321', '#Company': 'Acme Inc.', '#Title': 'CTO' },
    userData: { ...JANE, phone: '+31687654321', companyName: 'Acme Inc.' },
    formData: { formName: 'mktoForm_1057', 'Job Title': 'CTO', formid: '1057' },
  },
  {
    page: 'shopify',
    fill: { '#ContactForm-name': 'Jane Smith', '#ContactForm-email': 'jane@example.com', '#ContactForm-phone': '0612345678', '#ContactForm-body': 'Call me' },
    userData: { ...JANE, phone: '0612345678' },
    formData: { formName: 'ContactForm', formMessage: 'Call me', form_type: 'contact' },
  },
];

for (const builder of builders) {
  test(`maps a ${builder.page} form to userData`, async ({ page, demo }) => {
    await page.goto(`${demo.url}/${builder.page}.html`);
    for (const [selector, value] of Object.entries(builder.fill)) {
      const field = page.locator(selector);
      if (value === true) await field.check();
      else if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
    await expectLead(
      demo,
      async () => {
        await page.locator('form [type="submit"], form button:not([type])').first().click();
        await page.waitForURL('**/thank-you');
      },
      { userData: builder.userData, formData: builder.formData, forbidden: [...(builder.forbidden ?? []), ...(builder.unmarked ? ['formOutcome'] : [])] },
    );
  });
}
