import { textOf } from './read-form';

const HEADING = 'h1,h2,h3,h4,h5,h6';

/**
 * The form's name for LeadTrackr, first found of: `data-lb-form-name`, the `name` and `id`
 * attributes (attributes: an input named "name" shadows `form.name`), `aria-label`, the first
 * heading inside the form, the nearest heading before it.
 */
export function formNameOf(form: HTMLFormElement): string {
  const attr = (name: string) => form.getAttribute(name);
  let name =
    attr('data-lb-form-name') ||
    attr('name') ||
    attr('id') ||
    attr('aria-label') ||
    textOf(form.querySelector(HEADING));
  for (let n: Element | null = form; n && !name; n = n.parentElement) {
    for (let s = n.previousElementSibling; s && !name; s = s.previousElementSibling) {
      name = textOf(s.matches(HEADING) ? s : [...s.querySelectorAll(HEADING)].pop());
    }
  }
  return name.slice(0, 200);
}
