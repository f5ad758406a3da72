import type { Field } from './beacon';
import { isSensitive, stripCards } from './sensitive';

export interface Picked {
  /** What may leave the page: trimmed, card numbers removed, empty values and fields left out. */
  fields: Field[];
  /** The honeypot field's value, present (maybe empty) when the form has that field. */
  hp?: string;
}

// Contact details by type, autocomplete or name: email, tel, given-name, phone_number, nombre,
// voornaam; and any field data-lb-field maps. A cheap guess: the endpoint maps precisely; this only
// decides what goes first.
const CONTACT = /mail|tel|phone|na?am|nom/i;

/**
 * Chooses what of a form leaves the page; the endpoint maps it (packages/server/src/lead/fields.ts).
 * Leaves out sensitive fields (here, so their data never leaves the page), framework internals
 * (names starting with `_`: `_wpnonce`, `__VIEWSTATE`) and the honeypot, reported as `hp` instead.
 * Puts contact fields first, each group in the form's order: a form too big to send whole loses
 * its last fields (fit-beacon.ts), never its contact details.
 */
export function pickFields(fields: Field[], honeypot = ''): Picked {
  const out: Picked = { fields: [] };
  let contacts = 0;
  // forEach, not for-of: a page may have broken the array iterator.
  fields.forEach((field) => {
    const { n, t, a, f } = field;
    if (n == honeypot) out.hp = field.v.join(' ');
    else if (n[0] != '_' && !isSensitive(field)) {
      const v = field.v.map((value) => stripCards(value.trim())).filter(Boolean);
      // Past the end (Infinity) splice appends.
      if (v[0]) out.fields.splice(f || CONTACT.test([n, t, a].join()) ? contacts++ : Infinity, 0, { ...field, v });
    }
  });
  return out;
}
