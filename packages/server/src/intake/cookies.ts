import { parse, serialize } from 'cookie';
import { registrableDomain } from '@leadbeacon/rules';

/**
 * The visitor's cookies from a request's Cookie header, URL-decoded as js-cookie reads them in the
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
 * One `Set-Cookie` value: path `/`, SameSite=Lax, Max-Age and Expires both (an old browser
 * that ignores Max-Age still gets the lifetime), the value URL-encoded as LeadTrackr's tags write it.
 */
export function setCookie(name: string, value: string, attributes: CookieAttributes, nowMs: number): string {
  return serialize(name, value, {
    path: '/',
    sameSite: 'lax',
    maxAge: Math.round(attributes.maxAgeSeconds),
    expires: new Date(nowMs + attributes.maxAgeSeconds * 1000),
    ...(attributes.domain ? { domain: attributes.domain } : {}),
    secure: attributes.secure,
    httpOnly: attributes.httpOnly,
  });
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
