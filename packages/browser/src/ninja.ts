import type { Field } from './beacon';

// Ninja Forms (3.x) sends from a button that fires no submit event, and reports the answer with
// jQuery: `nfFormSubmitResponse` with `{response, id}`, the submitted fields in
// `response.data.fields` (keyed by field id: `{key, label, type, value}`) and, when the server
// refused the submission, `response.errors`.
const TYPES: Record<string, string> = { email: 'email', phone: 'tel', textarea: 'textarea', hidden: 'hidden', checkbox: 'checkbox', listcheckbox: 'checkbox' };
// Layout and buttons, not answers.
const SKIP = /^(submit|button|html|hr|recaptcha|spam|password|passwordconfirm|creditcard)/;

export interface NinjaSubmission {
  id: string;
  /** The form's title, when the answer carries it. */
  title?: string | undefined;
  fields: Field[];
  /** False when the server refused it (validation or spam errors). */
  accepted: boolean;
}

/** The submission in a `nfFormSubmitResponse` event's data; undefined for anything else. */
export function ninjaSubmission(data: unknown): NinjaSubmission | undefined {
  const { response, id } = Object(data);
  const { errors, data: submitted } = Object(response);
  if (id == null || !submitted) return undefined;
  const fields: Field[] = [];
  for (const field of Object.values(Object(submitted.fields)) as Record<string, unknown>[]) {
    const type = String(Object(field).type);
    if (SKIP.test(type)) continue;
    const values = ([] as unknown[]).concat(field.value).flatMap((v) => (v == null || v === '' || typeof v == 'object' ? [] : [v + '']));
    fields.push({ n: String(field.key || field.id), v: values, t: TYPES[type] || 'text', l: typeof field.label == 'string' ? field.label : undefined });
  }
  const title = Object(submitted.settings).title;
  return { id: String(id), title: typeof title == 'string' ? title : undefined, fields, accepted: !errors || !Object.keys(Object(errors)).length };
}
