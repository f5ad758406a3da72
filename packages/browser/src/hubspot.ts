import type { Field } from './beacon';

// Where HubSpot's form messages may come from: the page itself (the legacy embed renders into the
// page or into a script-written iframe of the page's origin) or HubSpot's own form hosts.
const HUBSPOT_ORIGIN = /^https:\/\/([\w-]+\.)*(hsforms\.(com|net)|hubspot\.com)$/;

/** Whether a message from `origin` may be HubSpot's: HubSpot's hosts or the page's own origin. */
export function isHubSpotOrigin(origin: string, own: string): boolean {
  return origin == own || HUBSPOT_ORIGIN.test(origin);
}

/**
 * The values of a legacy embed's `onFormSubmitted` message
 * (`{type: 'hsFormCallback', eventName: 'onFormSubmitted', id, data: {submissionValues}}`,
 * https://developers.hubspot.com/docs/cms/start-building/features/forms/legacy-forms) as fields,
 * with the form's id; undefined for any other message.
 */
export function legacySubmission(data: unknown): { id: string; fields: Field[] } | undefined {
  const message = Object(data);
  if (message.type != 'hsFormCallback' || message.eventName != 'onFormSubmitted') return undefined;
  const values = Object(Object(message.data).submissionValues);
  return { id: String(message.id), fields: toFields(Object.keys(values).map((name) => ({ name, value: values[name] }))) };
}

/**
 * The current embed's values, as `HubSpotFormsV4.getFormFromEvent(event).getFormFieldValues()`
 * resolves them (`[{name: '0-1/email', value}]`), as fields. The endpoint maps the
 * object-prefixed names (0-1 contact, 0-2 company).
 */
export function toFields(values: unknown): Field[] {
  const fields: Field[] = [];
  for (const item of Array.isArray(values) ? values : []) {
    const { name, value } = Object(item);
    if (typeof name == 'string') fields.push({ n: name, v: ([] as unknown[]).concat(value).flatMap((v) => (v == null || typeof v == 'object' ? [] : [v + ''])) });
  }
  return fields;
}
