import { expect, it } from 'vitest';
import { normalize } from '../src/normalize.js';

it('takes accents off, splits camelCase, lower-cases and turns everything else into spaces', () => {
  expect(normalize('Téléphone')).toBe('telephone');
  expect(normalize('FirstName')).toBe('first name');
  expect(normalize('cardNumber')).toBe('card number');
  expect(normalize('contact[email]')).toBe('contact email ');
  expect(normalize('cc-csc')).toBe('cc csc');
});
