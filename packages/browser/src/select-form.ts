import type { Config } from './config';

/** The part of a form element the choice needs. */
export interface Selectable {
  matches(selector: string): boolean;
  closest(selector: string): unknown;
}

/**
 * Whether a submitted form is captured: not inside `[data-lb-ignore]`, matching `data-forms`
 * when set, not matching `data-exclude-forms`. An invalid selector throws a SyntaxError that
 * the caller's guard turns into a dropped event (the debug build prints it): capturing forms
 * the site owner tried to exclude would be worse than capturing none.
 */
export function shouldCapture(form: Selectable, { forms, excludeForms }: Pick<Config, 'forms' | 'excludeForms'>): boolean {
  return !form.closest('[data-lb-ignore]') && (!forms || form.matches(forms)) && !(excludeForms && form.matches(excludeForms));
}
