import type { Beacon } from '../intake/schema.js';

export type AttributionData = Beacon['attributionData'];

/**
 * Ad click ids and their vendor cookies (../shared/reference/leadtrackr.md, "Where each id comes
 * from"). dclid's `_gcl_dc` is Google's own cookie for it; yclid has no vendor cookie, only the
 * script's own.
 */
const CLICK_IDS: readonly (readonly [key: string, vendorCookie?: string])[] = [
  ['gclid', '_gcl_aw'],
  ['gbraid', '_gcl_ag'],
  ['wbraid', '_gcl_gb'],
  ['dclid', '_gcl_dc'],
  ['msclkid', '_uetmsclkid'],
  ['ttclid', 'ttclid'],
  ['li_fat_id', 'li_fat_id'],
  ['twclid', 'twclid'],
  ['epik', '_epik'],
  ['scclid', '_scclid'],
  ['rdt_cid', '_rdt_cid'],
  ['yclid'],
];

/** Visitor ids other tags set, each sent as it is from the cookie `_<key>`. */
const AS_IS = ['fbp', 'uetvid', 'ttp', 'scid', 'rdt_uuid'] as const;

/** What the endpoint has always held an attribution value to; no real id is that long (schema.ts leaves longer ones out too). */
export const ID_MAX = 2_000;

/** The script's own cookie for an id a URL of the site brought, kept even when the vendor's pixel is not on the page. */
const ownCookie = (key: string): string => 'lb_' + key;

/**
 * The lead's attributionData from the beacon's and the cookies the page read. Each id: the
 * beacon's value first (the page's URL, or an older script's resolved id), then the vendor's
 * cookie, then the script's own copy; a value that is empty or over 2,000 characters counts as
 * absent, and an id that is nowhere is left out, never invented. Cookies go no further than the
 * ids read from them (privacy); every other attributionData key (conversionPage, consent, a
 * host's own) passes through.
 */
export function resolveAttribution(attributionData: AttributionData, cookies: Readonly<Record<string, string>> = {}): AttributionData {
  const out: AttributionData = { ...attributionData };
  const cookie = (name: string) => (Object.hasOwn(cookies, name) ? cookies[name] : undefined);
  const set = (key: string, ...candidates: unknown[]) => {
    const id = candidates.find(isId);
    if (id) out[key] = id;
  };
  for (const [key, vendor] of CLICK_IDS) set(key, attributionData[key], vendor && clickIdFromCookie(cookie(vendor)), cookie(ownCookie(key)));
  // The page chose or built fbc when its URL had an fbclid (Meta's rules need the page's time and domain).
  set('fbc', attributionData.fbc, cookie('_fbc'), cookie(ownCookie('fbc')));
  set('cid', attributionData.cid, clientIdFromGa(cookie('_ga')));
  set('sid', attributionData.sid, firstSessionId(cookies));
  for (const key of AS_IS) set(key, attributionData[key], cookie('_' + key));
  return out;
}

const isId = (value: unknown): value is string => typeof value == 'string' && value.length > 0 && value.length <= ID_MAX;

/**
 * A click id from its vendor cookie: Google's `_gcl_*` hold `GCL.<ts>.<id>`, Microsoft's
 * `_uetmsclkid` holds `_uet<id>`, the others the id as is. A `GCL` value in another shape is ignored.
 */
export function clickIdFromCookie(value: string | undefined): string | undefined {
  if (value?.startsWith('GCL')) return /^GCL\.\d+\.(.+)/.exec(value)?.[1];
  return value?.replace(/^_uet/, '');
}

/** `_ga` is `GA1.1.<random>.<timestamp>`; GA4's client id is the last two dot parts. */
export function clientIdFromGa(ga: string | undefined): string | undefined {
  return ga === undefined ? undefined : /^GA\d\.\d+\.(\d+\.\d+)$/.exec(ga)?.[1];
}

/** The session id in `_ga_<ID>`: `GS1.1.<sid>.<count>…` or the newer `GS2.1.s<sid>$o<count>…`. */
export function sessionIdFromGa(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /^GS(?:1\.\d+\.|2\.\d+\.s)(\d+)/.exec(value)?.[1];
}

/** With several GA4 properties on the site, the first `_ga_<ID>` cookie (in the page's order) holding a session wins. */
function firstSessionId(cookies: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(cookies)) {
    const sid = name.startsWith('_ga_') ? sessionIdFromGa(value) : undefined;
    if (sid) return sid;
  }
  return undefined;
}
