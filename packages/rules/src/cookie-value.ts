/**
 * A cookie value as LeadTrackr's GTM tag reads it (`getCookieValues`) and as a server's cookie
 * parser does (`cookie.parse`): URL-decoded as a whole, or as it is when that fails. An older
 * LeadBot wrote `lt_channelflow` as raw JSON, whose landing path may be cut inside an escape: it
 * stays whole and readable, where js-cookie's own read would drop it.
 */
export function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
