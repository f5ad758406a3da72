/**
 * Decides whether a request's Origin may send beacons. With no allowed origins configured, only
 * the endpoint's own origin may: strict by default, never a reflected `*`.
 */
export function isOriginAllowed(origin: string, allowedOrigins: readonly string[], selfOrigin: string | undefined): boolean {
  if (allowedOrigins.length === 0) return origin === selfOrigin;
  return allowedOrigins.includes(origin);
}

/** CORS response headers for an allowed origin (expressjs/cors semantics: echo it, Vary on it). */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** Extra headers for a preflight; beacons are simple requests, but fetch with JSON preflights. */
export const PREFLIGHT_HEADERS: Record<string, string> = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};
