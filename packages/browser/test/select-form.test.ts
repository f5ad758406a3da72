import { expect, it } from 'vitest';
import { skipReason, type Selectable } from '../src/select-form';

const shouldCapture = (...args: Parameters<typeof skipReason>) => skipReason(...args) == 0;

// A form that "matches" the selectors listed in `classes` (as `.name`), like Element.matches.
const form = (classes: string[], ignored = false): Selectable => ({
  matches: (selector) => selector.split(',').some((s) => classes.includes(s.trim())),
  closest: (selector) => (selector == '[data-lb-ignore]' && ignored ? {} : null),
});
const config = (forms = '', excludeForms = '') => ({ forms, excludeForms });

it('captures every form by default', () => {
  expect(shouldCapture(form([]), config())).toBe(true);
});

it('captures only forms matching data-forms', () => {
  expect(shouldCapture(form(['.lead']), config('.lead, .quote'))).toBe(true);
  expect(shouldCapture(form(['.search']), config('.lead, .quote'))).toBe(false);
});

it('skips forms matching data-exclude-forms', () => {
  expect(shouldCapture(form(['.newsletter']), config('', '.newsletter'))).toBe(false);
});

it('skips a form inside data-lb-ignore', () => {
  expect(shouldCapture(form([], true), config())).toBe(false);
});

// Element.matches throws a SyntaxError for a selector it cannot parse.
const strict = (): Selectable => ({
  matches: (selector) => {
    if (selector.endsWith(',')) throw new SyntaxError(`'${selector}' is not a valid selector`);
    return false;
  },
  closest: () => null,
});

it('captures every form when data-forms cannot be parsed, rather than lose every lead', () => {
  expect(shouldCapture(strict(), config('.lead,'))).toBe(true);
});

it('captures no form when data-exclude-forms cannot be parsed, rather than send excluded ones', () => {
  expect(shouldCapture(strict(), config('', '.newsletter,'))).toBe(false);
});

it('names the rule that keeps a form out', () => {
  expect(skipReason(form([], true), config('.lead', '.lead'))).toBe(1);
  expect(skipReason(form(['.search']), config('.lead'))).toBe(2);
  expect(skipReason(form(['.newsletter']), config('', '.newsletter'))).toBe(3);
  expect(skipReason(form(['.lead']), config('.lead', '.newsletter'))).toBe(0);
});
