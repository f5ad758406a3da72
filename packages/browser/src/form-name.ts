import type { FormNames } from './beacon';
import { textOf } from './read-form';

const HEADING = 'h1,h2,h3,h4,h5,h6';

/**
 * The candidates for the form's name; the endpoint takes the first found of `data-lb-form-name`,
 * the `name` and `id` attributes (attributes: an input named "name" shadows `form.name`),
 * `aria-label`, and the heading: the first inside the form, else the nearest before it.
 */
export function formNamesOf(form: HTMLFormElement): FormNames {
  const attr = (name: string) => form.getAttribute(name) || undefined;
  let h = textOf(form.querySelector(HEADING));
  for (let n: Element | null = form; n && !h; n = n.parentElement) {
    for (let s = n.previousElementSibling; s && !h; s = s.previousElementSibling) {
      h = textOf(s.matches(HEADING) ? s : [...s.querySelectorAll(HEADING)].pop());
    }
  }
  return { d: attr('data-lb-form-name'), n: attr('name'), i: attr('id'), a: attr('aria-label'), h: h || undefined };
}
