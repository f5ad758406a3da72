import type { Config } from './config';

/** The part of a form element the choice needs. */
export interface Selectable {
  matches(selector: string): boolean;
  closest(selector: string): unknown;
}

/**
 * Whether a submitted form is captured: not inside `[data-lb-ignore]`, matching `data-forms`
 * when set, not matching `data-exclude-forms`. A selector the browser cannot parse counts as
 * matching every form: a typo in `data-forms` must not lose every lead, and a typo in
 * `data-exclude-forms` must not send forms the site owner meant to keep out.
 */
export function shouldCapture(form: Selectable, { forms, excludeForms }: Pick<Config, 'forms' | 'excludeForms'>): boolean {
  const matches = (selector: string) => {
    try {
      return form.matches(selector);
    } catch {
      return true;
    }
  };
  return !form.closest('[data-lb-ignore]') && (!forms || matches(forms)) && !(excludeForms && matches(excludeForms));
}
