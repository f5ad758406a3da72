import { expect, it } from 'vitest';
import { formName } from '../../src/lead/form-name.js';

const all = { d: 'Quote request', n: 'quote', i: 'form-7', a: 'Get a quote', h: 'Contact us' };

it('takes the first found of data-lb-form-name, name, id, aria-label and heading', () => {
  expect(formName(all)).toBe('Quote request');
  expect(formName({ ...all, d: undefined })).toBe('quote');
  expect(formName({ ...all, d: '', n: undefined })).toBe('form-7');
  expect(formName({ a: 'Get a quote', h: 'Contact us' })).toBe('Get a quote');
  expect(formName({ h: 'Contact us' })).toBe('Contact us');
});

it('is empty without any candidate', () => {
  expect(formName({})).toBe('');
});

it('cuts a name to 200 characters', () => {
  expect(formName({ h: 'x'.repeat(300) })).toHaveLength(200);
});
