import { fieldKind } from './field-kind.js';
import type { Field } from '../intake/schema.js';

export type { Field };

export interface UserData {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  companyName?: string;
}

export interface Collected {
  userData: UserData;
  /** formMessage and every other field under a readable key. */
  formData: Record<string, string | string[]>;
  /** From a field marked `data-lb-field="uniqueIdentifier"`. */
  uniqueIdentifier?: string;
}

const USER_KEYS = /^(firstName|lastName|email|phone|companyName)$/;

// The caps the endpoint held the browser to before mapping moved here (LeadTrackr's 255 for
// uniqueIdentifier, ../shared/reference/leadtrackr.md). One slot of formData's 100 is left for formName.
const USER_MAX = 200;
const PHONE_MAX = 50;
const UNIQUE_ID_MAX = 255;
const VALUE_MAX = 10_000;
const LIST_ITEMS = 100;
const LIST_ITEM_MAX = 1_000;
const FORM_DATA_KEYS = 99;

/**
 * The most fields of one beacon, and values of one field, the endpoint reads (a 64 KiB body holds
 * a few thousand): trimFields leaves out the rest rather than refuse the lead.
 */
export const MAX_FIELDS = 1_000;
export const MAX_VALUES = 1_000;

/** formData.trimmed, when fields or values were left out: the form was too big to send whole. */
export const TRIMMED_NOTE = 'Some fields or values were left out: the form was over leadbeacon’s limits';

const cut = (value: string, max: number) => value.slice(0, max);

/**
 * A beacon's fields within MAX_FIELDS and MAX_VALUES, in the form's order: every field that maps
 * to contact details (any fieldKind: a userData key, a full name, formMessage, uniqueIdentifier),
 * then as many others as there is room for. `trimmed` says whether anything was left out.
 */
export function trimFields(fields: readonly Field[]): { fields: Field[]; trimmed: boolean } {
  let trimmed = fields.length > MAX_FIELDS;
  let kept = fields;
  // Mapping every field twice (here and in collectFields) only for the rare form over the limit.
  if (trimmed) {
    const isContact = fields.map((field) => !!fieldKind(field));
    let room = MAX_FIELDS - isContact.filter(Boolean).length;
    kept = fields.filter((_, i) => isContact[i] || room-- > 0).slice(0, MAX_FIELDS);
  }
  return {
    fields: kept.map((field) => (field.v.length > MAX_VALUES ? ((trimmed = true), { ...field, v: field.v.slice(0, MAX_VALUES) }) : field)),
    trimmed,
  };
}

/**
 * Splits a form's fields into LeadTrackr's userData, formMessage, uniqueIdentifier and formData,
 * within LeadTrackr's caps. Leaves out framework internals (names starting with `_`: `_wpnonce`,
 * `_wpcf7_unit_tag`); the script already does, this covers a hand-built beacon. When fields or
 * values were left out, before (`trimmed`: by the script or trimFields) or here (formData's key
 * cap, a list's item cap), formData says so under `trimmed`, in the last slot.
 */
export function collectFields(fields: readonly Field[], trimmed = false): Collected {
  const userData: Record<string, string> = {};
  const out: Collected = { userData, formData: {} };
  let formMessage = '';
  // A Map: a label such as "constructor" or "__proto__" is an ordinary key here.
  const groups = new Map<string, string[]>();
  let fullName = '';
  // A form's only textarea is where a visitor writes to the site, whatever its label says
  // ("Your request", "Waar kunnen we je mee helpen?"); data-lb-field still names it otherwise.
  const textareas = fields.filter((field) => field.t == 'textarea');
  for (const field of fields) {
    if (field.n[0] == '_') continue;
    const values = field.v.map((v) => v.trim()).filter(Boolean);
    const value = values.join(' ');
    const kind = !field.f && textareas.length == 1 && textareas[0] == field ? 'formMessage' : fieldKind(field);
    if (kind == 'name' && !fullName) fullName = value;
    else if (kind == 'uniqueIdentifier' && !out.uniqueIdentifier) out.uniqueIdentifier = cut(value, UNIQUE_ID_MAX);
    else if (kind == 'formMessage' && value && !formMessage) formMessage = value;
    else if (USER_KEYS.test(kind!) && !userData[kind!]) userData[kind!] = cut(value, kind == 'phone' ? PHONE_MAX : USER_MAX);
    else {
      const key = readableKey(field);
      // Appended in place: copying the group for every field sharing a label was quadratic.
      const group = groups.get(key);
      if (group) for (const value of values) group.push(value);
      else groups.set(key, values);
    }
  }
  // A full-name field fills whichever of first and last name has no field of its own.
  const [first, ...rest] = fullName.split(' ');
  userData.firstName ||= cut(first!, USER_MAX);
  userData.lastName ||= cut(rest.join(' '), USER_MAX);
  for (const key in userData) if (!userData[key]) delete userData[key];
  const entries: [string, string | string[]][] = formMessage ? [['formMessage', cut(formMessage, VALUE_MAX)]] : [];
  // Several values (ticked boxes, a multi-select, fields sharing a label) make an array.
  for (const [key, values] of groups) {
    if (values[0]) {
      trimmed ||= values.length > LIST_ITEMS;
      entries.push([key, values[1] ? values.slice(0, LIST_ITEMS).map((v) => cut(v, LIST_ITEM_MAX)) : cut(values[0], VALUE_MAX)]);
    }
  }
  if (trimmed || entries.length > FORM_DATA_KEYS) entries.splice(FORM_DATA_KEYS - 1, Infinity, ['trimmed', TRIMMED_NOTE]);
  // fromEntries defines own properties, so a "__proto__" key never reaches a prototype.
  out.formData = Object.fromEntries(entries);
  return out;
}

/** The label a visitor saw, else the field's name (`services[]` → `services`), else its id. */
export function readableKey({ l: label, n: name, i: id }: Field): string {
  return ((label && cleanLabel(label)) || (name.endsWith('[]') ? name.slice(0, -2) : name) || id || 'field').slice(0, 100);
}

const REQUIRED = /\(required\)/i;
const isSeparator = (char: string) => char == '*' || char == ':' || char.trim() == '';

/**
 * `* Email (required):` → `Email`. Written as walks, not one regular expression: `[\s*:]+$` and
 * `\s*\(required\)` backtrack over a long run of spaces at every position of it, so a label of
 * 10,000 spaces cost 150–330 ms.
 */
function cleanLabel(label: string): string {
  const parts = label.split(REQUIRED);
  // The whitespace before each "(required)" goes with it.
  const text = parts.map((part, i) => (i < parts.length - 1 ? part.trimEnd() : part)).join('');
  let start = 0;
  let end = text.length;
  while (start < end && isSeparator(text[start]!)) start++;
  while (end > start && isSeparator(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Whether the fields name a person or a record: without, a form is a search box or a login, not a lead. */
export function hasContactData({ userData, uniqueIdentifier }: Collected): boolean {
  return Object.keys(userData).length > 0 || !!uniqueIdentifier;
}
