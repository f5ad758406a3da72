import type { Beacon } from './beacon';

/**
 * sendBeacon and fetch keepalive share a 64 KiB in-flight budget per page (Fetch spec, "inflight
 * keepalive bytes"); the endpoint's body limit is 64 KiB too. 60,000 bytes leaves room for the
 * request line and a second, small beacon still in flight.
 */
export const MAX_BEACON_BYTES = 60_000;

// The endpoint's caps (packages/server/src/schema.ts): a longer value would make the whole beacon a 400.
const cut = (value: string, max = 10_000) => value.slice(0, max);

/**
 * Serialises a beacon within the endpoint's caps (userData names 200 characters, phone 50,
 * formData values 10,000, lists 100 items of 1,000, uniqueIdentifier 255, hp 1,000) and within
 * `maxBytes` of UTF-8, by halving the longest formData value (a long message, a big hidden field)
 * until it fits. userData, ids and attribution are kept.
 */
export function fitBeacon(beacon: Beacon, maxBytes = MAX_BEACON_BYTES): string {
  const userData: Record<string, string> = { ...beacon.userData };
  const formData: Beacon['formData'] = {};
  const fitted: Beacon = { ...beacon, userData, formData };
  for (const key in userData) userData[key] = cut(userData[key]!, key == 'phone' ? 50 : 200);
  for (const key in beacon.formData) {
    const value = beacon.formData[key]!;
    formData[cut(key, 200)] = typeof value == 'string' ? cut(value) : value.slice(0, 100).map((v) => cut(v, 1_000));
  }
  if (beacon.uniqueIdentifier) fitted.uniqueIdentifier = cut(beacon.uniqueIdentifier, 255);
  if (beacon.hp) fitted.hp = cut(beacon.hp, 1_000);
  let json: string;
  while (byteLength((json = JSON.stringify(fitted))) > maxBytes) {
    let longest = '';
    for (const key in formData) if (size(formData[key]!) > size(formData[longest] || '')) longest = key;
    const value = formData[longest];
    if (!value || size(value) < 3) break;
    formData[longest] = value.slice(0, value.length >> 1);
  }
  return json;
}

const size = (value: string | string[]) => JSON.stringify(value).length;

function byteLength(text: string): number {
  return new Blob([text]).size;
}
