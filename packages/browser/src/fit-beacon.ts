import type { Beacon } from './beacon';

/**
 * sendBeacon and fetch keepalive share a 64 KiB in-flight budget per page (Fetch spec, "inflight
 * keepalive bytes"); the endpoint's body limit is 64 KiB too. 60,000 bytes leaves room for the
 * request line and a second, small beacon still in flight.
 */
export const MAX_BEACON_BYTES = 60_000;

/**
 * Serialises a beacon within `maxBytes` of UTF-8. Cuts the strings that come from the form (field
 * values: array items; field and form-name attributes and `hp`: the only keys shorter than three
 * characters) and the id cookies' values (a site may pile up `_ga_*` or `lb_*` cookies) to 10,000 characters, the endpoint's cap (packages/server/src/intake/schema.ts), and halves
 * that cut while the body is too big, so long values shrink and short ones stay whole. The
 * endpoint cuts values further, to LeadTrackr's caps.
 */
export function fitBeacon(beacon: Beacon, maxBytes = MAX_BEACON_BYTES): string {
  for (let max = 1e4; ; max >>= 1) {
    const json = JSON.stringify(beacon, function (this: unknown, key: string, value: unknown) {
      return typeof value == 'string' && (key.length < 3 || Array.isArray(this) || this == beacon.cookies) ? value.slice(0, max) : value;
    });
    if (!max || new Blob([json]).size <= maxBytes) return json;
  }
}
