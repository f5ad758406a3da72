import type { Field } from './beacon';
import { isSensitive, stripCards } from './sensitive';

export interface Picked {
  /** What may leave the page: trimmed, card numbers removed, empty values and fields left out. */
  fields: Field[];
  /** The honeypot field's value, present (maybe empty) when the form has that field. */
  hp?: string;
}

/**
 * Chooses what of a form leaves the page; the endpoint maps it (packages/server/src/lead/fields.ts).
 * Leaves out sensitive fields (here, so their data never leaves the page), framework internals
 * (names starting with `_`: `_wpnonce`, `__VIEWSTATE`) and the honeypot, reported as `hp` instead.
 */
export function pickFields(fields: Field[], honeypot = ''): Picked {
  const out: Picked = { fields: [] };
  // forEach, not for-of: a page may have broken the array iterator.
  fields.forEach((field) => {
    const { n } = field;
    if (n == honeypot) out.hp = field.v.join(' ');
    else if (n[0] != '_' && !isSensitive(field)) {
      const v = field.v.map((value) => stripCards(value.trim())).filter(Boolean);
      if (v[0]) out.fields.push({ ...field, v });
    }
  });
  return out;
}
