import type { Beacon } from './beacon';

/**
 * sendBeacon and fetch keepalive share a 64 KiB in-flight budget per page (Fetch spec, "inflight
 * keepalive bytes"); the endpoint's body limit is 64 KiB too. 60,000 bytes leaves room for the
 * request line and a second, small beacon still in flight.
 */
export const MAX_BEACON_BYTES = 60_000;

const cut = (value: string, max: number) => value.slice(0, max);

/**
 * Serialises a beacon within the endpoint's caps (packages/server/src/schema.ts: userData 200
 * characters, phone 50, formData values 10,000, lists 100 items of 1,000, keys 200,
 * uniqueIdentifier 255, hp 1,000; a longer value would make the whole beacon a 400) and within
 * `maxBytes` of UTF-8: while it is too big, the cap on formData values (list items: a tenth of
 * it) halves, so long values (a long message, a big hidden field) shrink and short ones stay whole.
 */
export function fitBeacon(beacon: Beacon, maxBytes = MAX_BEACON_BYTES): string {
  const userData: Record<string, string> = { ...beacon.userData };
  for (const key in userData) userData[key] = cut(userData[key]!, key == 'phone' ? 50 : 200);
  const fitted: Beacon = { ...beacon, userData };
  if (beacon.uniqueIdentifier) fitted.uniqueIdentifier = cut(beacon.uniqueIdentifier, 255);
  if (beacon.hp) fitted.hp = cut(beacon.hp, 1_000);
  let json: string;
  for (let max = 10_000; ; max >>= 1) {
    fitted.formData = {};
    for (const key in beacon.formData) {
      const value = beacon.formData[key]!;
      fitted.formData[cut(key, 200)] = typeof value == 'string' ? cut(value, max) : value.slice(0, 100).map((v) => cut(v, max / 10));
    }
    json = JSON.stringify(fitted);
    if (!max || new Blob([json]).size <= maxBytes) return json;
  }
}
