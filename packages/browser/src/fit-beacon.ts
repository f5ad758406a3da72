import type { Beacon } from './beacon';

/**
 * sendBeacon and fetch keepalive share a 64 KiB in-flight budget per page (Fetch spec, "inflight
 * keepalive bytes"); the endpoint's body limit is 64 KiB too. 60,000 bytes leaves room for the
 * request line and a second, small beacon still in flight.
 */
export const MAX_BEACON_BYTES = 60_000;

/**
 * Serialises a beacon to at most `maxBytes` UTF-8 bytes by halving the longest formData value
 * (a long message, a big hidden field) until it fits. userData, ids and attribution are kept.
 */
export function fitBeacon(beacon: Beacon, maxBytes = MAX_BEACON_BYTES): string {
  const formData = { ...beacon.formData };
  let json: string;
  while (byteLength((json = JSON.stringify({ ...beacon, formData }))) > maxBytes) {
    let longest = '';
    for (const key in formData) if (size(formData[key]!) > size(formData[longest] ?? '')) longest = key;
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
