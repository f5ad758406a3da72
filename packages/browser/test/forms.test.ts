import { describe, expect, it } from 'vitest';
import { collectFields } from '../src/forms';

describe('collectFields', () => {
  it('maps common field names to userData', () => {
    const { userData } = collectFields([
      ['first_name', 'Jane'],
      ['last_name', 'Smith'],
      ['email', 'jane@example.com'],
      ['phone', '+31687654321'],
      ['company', 'Acme Inc.'],
    ]);
    expect(userData).toEqual({
      firstName: 'Jane',
      lastName: 'Smith',
      email: 'jane@example.com',
      phone: '+31687654321',
      companyName: 'Acme Inc.',
    });
  });

  it('puts the message into formMessage and other fields into formData', () => {
    const { formData } = collectFields([
      ['message', 'Call me'],
      ['budget', '10k'],
    ]);
    expect(formData).toEqual({ formMessage: 'Call me', budget: '10k' });
  });

  it('keeps repeated fields as an array', () => {
    expect(collectFields([['topic', 'a'], ['topic', 'b']]).formData).toEqual({ topic: ['a', 'b'] });
  });

  it('skips empty values and files', () => {
    expect(collectFields([['a', ''], ['b', {}]]).formData).toEqual({});
  });
});
