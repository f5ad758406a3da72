import { normalize } from '@leadbeacon/rules';
import type { Field } from './beacon';

// Card data, national id numbers, anti-forgery and captcha tokens (and passwords a text field
// holds), matched on the normalised name, id, autocomplete and label. Stems keep it small:
// "pass ?[wcp]" is password, passwort, passcode, passport. Token fields whose name starts with "_"
// (_wpnonce, __RequestVerificationToken, __VIEWSTATE) never get here (pick-fields.ts skips them).
// Losing a harmless field is cheaper than leaking one.
const SENSITIVE =
  /pass ?[wcp]|pwd|\bpin\b|one time|\bcc |card|\bcv[cvn]|\bcsc|secur|iban|\b[bs]sn\b|burgerserv|sofi|national id|\bdni\b|[cx]srf|nonce|captcha|turnstile|token/;

/** True for a password, card, national id or anti-forgery field: its value is never read. */
export function isSensitive({ t, n, i, a, l }: Field): boolean {
  return t == 'password' || SENSITIVE.test(normalize(` ${[n, i, a, l].join(' ')} `));
}


/**
 * Removes every run of 13 to 19 digits (spaces or dashes between) that passes the Luhn check: a
 * card number in any field, even inside a message. A run right after `+` or another digit is the
 * tail of a phone number (card numbers never start with 0; international numbers start with + or 00).
 */
export function stripCards(value: string): string {
  return value.replace(/(^|[^+\d])([1-9](?:[ -]?\d){12,18})(?!\d)/g, (run, before: string, digits: string) =>
    isLuhnValid(digits) ? before : run,
  );
}

/** The Luhn (mod 10) check of ISO/IEC 7812 card numbers; non-digits are ignored. */
export function isLuhnValid(number: string): boolean {
  let sum = 0;
  let odd = 1;
  for (const c of number.replace(/\D/g, '').split('').reverse()) sum += (odd ^= 1) ? +'0246813579'[+c]! : +c;
  return sum % 10 == 0;
}
