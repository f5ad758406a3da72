import { describe, expect, it } from 'vitest';
import type { Field } from '../src/beacon';
import { pickFields } from '../src/pick-fields';
import { isLuhnValid, stripCards } from '../src/sensitive';

// Every kind of value the script must never capture (issue #4), each beside a contact field.
const NEVER_CAPTURED: [string, Field][] = [
  ['type=password', { n: 'pw', t: 'password', v: ['hunter2-secret'] }],
  ['autocomplete current-password', { n: 'x1', a: 'current-password', v: ['secret-current'] }],
  ['autocomplete new-password', { n: 'x2', a: 'new-password', v: ['secret-new'] }],
  ['autocomplete one-time-code', { n: 'x3', a: 'one-time-code', v: ['secret-otp-481516'] }],
  ['name password (type text)', { n: 'password', v: ['secret-text-pw'] }],
  ['autocomplete cc-number', { n: 'x4', a: 'cc-number', v: ['secret-ccnum'] }],
  ['autocomplete cc-csc', { n: 'x5', a: 'cc-csc', v: ['secret-ccsc'] }],
  ['autocomplete cc-exp', { n: 'x6', a: 'cc-exp', v: ['secret-12/29'] }],
  ['autocomplete cc-name', { n: 'x7', a: 'cc-name', v: ['secret-holder'] }],
  ['name card_number', { n: 'card_number', v: ['secret-card'] }],
  ['name cvc', { n: 'cvc', v: ['secret-cvc'] }],
  ['name cvv', { n: 'cvv', v: ['secret-cvv'] }],
  ['name iban', { n: 'iban', v: ['NL91ABNA0417164300'] }],
  ['label IBAN', { n: 'input_9', l: 'IBAN', v: ['secret-iban-label'] }],
  ['Luhn-valid value in any field', { n: 'reference', v: ['4111 1111 1111 1111'] }],
  ['Luhn-valid value inside a message', { n: 'notes', v: ['pay with 5500-0000-0000-0004 please'] }],
  ['name ssn', { n: 'ssn', v: ['secret-ssn'] }],
  ['name bsn', { n: 'bsn', v: ['secret-bsn'] }],
  ['label Social Security Number', { n: 'input_8', l: 'Social Security Number', v: ['secret-ssn-label'] }],
  ['_wpnonce', { n: '_wpnonce', t: 'hidden', v: ['secret-wpnonce'] }],
  ['csrf', { n: 'csrf', t: 'hidden', v: ['secret-csrf'] }],
  ['csrfmiddlewaretoken', { n: 'csrfmiddlewaretoken', t: 'hidden', v: ['secret-django'] }],
  ['authenticity_token', { n: 'authenticity_token', t: 'hidden', v: ['secret-rails'] }],
  ['__RequestVerificationToken', { n: '__RequestVerificationToken', t: 'hidden', v: ['secret-aspnet'] }],
  ['g-recaptcha-response', { n: 'g-recaptcha-response', t: 'textarea', v: ['secret-recaptcha'] }],
  ['h-captcha-response', { n: 'h-captcha-response', t: 'textarea', v: ['secret-hcaptcha'] }],
  ['cf-turnstile-response', { n: 'cf-turnstile-response', t: 'hidden', v: ['secret-turnstile'] }],
  ['wpforms[nonce]', { n: 'wpforms[nonce]', t: 'hidden', v: ['secret-wpforms-nonce'] }],
  ['wpforms[token]', { n: 'wpforms[token]', t: 'hidden', v: ['secret-wpforms-token'] }],
];

it('never lets passwords, card data, national ids or anti-forgery tokens leave the page', () => {
  for (const [name, field] of NEVER_CAPTURED) {
    const out = JSON.stringify(pickFields([{ n: 'email', t: 'email', v: ['jane@example.com'] }, field]));
    for (const secret of field.v) {
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

