import { normalize } from '@leadbeacon/rules';
import type { Field } from './fields.js';

/**
 * What a field holds: a userData key, `name` (a full name, split later), `formMessage`,
 * `uniqueIdentifier` (only through data-lb-field), or undefined (an ordinary field).
 */
export type FieldKind = string | undefined;

// English, Dutch, German, French and Spanish stems, tried in this order on normalised text
// (lower case, no accents, camelCase and punctuation as spaces). Company comes before first and
// last name ("nombre de la empresa", "nom de l'entreprise"); a bare "name" is the last resort.
// Stems, not words: "complet" is "nom complet" and "nombre completo". (Ported from the browser
// script, where stems kept it small; the mapping now runs here so the script need not ship it.)
const KEYWORDS: [string, RegExp][] = [
  ['email', /e ?mail|correo|courriel/],
  ['phone', /phone|\btel|\bmob|\bmovil|\bhandy/],
  ['companyName', /compa|organi|bedrijf|firma|unternehm|entrepr|societe|empresa/],
  ['name', /full|complet|volledig|vollst/],
  ['firstName', /\bfirst|given|\bfname|vo?orna|prenom|\bnombre/],
  ['lastName', /\blast|surname|family|\blname|achter|nachn|\bnom\b|apellid/],
  ['formMessage', /messag|mensaj|comm?ent|bericht|opmerk|nachricht|\bbody|descri|frage|vraag|question/],
  ['name', /\bna(me|am)\b/],
];

// Autocomplete tokens that name a contact detail (https://html.spec.whatwg.org/#autofill-field);
// others ("country-name", "additional-name") would mislead the keywords.
const AUTOCOMPLETE = /^((given|family)-)?name$|^email$|^tel(-national)?$|^organization$/;

/**
 * Types a person types contact details into (text, textarea, tel, email, search); hidden inputs,
 * boxes and menus ("select-one") map only explicitly.
 */
const TEXT_TYPES = /^(te|em|sea)/;

/**
 * How much of each text is read for keywords. A contact field's name, id, placeholder or label
 * says what it is in its first words; reading all 10,000 characters the schema allows, eight
 * expressions over six texts per field, cost a 64 KiB beacon 100+ ms of event loop.
 */
const KIND_TEXT_MAX = 256;

/**
 * Maps a field, first hit of: data-lb-field, autocomplete tokens, input type (email, tel), then
 * the name, id, placeholder and label text.
 */
export function fieldKind({ f: lbField, a: autocomplete = '', t: type = 'text', n: name, i: id, p: placeholder, l: label }: Field): FieldKind {
  if (lbField || !TEXT_TYPES.test(type)) return lbField || undefined;
  // HubSpot's forms API prefixes a property with its object type: 0-1 contact, 0-2 company
  // (https://developers.hubspot.com/docs/api-reference/legacy/marketing/forms/v3-legacy/submit-data-unauthenticated).
  if (name == '0-2/name') return 'companyName';
  for (const text of [autocomplete.slice(0, KIND_TEXT_MAX).split(' ').find((t) => AUTOCOMPLETE.test(t)), type, name, id, placeholder, label]) {
    const normal = normalize((text || '').slice(0, KIND_TEXT_MAX));
    const hit = KEYWORDS.find(([, re]) => re.test(normal));
    if (hit) return hit[0];
  }
  return undefined;
}

