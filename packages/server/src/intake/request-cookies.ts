import { idCookies } from '@leadbeacon/rules';

/**
 * A server-side GTM's own id cookies (FPGCLAW, FPGCLAG, FPGCLGB, FPGCLDC, FPID): set over HTTP as
 * HttpOnly, so the script never sees them, but a request to an endpoint on the page's own origin
 * carries them (the script sends same-origin credentials). LeadTrackr's WordPress plugin and
 * server-side GTM tag read them the same way.
 */
const HTTP_ONLY_IDS = /^(FPGCL(AW|AG|GB|DC)|FPID)$/;

/** Longer is no cookie a browser keeps (RFC 6265 §6.1), as schema.ts holds the beacon's cookies to. */
const COOKIE_VALUE_MAX = 4_096;

/**
 * The id cookies among a request's cookies (cookies.ts's `requestCookies` parses the header): the
 * ones the script would send (the rules' `idCookies`) and the HttpOnly ones above; no other cookie
 * goes further.
 */
export function requestIdCookies(all: Readonly<Record<string, string>>): Record<string, string> {
  const ids = idCookies(all);
  for (const name in all) if (HTTP_ONLY_IDS.test(name)) ids[name] = all[name]!;
  return Object.fromEntries(Object.entries(ids).filter(([, value]) => value.length <= COOKIE_VALUE_MAX));
}
