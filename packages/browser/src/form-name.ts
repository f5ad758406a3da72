import type { FormNames } from './beacon';
import { getAttribute, getRootNode, querySelector, textOf } from './read-form';

const HEADING = 'h1,h2,h3,h4,h5,h6';

/**
 * The candidates for the form's name; the endpoint takes the first found of `data-lb-form-name`,
 * the `name` and `id` attributes, `aria-label`, and the heading: the first inside the form, else the
 * nearest before it in the document (or shadow root). The form is read through the prototypes'
 * methods (read-form.ts): an input named "name", "querySelector" or "parentElement" shadows the form's own.
 */
export function formNamesOf(form: HTMLFormElement): FormNames {
  const attr = (name: string) => getAttribute.call(form, name) || undefined;
  const h =
    textOf(querySelector.call(form, HEADING)) ||
    textOf(
      [].filter
        // 4 is DOCUMENT_POSITION_FOLLOWING: the form comes after the heading.
        .call((getRootNode.call(form) as ParentNode).querySelectorAll(HEADING), (heading: Node) => heading.compareDocumentPosition(form) & 4)
        .pop(),
    );
  return { d: attr('data-lb-form-name'), n: attr('name'), i: attr('id'), a: attr('aria-label'), h: h || undefined };
}
