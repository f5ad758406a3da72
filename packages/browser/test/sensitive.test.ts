import { describe, expect, it } from 'vitest';
import { collectFields, type Field } from '../src/forms';
import { isLuhnValid, stripCards } from '../src/sensitive';

// Every kind of value the script must never capture (issue #4), each beside a contact field.
const NEVER_CAPTURED: [string, Field][] = [
  ['type=password', { name: 'pw', type: 'password', values: ['hunter2-secret'] }],
  ['autocomplete current-password', { name: 'x1', autocomplete: 'current-password', values: ['secret-current'] }],
  ['autocomplete new-password', { name: 'x2', autocomplete: 'new-password', values: ['secret-new'] }],
  ['autocomplete one-time-code', { name: 'x3', autocomplete: 'one-time-code', values: ['secret-otp-481516'] }],
  ['name password (type text)', { name: 'password', values: ['secret-text-pw'] }],
  ['autocomplete cc-number', { name: 'x4', autocomplete: 'cc-number', values: ['secret-ccnum'] }],
  ['autocomplete cc-csc', { name: 'x5', autocomplete: 'cc-csc', values: ['secret-ccsc'] }],
  ['autocomplete cc-exp', { name: 'x6', autocomplete: 'cc-exp', values: ['secret-12/29'] }],
  ['autocomplete cc-name', { name: 'x7', autocomplete: 'cc-name', values: ['secret-holder'] }],
  ['name card_number', { name: 'card_number', values: ['secret-card'] }],
  ['name cvc', { name: 'cvc', values: ['secret-cvc'] }],
  ['name cvv', { name: 'cvv', values: ['secret-cvv'] }],
  ['name iban', { name: 'iban', values: ['NL91ABNA0417164300'] }],
  ['label IBAN', { name: 'input_9', label: 'IBAN', values: ['secret-iban-label'] }],
  ['Luhn-valid value in any field', { name: 'reference', values: ['4111 1111 1111 1111'] }],
  ['Luhn-valid value inside a message', { name: 'notes', values: ['pay with 5500-0000-0000-0004 please'] }],
  ['name ssn', { name: 'ssn', values: ['secret-ssn'] }],
  ['name bsn', { name: 'bsn', values: ['secret-bsn'] }],
  ['label Social Security Number', { name: 'input_8', label: 'Social Security Number', values: ['secret-ssn-label'] }],
  ['_wpnonce', { name: '_wpnonce', type: 'hidden', values: ['secret-wpnonce'] }],
  ['csrf', { name: 'csrf', type: 'hidden', values: ['secret-csrf'] }],
  ['csrfmiddlewaretoken', { name: 'csrfmiddlewaretoken', type: 'hidden', values: ['secret-django'] }],
  ['authenticity_token', { name: 'authenticity_token', type: 'hidden', values: ['secret-rails'] }],
  ['__RequestVerificationToken', { name: '__RequestVerificationToken', type: 'hidden', values: ['secret-aspnet'] }],
  ['g-recaptcha-response', { name: 'g-recaptcha-response', type: 'textarea', values: ['secret-recaptcha'] }],
  ['h-captcha-response', { name: 'h-captcha-response', type: 'textarea', values: ['secret-hcaptcha'] }],
  ['cf-turnstile-response', { name: 'cf-turnstile-response', type: 'hidden', values: ['secret-turnstile'] }],
  ['wpforms[nonce]', { name: 'wpforms[nonce]', type: 'hidden', values: ['secret-wpforms-nonce'] }],
  ['wpforms[token]', { name: 'wpforms[token]', type: 'hidden', values: ['secret-wpforms-token'] }],
];

it('never captures passwords, card data, national ids or anti-forgery tokens', () => {
  for (const [name, field] of NEVER_CAPTURED) {
    const out = JSON.stringify(collectFields([{ name: 'email', type: 'email', values: ['jane@example.com'] }, field]));
    for (const secret of field.values) {
      for (const part of secret.split(' ').filter((p) => p.length > 3 && /\d|secret|NL91/.test(p))) {
        expect(out, name).not.toContain(part);
      }
    }
    expect(out, name).toContain('jane@example.com');
  }
});

describe('stripCards', () => {
  it('keeps phone numbers in international form, even when their digits pass Luhn', () => {
    // The digits 4915123456787 pass the Luhn check.
    expect(isLuhnValid('4915123456787')).toBe(true);
    expect(stripCards('+49 1512 3456787')).toBe('+49 1512 3456787');
    expect(stripCards('0049 1512 3456787')).toBe('0049 1512 3456787');
  });

  it('keeps numbers that fail the Luhn check', () => {
    expect(stripCards('order 4111 1111 1111 1112')).toBe('order 4111 1111 1111 1112');
  });
});

describe('isLuhnValid', () => {
  it('accepts test card numbers and rejects a changed digit', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
    expect(isLuhnValid('4111111111111121')).toBe(false);
  });
});
