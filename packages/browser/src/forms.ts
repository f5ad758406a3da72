import type { UserData } from './beacon';
import { fieldKind } from './field-kind';
import { isSensitive, stripCards } from './sensitive';

/** One form control as plain data (read-form.ts reads it from the DOM; the JS API can build it). */
export interface Field {
  name: string;
  /** Checked/selected/typed values; empty for an unchecked box or an empty field. */
  values: string[];
  /** `input.type`, or `textarea`, `select-one`, `select-multiple`. @default 'text' */
  type?: string;
  autocomplete?: string;
  id?: string;
  placeholder?: string;
  /** The label's text (for a checkbox or radio: its fieldset's legend). */
  label?: string;
  /** `data-lb-field`: a userData key, `name` (full name), `formMessage` or `uniqueIdentifier`. */
  lbField?: string;
}

export interface Collected {
  userData: UserData;
  /** formMessage and every other field under a readable key. */
  formData: Record<string, string | string[]>;
  uniqueIdentifier?: string;
  /** The honeypot field's value, present (maybe empty) when the form has that field. */
  hp?: string;
}

const USER_KEYS = /^(firstName|lastName|email|phone|companyName)$/;

/**
 * Splits a form's fields into LeadTrackr's userData, formMessage, uniqueIdentifier and formData.
 * Leaves out sensitive fields, framework internals (names starting with `_`: `_wpnonce`,
 * `_wpcf7_unit_tag`) and the honeypot, which is reported as `hp` instead. Values are not cut
 * here: fit-beacon.ts cuts them to the endpoint's caps.
 */
export function collectFields(fields: Iterable<Field>, honeypot = ''): Collected {
  const userData: Record<string, string> = {};
  const formData: Record<string, string | string[]> = {};
  const out: Collected = { userData, formData };
  const groups: Record<string, string[]> = {};
  let fullName = '';
  for (const field of fields) {
    const { name } = field;
    if (name == honeypot) out.hp = field.values.join(' ');
    if (name == honeypot || name[0] == '_' || isSensitive(field)) continue;
    const values = field.values.map((v) => stripCards(v.trim())).filter(Boolean);
    const value = values.join(' ');
    const kind = fieldKind(field);
    if (kind == 'name' && !fullName) fullName = value;
    else if (kind == 'uniqueIdentifier' && !out.uniqueIdentifier) out.uniqueIdentifier = value;
    else if (kind == 'formMessage' && value && !formData.formMessage) formData.formMessage = value;
    else if (USER_KEYS.test(kind!) && !userData[kind!]) userData[kind!] = value;
    else (groups[readableKey(field)] ||= []).push(...values);
  }
  // A full-name field fills whichever of first and last name has no field of its own.
  const [first, ...rest] = fullName.split(' ');
  userData.firstName ||= first!;
  userData.lastName ||= rest.join(' ');
  for (const key in userData) if (!userData[key]) delete userData[key];
  // Several values (ticked boxes, a multi-select, fields sharing a label) make an array.
  for (const key in groups) if (groups[key]![0]) formData[key] = groups[key]![1] ? groups[key]! : groups[key]![0]!;
  return out;
}

/** The label a visitor saw, else the field's name (`services[]` → `services`), else its id. */
export function readableKey({ label, name, id }: Field): string {
  return (label && label.replace(/^[\s*:]+|[\s*:]+$|\s*\(required\)/gi, '') || name.replace(/\[\]$/, '') || id || 'field').slice(0, 100);
}
