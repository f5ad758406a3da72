import type { UserData } from './beacon';

export interface CollectedFields {
  userData: UserData;
  formData: Record<string, string | string[]>;
}

// Field names that map to LeadTrackr's userData keys; first match wins.
const USER_FIELDS: [keyof UserData, RegExp][] = [
  ['email', /e-?mail/i],
  ['phone', /phone|tel/i],
  ['firstName', /first.?name|given/i],
  ['lastName', /last.?name|surname|family/i],
  ['companyName', /company|organi[sz]ation/i],
];

/** Splits a form's entries into LeadTrackr's userData and the remaining formData. */
export function collectFields(entries: Iterable<[string, unknown]>): CollectedFields {
  const userData: UserData = {};
  const formData: Record<string, string | string[]> = {};
  for (const [name, raw] of entries) {
    if (typeof raw != 'string' || !raw) continue;
    const value = raw.trim();
    const hit = USER_FIELDS.find(([key, re]) => !userData[key] && re.test(name));
    if (hit) userData[hit[0]] = value;
    else if (/message|comment/i.test(name) && !formData.formMessage) formData.formMessage = value;
    else {
      const prev = formData[name];
      formData[name] = prev === undefined ? value : ([] as string[]).concat(prev, value);
    }
  }
  return { userData, formData };
}
