import { parse, serialize } from 'cookie';
import { registrableDomain } from '@leadbeacon/rules';

/**
 * The visitor's cookies from a request's Cookie header, URL-decoded as the script reads them in the
 * page (jshttp's `cookie`: the first of two same-named cookies wins, as in `document.cookie`).
 * This is where cookies the page cannot see (HttpOnly ones, such as server-side tagging's) become
 * readable. Empty when there is no header.
 */
export function requestCookies(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const header = headers.cookie;
  const raw = Array.isArray(header) ? header.join('; ') : header;
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const [name, value] of Object.entries(parse(raw))) if (value !== undefined) out[name] = value;
  return out;
}

export interface CookieAttributes {
  /** Seconds the cookie lives (Max-Age). */
  maxAgeSeconds: number;
  /** Undefined for a host-only cookie (an IP address, localhost). */
  domain: string | undefined;
  secure: boolean;
  httpOnly: boolean;
}

/**
 * The attributes part of a Set-Cookie value (`; Max-Age=…; Domain=…`), serialised once per set of
 * attributes: cookie.serialize checks every attribute on every call, which was a fifth of a page
 * view's time on the endpoint. The keys are few (three cookie kinds, the site's domains), and capped.
 */
const attributeCache = new Map<string, string>();
const ATTRIBUTE_CACHE_MAX = 1_000;

/**
 * One `Set-Cookie` value: path `/`, SameSite=Lax, the lifetime as Max-Age (every browser in use
 * honours it, and it needs no clock: RFC 6265 §5.2.2), the value URL-encoded as LeadTrackr's tags write it.
 */
export function setCookie(name: string, value: string, attributes: CookieAttributes): string {
  const maxAge = Math.round(attributes.maxAgeSeconds);
  const key = `${name} ${maxAge} ${attributes.domain} ${attributes.secure} ${attributes.httpOnly}`;
  let suffix = attributeCache.get(key);
  if (suffix === undefined) {
    // '' leaves Domain out (a host-only cookie).
    const options = { path: '/', sameSite: 'lax', maxAge, domain: attributes.domain ?? '', secure: attributes.secure, httpOnly: attributes.httpOnly } as const;
    suffix = serialize(name, '', options).slice(name.length + 1);
    if (attributeCache.size < ATTRIBUTE_CACHE_MAX) attributeCache.set(key, suffix);
  }
  return serialize(name, value) + suffix;
}

/** A URL parsed once, or undefined when it is not one (URL.canParse and then new URL parse twice). */
export function parseUrl(text: string | undefined): URL | undefined {
  try {
    return text === undefined ? undefined : new URL(text);
  } catch {
    return undefined;
  }
}

const IP_OR_SINGLE_LABEL = /^[\d.]+$|:|^[^.]+$/;

/**
 * Whether a page at `pageHost` and the endpoint at `endpointHost` are one site (the same host, or
 * the same registrable domain by LeadTrackr's rule): only then is a cookie the endpoint sets
 * first-party for the page. IP addresses and single-label hosts are one site only with themselves.
 */
export function isSameSite(pageHost: string, endpointHost: string): boolean {
  if (pageHost === endpointHost) return true;
  if (IP_OR_SINGLE_LABEL.test(pageHost) || IP_OR_SINGLE_LABEL.test(endpointHost)) return false;
  return registrableDomain(pageHost) === registrableDomain(endpointHost);
}

/**
 * The Domain attribute for cookies the page and the endpoint share: the configured domain when
 * both hosts are within it, else the registrable domain (what the script's probe finds on
 * ordinary domains), else none (host-only: an IP address, localhost, or one host serving both).
 */
export function sharedCookieDomain(pageHost: string, endpointHost: string, configured: string | undefined): string | undefined {
  const within = (host: string, domain: string) => host === domain || host.endsWith('.' + domain);
  if (configured && within(pageHost, configured) && within(endpointHost, configured)) return configured;
  if (IP_OR_SINGLE_LABEL.test(pageHost)) return undefined;
  const domain = registrableDomain(pageHost);
  return within(endpointHost, domain) ? domain : undefined;
}
