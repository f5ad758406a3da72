import type { Field } from './beacon';

type Control = HTMLInputElement & HTMLSelectElement;

// A form's controls are its properties too: one named "elements", "getAttribute" or "matches" hides
// the form's own (DOM clobbering). So forms are read through the prototypes' methods, taken at
// start-up, and their controls by index (a name never hides an index). Controls have no named properties.
// getRootNode is Node's and addEventListener EventTarget's (index.ts's listeners), both inherited:
// one object to take them all from.
export const { matches, getAttribute, querySelector, getRootNode, addEventListener } = Element.prototype;

/**
 * Reads a form's controls as plain fields: the DOM edge of form capture. Buttons, files,
 * disabled controls and anything inside `[data-lb-ignore]` are never read. Absent attributes
 * are undefined, so JSON leaves them out of the beacon.
 */
export function readForm(form: HTMLFormElement): Field[] {
  const fields: Field[] = [];
  for (let i = 0, el: Control; (el = form[i++] as Control); ) {
    const { type, name } = el;
    const attr = (name: string) => el.getAttribute(name) || undefined;
    const isBox = /^(checkbox|radio)$/.test(type);
    if (name && !el.disabled && !/^(submit|button|reset|image|file)$/.test(type) && !el.closest('[data-lb-ignore]')) {
      fields.push({
        n: name,
        t: type,
        v: el.selectedOptions ? [...el.selectedOptions].map((o) => o.value) : !isBox || el.checked ? [el.value] : [],
        a: attr('autocomplete'),
        i: attr('id'),
        p: attr('placeholder'),
        // A box's own label names the option ("Yes"); its group's legend names the question.
        l: isBox
          ? textOf((el.closest('fieldset') || el).querySelector('legend')) || undefined
          : [].map.call(el.labels || [], textOf).join(' ') || attr('aria-label'),
        f: attr('data-lb-field'),
      });
    }
  }
  return fields;
}

/** Visible text of a label, without the options of a menu or the value of a field inside it. */
export function textOf(node: Node | null | undefined): string {
  return !node
    ? ''
    : node.nodeType == 3
      ? (node as Text).data
      : /^(SELECT|TEXTAREA|SCRIPT|STYLE)$/.test(node.nodeName)
        ? ''
        : [...node.childNodes].map(textOf).join('').replace(/\s+/g, ' ').trim();
}
