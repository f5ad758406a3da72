import { describe, expect, it } from 'vitest';
import type { Field } from '../src/beacon';
import { pickFields } from '../src/pick-fields';

const text = (n: string, value: string, more: Partial<Field> = {}): Field => ({ n, v: [value], ...more });

describe('pickFields', () => {
  it('keeps every other field as read, with trimmed values', () => {
    const field = text('input_4', '  10k ', { t: 'text', l: 'Budget *', i: 'input_1_4', p: 'e.g. 10k', a: 'off', f: 'formMessage' });
    expect(pickFields([field]).fields).toEqual([{ ...field, v: ['10k'] }]);
  });

  it('leaves out empty values, empty fields and framework internals starting with _', () => {
    const box = { n: 'services[]', t: 'checkbox', v: ['', 'Solar'] };
    expect(pickFields([text('a', ''), text('_wpcf7_unit_tag', 'wpcf7-f1-p2-o1'), text('b', '  '), { n: 'c', v: [] }, box]).fields).toEqual([{ ...box, v: ['Solar'] }]);
  });

  it('puts contact fields first (by type, autocomplete, name or data-lb-field), each group in the form’s order', () => {
    const fields = [
      text('budget', '10k'),
      text('input_3', 'jane@example.com', { t: 'email' }),
      text('notes', 'hi'),
      text('input_5', 'Jane', { a: 'given-name' }),
      text('telefono', '+34 612 345 678'),
      text('input_7', 'crm-1', { f: 'uniqueIdentifier' }),
      text('your-name', 'Jane Smith'),
    ];
    expect(pickFields(fields).fields.map((f) => f.n)).toEqual(['input_3', 'input_5', 'telefono', 'input_7', 'your-name', 'budget', 'notes']);
  });

  it('reads a list even when the page broke the array iterator', () => {
    const iterator = Array.prototype[Symbol.iterator];
    const fields = [text('email', 'a@b.c')];
    Array.prototype[Symbol.iterator] = () => {
      throw new Error('broken');
    };
    let picked;
    try {
      picked = pickFields(fields);
    } finally {
      Array.prototype[Symbol.iterator] = iterator;
    }
    expect(picked.fields).toEqual(fields);
  });

  it('removes card numbers from values', () => {
    expect(pickFields([text('notes', 'pay with 4111 1111 1111 1111 please')]).fields[0]!.v).toEqual(['pay with  please']);
  });

  it('reports the honeypot as hp, even empty, and never as a field', () => {
    expect(pickFields([text('email', 'a@b.c'), text('lb_hp', '')], 'lb_hp')).toEqual({ fields: [text('email', 'a@b.c')], hp: '' });
    expect(pickFields([text('website', 'spam.example')], 'website')).toEqual({ fields: [], hp: 'spam.example' });
  });

  it('reports no hp when the form has no honeypot field', () => {
    expect('hp' in pickFields([text('email', 'a@b.c')], 'lb_hp')).toBe(false);
  });
});
