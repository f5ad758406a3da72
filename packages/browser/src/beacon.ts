import type { FlowEntry } from '@leadbeacon/rules';

/**
 * The JSON body the script sends to the leadbeacon endpoint (text/plain, so no CORS preflight).
 * The endpoint maps `fields` and `form` into LeadTrackr's userData, formMessage, formName and
 * formData (packages/server/src/lead/fields.ts); the script only reads and filters them.
 */
export interface Beacon {
  /** Fresh per form submission; LeadTrackr dedupes on it (formData.uniqueEventId). */
  uniqueEventId: string;
  /**
   * LeadTrackr's attributionData keys the page knows itself: the click ids of this page's URL,
   * `fbc` built from its fbclid, conversionPage and consent.
   */
  attributionData: Record<string, unknown>;
  /**
   * The id cookies, raw (ids.ts): the endpoint reads gclid, cid, sid, fbp … out of them, the URL's
   * ids above first (packages/server/src/lead/attribution.ts). Left out in server mode: the
   * endpoint reads them from the request's Cookie header.
   */
  cookies?: Record<string, string> | undefined;
  /** Server mode: the page's URL, whose click ids the endpoint reads by the rules the script would apply. */
  url?: string | undefined;
  /** The form's fields, sensitive ones already left out (pick-fields.ts). */
  fields: Field[];
  /** A captured form's name candidates; absent for the JS API's `send`. */
  form?: FormNames | undefined;
  /** The `lt_channelflow` entries, compact format. */
  channelFlow?: FlowEntry[] | undefined;
  /** Set through the JS API; a form field marked data-lb-field="uniqueIdentifier" wins at the endpoint. */
  uniqueIdentifier?: string | undefined;
  /** Milliseconds between page load and submit, for the endpoint's minimum-time-on-page check. */
  pageMs?: number;
  /** The honeypot field's value, when the form has one; a person leaves it empty. */
  hp?: string | undefined;
  /** Set when the form was too big to send whole (fit-beacon.ts): fields left out, values or lists cut. */
  trimmed?: boolean;
}

/**
 * One form control as plain data (read-form.ts reads it from the DOM; the JS API builds it from
 * its object). One-letter keys: esbuild never shortens property names. Empty ones are left out.
 */
export interface Field {
  /** name */
  n: string;
  /** values: checked, selected or typed; empty for an unchecked box or an empty field */
  v: string[];
  /** type: `input.type`, or `textarea`, `select-one`, `select-multiple`; absent means text */
  t?: string | undefined;
  /** autocomplete */
  a?: string | undefined;
  /** id */
  i?: string | undefined;
  /** placeholder */
  p?: string | undefined;
  /** label text (for a checkbox or radio: its fieldset's legend) */
  l?: string | undefined;
  /** data-lb-field: a userData key, `name` (full name), `formMessage` or `uniqueIdentifier` */
  f?: string | undefined;
}

/** A form's name candidates, in the order the endpoint tries them (form-name.ts reads them). */
export interface FormNames {
  /** data-lb-form-name */
  d?: string | undefined;
  /** the name attribute */
  n?: string | undefined;
  /** id */
  i?: string | undefined;
  /** aria-label */
  a?: string | undefined;
  /** the first heading inside the form, else the nearest heading before it */
  h?: string | undefined;
}
