import { describe, expect, it } from 'vitest';
import { collectFields, hasContactData, MAX_FIELDS, readableKey, TRIMMED_NOTE, trimFields, type Field } from '../../src/lead/fields.js';

const text = (n: string, value: string, more: Partial<Field> = {}): Field => ({ n, v: [value], ...more });

describe('collectFields', () => {
  it.each(['Your request', 'Details', 'Waar kunnen we je mee helpen?', 'Projectomschrijving'])("takes a form's only textarea as its message whatever its label: %s", (label) => {
    const { formData } = collectFields([text('your-name', 'Jane'), text('textarea-123', 'Call me', { t: 'textarea', l: label }), text('input_4', '10k', { l: 'Budget' })]);
    expect(formData).toEqual({ formMessage: 'Call me', Budget: '10k' });
  });

  it('keeps two textareas under their labels when neither says message', () => {
    const { formData } = collectFields([text('a', 'Street 1', { t: 'textarea', l: 'Address' }), text('b', 'Ring twice', { t: 'textarea', l: 'Delivery notes' })]);
    expect(formData).toEqual({ Address: 'Street 1', 'Delivery notes': 'Ring twice' });
  });

  it('lets data-lb-field name the only textarea something else', () => {
    const { formData, userData } = collectFields([text('a', 'Acme', { t: 'textarea', l: 'Details', f: 'companyName' })]);
    expect(userData).toEqual({ companyName: 'Acme' });
    expect(formData).toEqual({});
  });

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
    const { formData } = collectFields([text('message', 'Call me', { t: 'textarea' }), text('input_4', '10k', { l: 'Budget *' })]);
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
      text('email', 'a@example.com', { t: 'email' }),
      text('email2', 'a@example.com', { t: 'email', l: 'Confirm email' }),
    ]);
    expect(userData).toEqual({ email: 'a@example.com' });
    expect(formData).toEqual({ 'Confirm email': 'a@example.com' });
  });

  it('groups ticked boxes under their legend as an array (Gravity Forms names each box apart)', () => {
    const box = (n: number, value: string, checked: boolean): Field => ({ n: `input_5.${n}`, t: 'checkbox', l: 'Services', v: checked ? [value] : [] });
    expect(collectFields([box(1, 'Solar', true), box(2, 'Battery', false), box(3, 'Heat pump', true)]).formData).toEqual({ Services: ['Solar', 'Heat pump'] });
  });

  it('keeps a multi-select with several values as an array and a single value as a string', () => {
    const { formData } = collectFields([
      { n: 'topics', t: 'select-multiple', v: ['a', 'b'] },
      { n: 'services[]', t: 'checkbox', v: ['Solar'] },
    ]);
    expect(formData).toEqual({ topics: ['a', 'b'], services: 'Solar' });
  });

  it('skips empty values and framework internals starting with _', () => {
    expect(collectFields([text('a', ''), text('_wpcf7_unit_tag', 'wpcf7-f1-p2-o1'), text('b', '  ')]).formData).toEqual({});
  });

  it('takes uniqueIdentifier only from a field marked data-lb-field', () => {
    const out = collectFields([text('crm_id', 'crm-123', { t: 'hidden', f: 'uniqueIdentifier' }), text('order_id', '9')]);
    expect(out.uniqueIdentifier).toBe('crm-123');
    expect(out.formData).toEqual({ order_id: '9' });
  });

  it('maps hidden fields only through data-lb-field', () => {
    const out = collectFields([text('email', 'x@y.z', { t: 'hidden' }), text('x', 'Jane', { t: 'hidden', f: 'firstName' })]);
    expect(out.userData).toEqual({ firstName: 'Jane' });
    expect(out.formData).toEqual({ email: 'x@y.z' });
  });

  it('maps the JS API’s fields, which carry only a name and values', () => {
    const out = collectFields([text('email', 'chat@example.com'), text('budget', '5000'), { n: 'topics', v: ['solar', 'battery'] }]);
    expect(out).toEqual({ userData: { email: 'chat@example.com' }, formData: { budget: '5000', topics: ['solar', 'battery'] } });
  });

  it('cuts values to LeadTrackr’s caps', () => {
    const out = collectFields([
      text('first_name', 'f'.repeat(300)),
      text('phone', '1'.repeat(80)),
      text('message', 'm'.repeat(20_000)),
      { n: 'tags', v: Array.from({ length: 150 }, () => 't'.repeat(2_000)) },
      text('notes', 'n'.repeat(20_000)),
      text('crm', 'u'.repeat(300), { f: 'uniqueIdentifier' }),
    ]);
    expect(out.userData.firstName).toHaveLength(200);
    expect(out.userData.phone).toHaveLength(50);
    expect(out.formData.formMessage).toHaveLength(10_000);
    expect(out.formData.tags).toHaveLength(100);
    expect((out.formData.tags as string[])[0]).toHaveLength(1_000);
    expect(out.formData.notes).toHaveLength(10_000);
    expect(out.uniqueIdentifier).toHaveLength(255);
  });

  it('keeps at most 99 formData keys, leaving one for formName, the last saying what was left out', () => {
    const fields = Array.from({ length: 150 }, (_, i) => text(`f${i}`, 'v'));
    const { formData } = collectFields([text('message', 'hi'), ...fields]);
    expect(Object.keys(formData)).toHaveLength(99);
    expect(Object.keys(formData).slice(-2)).toEqual(['f96', 'trimmed']);
    expect(formData.trimmed).toBe(TRIMMED_NOTE);
  });

  it('says so in formData when the beacon was trimmed before, or a list is over 100 items', () => {
    expect(collectFields([text('email', 'a@b.c')], true).formData).toEqual({ trimmed: TRIMMED_NOTE });
    const list = { n: 'services', v: Array.from({ length: 101 }, (_, i) => `s${i}`) };
    expect(collectFields([list]).formData.trimmed).toBe(TRIMMED_NOTE);
    expect(collectFields([{ ...list, v: list.v.slice(0, 100) }]).formData.trimmed).toBeUndefined();
  });

  it('files labels such as __proto__ and constructor as ordinary keys', () => {
    const { formData } = collectFields([text('a', '1', { l: '__proto__' }), text('b', '2', { l: 'constructor' })]);
    expect(Object.getPrototypeOf(formData)).toBe(Object.prototype);
    expect(Object.keys(formData)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('trimFields', () => {
  const filler = (count: number, prefix = 'extra') => Array.from({ length: count }, (_, i) => text(`${prefix}_${i}`, 'x'));

  it('leaves fields within the limits as they are', () => {
    const fields = [text('email', 'a@b.c'), ...filler(999)];
    expect(trimFields(fields)).toEqual({ fields, trimmed: false });
  });

  it('keeps every contact field wherever it is, then the first others, in the form’s order', () => {
    const email = text('email', 'jane@example.com');
    const name = text('input_9', 'Jane Smith', { l: 'Full name' });
    const message = text('input_10', 'Call me', { t: 'textarea', l: 'Message' });
    const { fields, trimmed } = trimFields([...filler(600, 'a'), name, ...filler(600, 'b'), email, message]);
    expect(trimmed).toBe(true);
    expect(fields).toHaveLength(MAX_FIELDS);
    // 997 others fit beside the three contact fields: all 600 before the name, 397 after it.
    expect(fields[600]).toEqual(name);
    expect(fields.slice(-3)).toEqual([text('b_396', 'x'), email, message]);
  });

  it('cuts a field’s values to the first 1,000', () => {
    const { fields, trimmed } = trimFields([{ n: 'tags', v: Array.from({ length: 1_001 }, (_, i) => `t${i}`) }]);
    expect(trimmed).toBe(true);
    expect(fields[0]!.v).toHaveLength(1_000);
    expect(fields[0]!.v.at(-1)).toBe('t999');
  });
});

describe('hasContactData', () => {
  it('is true with a userData key or a uniqueIdentifier and false for a search box', () => {
    expect(hasContactData(collectFields([text('email', 'a@b.c', { t: 'email' })]))).toBe(true);
    expect(hasContactData(collectFields([text('crm', 'c-1', { t: 'hidden', f: 'uniqueIdentifier' })]))).toBe(true);
    expect(hasContactData(collectFields([text('q', 'solar panels', { t: 'search' })]))).toBe(false);
    expect(hasContactData(collectFields([text('username', 'jane')]))).toBe(false);
  });
});

describe('readableKey', () => {
  it('prefers the label, without required markers', () => {
    expect(readableKey({ n: 'input_3', v: [], l: '* Budget (Required):' })).toBe('Budget');
  });

  it('falls back to the name without [] and then the id', () => {
    expect(readableKey({ n: 'services[]', v: [] })).toBe('services');
    expect(readableKey({ n: '', i: 'f1', v: [] })).toBe('f1');
  });
});
