import type { Config } from './config';

/** The part of a form element the choice needs. */
export interface Selectable {
  matches(selector: string): boolean;
  closest(selector: string): unknown;
}

/** Why a form is not captured: 0 it is, 1 inside `[data-lb-ignore]`, 2 not matching `data-forms`, 3 matching `data-exclude-forms`. */
export type SkipReason = 0 | 1 | 2 | 3;

/**
 * Which rule keeps a submitted form out, 0 when none does (the form is captured): inside
 * `[data-lb-ignore]`, not matching `data-forms` when set, matching `data-exclude-forms`. A
 * selector the browser cannot parse counts as matching every form: a typo in `data-forms` must
 * not lose every lead, and a typo in `data-exclude-forms` must not send forms the site owner
 * meant to keep out. A number, not a message: the debug view names it; the script needs 0 or not.
 */
export function skipReason(form: Selectable, { forms, excludeForms }: Pick<Config, 'forms' | 'excludeForms'>): SkipReason {
  const matches = (selector: string) => {
    try {
      return form.matches(selector);
    } catch {
      return true;
    }
  };
  return form.closest('[data-lb-ignore]') ? 1 : forms && !matches(forms) ? 2 : excludeForms && matches(excludeForms) ? 3 : 0;
}
