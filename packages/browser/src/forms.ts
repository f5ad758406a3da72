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
 * `_wpcf7_unit_tag`) and the honeypot, which is reported as `hp` instead. Values are cut to the
 * server schema's caps (packages/server/src/schema.ts), which would otherwise answer 400.
 */
export function collectFields(fields: Iterable<Field>, honeypot = ''): Collected {
  const userData: Record<string, string> = {};
  const formData: Record<string, string | string[]> = {};
  const out: Collected = { userData, formData };
  const groups: Record<string, string[]> = {};
  // A box group or a multi-select stays an array even with one value ticked.
  const isList: Record<string, boolean> = {};
  let fullName = '';
  for (const field of fields) {
    const { name, type } = field;
    if (name == honeypot) out.hp = field.values.join(' ').slice(0, 1000);
    if (name == honeypot || name[0] == '_' || isSensitive(field)) continue;
    const values = field.values.map((v) => stripCards(v.trim())).filter(Boolean);
    const value = values.join(' ');
    const kind = fieldKind(field);
    const key = readableKey(field);
    if (type == 'select-multiple' || (type == 'checkbox' && key in groups)) isList[key] = true;
    if (kind == 'name' && !fullName) fullName = value;
    else if (kind == 'uniqueIdentifier' && !out.uniqueIdentifier) out.uniqueIdentifier = value.slice(0, 255);
    else if (kind == 'formMessage' && value && !formData.formMessage) formData.formMessage = value.slice(0, 10_000);
    else if (USER_KEYS.test(kind!) && !userData[kind!]) userData[kind!] = value.slice(0, kind == 'phone' ? 50 : 200);
    else (groups[key] ||= []).push(...values);
  }
  // A full-name field fills whichever of first and last name has no field of its own.
  const [first, ...rest] = fullName.split(' ');
  userData.firstName ||= first!.slice(0, 200);
  userData.lastName ||= rest.join(' ').slice(0, 200);
  for (const key in userData) if (!userData[key]) delete userData[key];
  for (const key in groups) {
    const values = groups[key]!;
    if (values.length) formData[key] = values[1] || isList[key] ? values.slice(0, 100).map((v) => v.slice(0, 1000)) : values[0]!.slice(0, 10_000);
  }
  return out;
}

/** The label a visitor saw, else the field's name (`services[]` → `services`), else its id. */
export function readableKey({ label, name, id }: Field): string {
  return (label && label.replace(/^[\s*:]+|[\s*:]+$|\s*\(required\)/gi, '') || name.replace(/\[\]$/, '') || id || 'field').slice(0, 100);
}
