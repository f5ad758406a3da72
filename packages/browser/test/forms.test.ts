import { describe, expect, it } from 'vitest';
import { collectFields, readableKey, type Field } from '../src/forms';

const text = (name: string, value: string, more: Partial<Field> = {}): Field => ({ name, values: [value], ...more });

describe('collectFields', () => {
  it('maps common field names to userData', () => {
    const { userData } = collectFields([
      text('first_name', 'Jane'),
      text('last_name', 'Smith'),
      text('email', 'jane@example.com'),
      text('phone', '+31687654321'),
      text('company', 'Acme Inc.'),
    ]);
    expect(userData).toEqual({ firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321', companyName: 'Acme Inc.' });
  });

  it('puts the message into formMessage and other fields into formData under their label', () => {
    const { formData } = collectFields([
      text('message', 'Call me', { type: 'textarea' }),
      text('input_4', '10k', { label: 'Budget *' }),
    ]);
    expect(formData).toEqual({ formMessage: 'Call me', Budget: '10k' });
  });

  it('splits a single full-name field into first and last name', () => {
    expect(collectFields([text('your-name', 'Jane van der Berg')]).userData).toEqual({ firstName: 'Jane', lastName: 'van der Berg' });
  });

  it('lets separate first and last name fields win over a full-name field', () => {
    const { userData } = collectFields([text('name', 'J. Smith'), text('FNAME', 'Jane')]);
    expect(userData).toEqual({ firstName: 'Jane', lastName: 'Smith' });
  });

  it('keeps the first email and files a second one (a confirmation) under its label', () => {
    const { userData, formData } = collectFields([
      text('email', 'a@example.com', { type: 'email' }),
      text('email2', 'a@example.com', { type: 'email', label: 'Confirm email' }),
    ]);
    expect(userData).toEqual({ email: 'a@example.com' });
    expect(formData).toEqual({ 'Confirm email': 'a@example.com' });
  });

  it('groups ticked boxes under their legend as an array (Gravity Forms names each box apart)', () => {
    const box = (n: number, value: string, checked: boolean): Field => ({ name: `input_5.${n}`, type: 'checkbox', label: 'Services', values: checked ? [value] : [] });
    expect(collectFields([box(1, 'Solar', true), box(2, 'Battery', false), box(3, 'Heat pump', true)]).formData).toEqual({ Services: ['Solar', 'Heat pump'] });
  });

  it('keeps a multi-select with several values as an array and a single value as a string', () => {
    const { formData } = collectFields([
      { name: 'topics', type: 'select-multiple', values: ['a', 'b'] },
      { name: 'services[]', type: 'checkbox', values: ['Solar'] },
    ]);
    expect(formData).toEqual({ topics: ['a', 'b'], services: 'Solar' });
  });

  it('skips empty values and framework internals starting with _', () => {
    expect(collectFields([text('a', ''), text('_wpcf7_unit_tag', 'wpcf7-f1-p2-o1'), text('b', '  ')]).formData).toEqual({});
  });

  it('reports the honeypot as hp, even empty, and never in formData', () => {
    expect(collectFields([text('email', 'a@b.c'), text('lb_hp', '')], 'lb_hp')).toEqual({ userData: { email: 'a@b.c' }, formData: {}, hp: '' });
    expect(collectFields([text('website', 'spam.example')], 'website')).toMatchObject({ formData: {}, hp: 'spam.example' });
  });

  it('takes uniqueIdentifier only from a field marked data-lb-field', () => {
    const out = collectFields([text('crm_id', 'crm-123', { type: 'hidden', lbField: 'uniqueIdentifier' }), text('order_id', '9')]);
    expect(out.uniqueIdentifier).toBe('crm-123');
    expect(out.formData).toEqual({ order_id: '9' });
  });

  it('maps hidden fields only through data-lb-field', () => {
    const out = collectFields([text('email', 'x@y.z', { type: 'hidden' }), text('x', 'Jane', { type: 'hidden', lbField: 'firstName' })]);
    expect(out.userData).toEqual({ firstName: 'Jane' });
    expect(out.formData).toEqual({ email: 'x@y.z' });
  });
});

describe('readableKey', () => {
  it('prefers the label, without required markers', () => {
    expect(readableKey({ name: 'input_3', values: [], label: '* Budget (Required):' })).toBe('Budget');
  });

  it('falls back to the name without [] and then the id', () => {
    expect(readableKey({ name: 'services[]', values: [] })).toBe('services');
    expect(readableKey({ name: '', id: 'f1', values: [] })).toBe('f1');
  });
});
