import type { Beacon } from './beacon';

/**
 * sendBeacon and fetch keepalive share a 64 KiB in-flight budget per page (Fetch spec, "inflight
 * keepalive bytes"); the endpoint's body limit is 64 KiB too. 60,000 bytes leaves room for the
 * request line and a second, small beacon still in flight.
 */
export const MAX_BEACON_BYTES = 60_000;

// Taken at start-up: a library the page loads later may replace JSON.stringify.
const nativeStringify = JSON.stringify;

/**
 * JSON of `value`, deaf to the page's `toJSON` methods (Prototype.js's Array.prototype.toJSON turns
 * an array into a string, an Object.prototype.toJSON every object). A replacer is handed what toJSON
 * returned, but `this[key]` is the value before it, and what a replacer returns is not handed to
 * toJSON again (ECMA-262, SerializeJSONProperty). `replace` sees that value, its key and its holder.
 */
export function stringify(value: unknown, replace: (value: unknown, key: string, holder: any) => unknown): string {
  return nativeStringify(value, function (this: any, key) {
    return replace(this[key], key, this);
  });
}

/**
 * Serialises a beacon within `maxBytes` of UTF-8, so a lead with contact details always arrives
 * (pick-fields.ts puts contact fields first). Cuts the strings
 * that come from the form (field values: array items; field and form-name attributes and `hp`:
 * the only keys shorter than three characters) and the id cookies' values (a site may pile up
 * `_ga_*` or `lb_*` cookies) to 10,000 characters, the endpoint's cap (packages/server/src/intake/schema.ts),
 * and halves that cut, down to 312, while the body is too big, so long values shrink and short ones
 * (an email) stay whole; then halves the fields it keeps, the last ones first. A beacon it had to
 * fit says `trimmed`, which the endpoint marks in formData; the endpoint trims what is over its
 * counts (fields, values of a list) itself.
 */
export function fitBeacon(beacon: Beacon, maxBytes = MAX_BEACON_BYTES): string {
  // One number halves both: the characters a string keeps and the fields that go.
  for (let max = 1e4; ; max >>= 1) {
    const json = stringify({ ...beacon, fields: beacon.fields.slice(0, max), trimmed: max < 1e4 || undefined }, (value, key, holder) =>
      typeof value == 'string' && (key.length < 3 || Array.isArray(holder) || holder == beacon.cookies) ? value.slice(0, max) : value,
    );
    // The UTF-8 length, without Blob or TextEncoder, which a page may have replaced.
    if (!max || unescape(encodeURIComponent(json)).length <= maxBytes) return json;
  }
}
