import { decodeCookie } from '@leadbeacon/rules';

/**
 * `document.cookie` read and written as js-cookie did for this script before (with its `decodeCookie`
 * and `encodeURIComponent` converters), in a fraction of its bytes: the script needs no more than
 * these two functions. Values are URL-encoded whole, as LeadTrackr's `lt_channelflow` is.
 */

/**
 * The cookies of a `document.cookie` string by name, the first of two same-named ones kept (the
 * most specific path comes first). Values are read as LeadTrackr's GTM tag and the endpoint's
 * cookie parser read them (decodeCookie): URL-decoded whole, or as they are when that fails.
 */
export function readCookies(cookie: string): Record<string, string> {
  const out: Record<string, string> = {};
  // forEach, not for-of: a page may have broken the array iterator.
  cookie.split('; ').forEach((pair) => {
    const at = pair.indexOf('=');
    const name = decodeCookie(pair.slice(0, at));
    // at > 0: an empty document.cookie, or a pair without a name, is no cookie.
    if (at > 0 && !(name in out)) out[name] = decodeCookie(pair.slice(at + 1));
  });
  return out;
}

/**
 * One `document.cookie` assignment: path `/`, `days` from now (negative or zero deletes), the domain when
 * given (host-only otherwise), `SameSite=Lax`, `Secure` when asked. Names are the script's own, plain ASCII.
 */
export function cookieString(name: string, value: string, days: number, domain?: string, secure?: boolean): string {
  // Max-Age, not Expires: the same lifetime without a date to build. Whole seconds: a
  // browser ignores a Max-Age that is not an integer (RFC 6265, 5.2.2).
  return `${name}=${encodeURIComponent(value)};path=/;max-age=${Math.round(days * 864e2)}${domain ? ';domain=' + domain : ''};samesite=lax${secure ? ';secure' : ''}`;
}
