import { attempt } from './attempt';
import type { Config } from './config';

/** Why a form is not captured: 0 it is, 1 inside `[data-lb-ignore]`, 2 not matching `data-forms`, 3 matching `data-exclude-forms`. */
export type SkipReason = 0 | 1 | 2 | 3;

/**
 * Which rule keeps a submitted form out, 0 when none does (the form is captured), given the form's
 * `matches` (Element.matches called on the form: a control named "matches" hides the form's own):
 * inside `[data-lb-ignore]`, not matching `data-forms` when set, matching `data-exclude-forms`. A
 * selector the browser cannot parse counts as matching every form: a typo in `data-forms` must
 * not lose every lead, and a typo in `data-exclude-forms` must not send forms the site owner
 * meant to keep out. A number, not a message: the debug view names it; the script needs 0 or not.
 */
export function skipReason(matches: (selector: string) => boolean, { forms, excludeForms }: Pick<Config, 'forms' | 'excludeForms'>): SkipReason {
  const test = (selector: string) => attempt(() => matches(selector), true);
  // The form itself or an ancestor: what closest('[data-lb-ignore]') finds, with one method fewer to take.
  return matches('[data-lb-ignore],[data-lb-ignore] *') ? 1 : forms && !test(forms) ? 2 : excludeForms && test(excludeForms) ? 3 : 0;
}
