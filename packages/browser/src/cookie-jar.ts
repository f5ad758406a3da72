/**
 * `document.cookie` read and written as js-cookie did for this script (its reader, and its writer
 * with an `encodeURIComponent` converter), in a fraction of its bytes: the script needs no more
 * than these two functions. Values are URL-encoded whole, as LeadTrackr's `lt_channelflow` is.
 */

/**
 * The cookies of a `document.cookie` string by name: names and values URL-decoded, surrounding
 * quotes dropped (RFC 6265's quoted form), the first of two same-named ones kept (the most
 * specific path comes first), and a pair that does not decode skipped.
 */
export function readCookies(cookie: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of cookie.split('; ')) {
    const at = pair.indexOf('=');
    try {
      const name = decodeURIComponent(pair.slice(0, at));
      // at > 0: an empty document.cookie, or a pair without a name, is no cookie.
      if (at > 0 && !(name in out)) out[name] = decodeURIComponent(pair.slice(at + 1).replace(/^"(.*)"$/, '$1'));
    } catch {
      // A malformed escape: that cookie is not one of ours.
    }
  }
  return out;
}

/**
 * One `document.cookie` assignment: path `/`, `days` from now (negative deletes), the domain when
 * given (host-only otherwise), `SameSite=Lax`, `Secure` when asked. Names are the script's own, plain ASCII.
 */
export function cookieString(name: string, value: string, days: number, domain?: string, secure?: boolean): string {
  return `${name}=${encodeURIComponent(value)};path=/;expires=${new Date(Date.now() + days * 864e5).toUTCString()}${domain ? ';domain=' + domain : ''};samesite=lax${secure ? ';secure' : ''}`;
}
