import { describe, expect, it } from 'vitest';
import type { Field } from '../src/beacon';
import { isBuilderToken } from '../src/builder-token';
import { pickFields } from '../src/pick-fields';

describe('isBuilderToken, then pickFields, on the fields of a builder form', () => {
  const hidden = (n: string, value: string): Field => ({ n, t: 'hidden', v: [value] });
  const picked = (field: Field) => pickFields([{ n: 'email', t: 'email', v: ['jane@example.com'] }, field].filter((f) => !isBuilderToken(f))).fields.map((f) => f.n);

  // Per-form security tokens under names that say neither nonce nor token, as the builders name them.
  it.each([
    ['Formidable frm_submit_entry_5 (a WordPress nonce)', hidden('frm_submit_entry_5', '7f4e2a9c1b')],
    ['Gravity Forms state_1', hidden('state_1', 'WyJbXSIsIjk2ZTA4ZjFmZjE5ZjM4NjVkYWM2ZDBmOGE4NTc2YjU5Il0=')],
    ['Gravity Forms gform_unique_id', hidden('gform_unique_id', '6571f0c2a4b1e')],
    ['Drupal form_build_id', hidden('form_build_id', 'form-Xk3Jd9aQ2mZ7pL0vR8sT1uW4yB6cE5fG')],
    ['Ninja Forms / custom security field', hidden('security', 'a3f9c2e18b')],
    ['a base64 signature', hidden('sig', 'qL8R3nW0ZzT6yV1xK4mP9bJ2cH7gF5dA')],
  ])('never sends %s', (_, field) => {
    expect(picked(field)).toEqual(['email']);
  });

  // Hidden fields a site owner adds on purpose, and the builders' own harmless ones.
  it.each([
    ['a plan', hidden('plan', 'pro-annual')],
    ['a product', hidden('product', 'Solar panels 400W')],
    ['a campaign code', hidden('campaign', 'SPRING2025')],
    ['a UTM campaign', hidden('utm_campaign', 'summer_sale_2025_newsletter')],
    ['a Salesforce org id', hidden('oid', '00D5g000004XXXX')],
    ['WPForms page_title', hidden('page_title', 'Contact')],
    ['Elementor form_id', hidden('form_id', '4f3e2a1')],
    ['Elementor post_id', hidden('post_id', '1234')],
    ['a visible text field holding a hex-looking value', { n: 'reference', t: 'text', v: ['7f4e2a9c1b'] }],
  ])('still sends %s', (_, field) => {
    expect(picked(field)).toEqual(['email', field.n]);
  });
});
