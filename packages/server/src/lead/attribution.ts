import type { Beacon } from '../intake/schema.js';

export type AttributionData = Beacon['attributionData'];

/** How a cookie's value holds its id: the id, or undefined when the value is not in that shape. */
type Read = (value: string) => string | undefined;

const asIs: Read = (value) => value;

/**
 * Google's newer format, `2.1.k<id>$i<timestamp>`: what a server-side GTM writes to its HttpOnly
 * `FPGCL*` cookies, what gtag writes to `_gcl_ag`, and what it has begun to write to the other
 * `_gcl_*` (LeadTrackr's WordPress plugin and server-side GTM tag read it so).
 */
export const fromNewGcl: Read = (value) => {
  // /\.k(.+)\$i/ in two scans: a backtracking regex is quadratic on a hostile cookie of many `.k`.
  const start = value.indexOf('.k');
  const end = value.lastIndexOf('$i');
  return start >= 0 && end > start + 2 ? value.slice(start + 2, end) : undefined;
};

/**
 * `_gcl_aw`, `_gcl_gb`, `_gcl_dc`: the newer format, or `GCL.<timestamp>.<id>`, read as every
 * LeadTrackr integration reads it: the id is the dot part after the second, whatever the first two
 * hold (`1.<ts>.<id>`, a timestamp that is not a number). A value of fewer than three parts
 * (`garbage`, `GCL.`) holds none. Where an id holds a dot, the last part, as the WordPress plugin,
 * the server-side GTM tag and LeadBot's pending change read it (the GTM tag takes the third).
 */
export const fromGcl: Read = (value) => {
  const parts = value.split('.');
  return fromNewGcl(value) ?? (parts.length > 2 ? parts.pop() : undefined);
};

/** Microsoft's UET pixel writes `_uet<id>` to `_uetmsclkid`; a server container writes the bare id to `uet_msclkid`. */
const withoutUet: Read = (value) => value.replace(/^_uet/, '');

/**
 * GA4's client id from `_ga` (`GA1.1.<random>.<timestamp>`) or a server-side GTM's `FPID`
 * (`FPID2.2.<id>.<timestamp>`): everything after the second dot, as the GTM tag (through
 * Google's own reading) and the WordPress plugin take it, a fifth part or a non-numeric one
 * included. LeadBot and the server-side GTM tag take parts three and four only.
 */
export const clientIdFromGa: Read = (value) => value.split('.').slice(2).join('.') || undefined;

/**
 * Every id a lead carries, under LeadTrackr's attributionData key, and the cookies it may be read
 * from, first first (../shared/reference/leadtrackr.md, "Where each id comes from", and what
 * LeadTrackr's WordPress plugin 1.1 and server-side GTM tag read beyond it). A server-side GTM's
 * HttpOnly cookies (`FPGCL*`, `FPID`) come before the browser tags', as in both of those.
 * `gad_source` and `gad_campaignid` (beyond LeadTrackr) and the click ids have the script's own
 * copy too (`lb_<key>`), the last source of each.
 */
const ID_SOURCES: readonly (readonly [key: string, cookies: readonly (readonly [name: string, read: Read])[]])[] = [
  ['gclid', [['FPGCLAW', fromNewGcl], ['_gcl_aw', fromGcl]]],
  // LeadTrackr's plugin reads _gcl_ag in the newer format only: gtag never wrote it as GCL.<ts>.<id>.
  ['gbraid', [['FPGCLAG', fromNewGcl], ['_gcl_ag', fromNewGcl]]],
  ['wbraid', [['FPGCLGB', fromNewGcl], ['_gcl_gb', fromGcl]]],
  ['dclid', [['FPGCLDC', fromNewGcl], ['_gcl_dc', fromGcl]]],
  ['msclkid', [['uet_msclkid', withoutUet], ['_uetmsclkid', withoutUet]]],
  ['ttclid', [['ttclid', asIs]]],
  ['li_fat_id', [['li_fat_id', asIs]]],
  ['twclid', [['twclid', asIs]]],
  ['epik', [['_epik', asIs]]],
  ['scclid', [['_scclid', asIs]]],
  // rdt_cid without the underscore is what Reddit's older pixel wrote.
  ['rdt_cid', [['_rdt_cid', asIs], ['rdt_cid', asIs]]],
  // OpenAI's cookies are its parameters with a `__` prefix.
  ['oppref', [['__oppref', asIs]]],
  ['gad_source', []],
  ['gad_campaignid', []],
  // The page chose or built fbc when its URL had an fbclid (Meta's rules need the page's time and domain).
  ['fbc', [['_fbc', asIs]]],
  ['cid', [['FPID', clientIdFromGa], ['_ga', clientIdFromGa]]],
  ['fbp', [['_fbp', asIs]]],
  ['uetvid', [['uet_vid', asIs], ['_uetvid', asIs]]],
  ['ttp', [['_ttp', asIs]]],
  ['scid', [['_scid', asIs]]],
  ['rdt_uuid', [['_rdt_uuid', asIs]]],
  ['obref', [['__obref', asIs]]],
];

/** What the endpoint has always held an attribution value to; no real id is that long (schema.ts leaves longer ones out too). */
export const ID_MAX = 2_000;

/** The script's own cookie for an id a URL of the site brought, kept even when the vendor's pixel is not on the page. */
const ownCookie = (key: string): string => 'lb_' + key;

/**
 * The lead's attributionData from the beacon's, the cookies the page read (`cookies`) and the id
 * cookies of the request itself (`requestCookies`: intake/request-cookies.ts; a server-side GTM's
 * HttpOnly ones only reach the endpoint so). Each id: the beacon's value first (the page's URL, or
 * an older script's resolved id), then its cookies in the order above, then the script's own copy;
 * a value that is empty or over 2,000 characters counts as absent, and an id that is nowhere is
 * left out, never invented. A cookie both hold is taken from `cookies`: the page read it when the
 * lead was made, and a lead queued in the browser may be sent pages later. Cookies go no further
 * than the ids read from them (privacy); every other attributionData key (conversionPage,
 * consent, a host's own) passes through.
 */
export function resolveAttribution(
  attributionData: AttributionData,
  cookies: Readonly<Record<string, string>> = {},
  requestCookies: Readonly<Record<string, string>> = {},
): AttributionData {
  const out: AttributionData = { ...attributionData };
  const cookie = (name: string) => (Object.hasOwn(cookies, name) ? cookies[name] : Object.hasOwn(requestCookies, name) ? requestCookies[name] : undefined);
  for (const [key, sources] of ID_SOURCES) {
    const candidates = [attributionData[key], ...sources.map(([name, read]) => readCookie(cookie(name), read)), cookie(ownCookie(key))];
    const id = candidates.find(isId);
    if (id) out[key] = id;
  }
  return out;
}

const isId = (value: unknown): value is string => typeof value == 'string' && value.length > 0 && value.length <= ID_MAX;

function readCookie(value: string | undefined, read: Read): string | undefined {
  return value === undefined ? undefined : read(value);
}
