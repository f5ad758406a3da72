/**
 * Decides whether a request's Origin may send beacons. Entries are exact origins
 * (`https://www.example.com`) or wildcards for subdomains (`*.example.com`, `http://*.example.com:8080`).
 * With no entries, only the endpoint's own origin may: strict by default, never a reflected `*`.
 */
export type OriginMatcher = (origin: string, selfOrigin: string | undefined) => boolean;

/** `https://*.example.com` or `*.example.com`; a bare pattern means https, as on the public web. */
const WILDCARD = /^(?:(https?):\/\/)?\*\.([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?$/i;

/** One DNS label as CSP's host-char allows it (RFC 1123 LDH): 1 to 63 characters, no hyphen at either end. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** RFC 1035's limit on a whole host name; also bounds the label walk below. */
const HOST_MAX = 253;
/** `https://` + the longest host + `:65535`: anything longer is no origin, and is refused before parsing. */
const ORIGIN_MAX = 8 + HOST_MAX + 6;

/** Whether `prefix` (the part a wildcard stands for) is one or more well-formed labels: never `.x`, `a..b` or `-a`. */
function isSubdomainPrefix(prefix: string): boolean {
  return prefix.length > 0 && prefix.split('.').every((label) => LABEL.test(label));
}

/**
 * Compiles the allowed origins once. Wildcards follow CSP host-source semantics
 * (https://www.w3.org/TR/CSP3/#match-hosts): `*.example.com` matches any depth of subdomain,
 * never `example.com` itself. Throws a TypeError naming the first entry that is neither form.
 */
export function compileOrigins(allowedOrigins: readonly string[]): OriginMatcher {
  const exact = new Set<string>();
  const wildcards: { scheme: string; suffix: string; port: string }[] = [];
  for (const entry of allowedOrigins) {
    const wildcard = WILDCARD.exec(entry);
    if (wildcard) {
      const scheme = (wildcard[1] ?? 'https').toLowerCase();
      wildcards.push({ scheme, suffix: `.${wildcard[2]!.toLowerCase()}`, port: wildcard[3] ?? '' });
    } else if (!entry.includes('*') && URL.canParse(entry) && new URL(entry).origin === entry) {
      exact.add(entry);
    } else {
      throw new TypeError(
        `Expected \`allowedOrigins\` to hold origins like "https://www.example.com" or "*.example.com", got ${JSON.stringify(entry)}`,
      );
    }
  }
  if (exact.size === 0 && wildcards.length === 0) return (origin, selfOrigin) => origin === selfOrigin;

  return (origin) => {
    if (exact.has(origin)) return true;
    if (wildcards.length === 0 || origin.length > ORIGIN_MAX || !URL.canParse(origin)) return false;
    const url = new URL(origin);
    // Only a serialized origin (scheme://host[:port], nothing else) may match a wildcard.
    if (url.origin !== origin) return false;
    const scheme = url.protocol.slice(0, -1);
    const host = url.hostname;
    if (host.length > HOST_MAX) return false;
    return wildcards.some(
      (w) => w.scheme === scheme && w.port === url.port && host.endsWith(w.suffix) && isSubdomainPrefix(host.slice(0, -w.suffix.length)),
    );
  };
}

/**
 * CORS response headers for an allowed origin (expressjs/cors semantics: echo it, Vary on it).
 * Credentials are allowed: server mode sends the visitor's cookies with page views and leads, and
 * a credentialed answer without this header is unreadable, so the script would keep the lead.
 */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' };
}

/** Extra headers for a preflight; beacons are simple requests, but fetch with JSON preflights. */
export const PREFLIGHT_HEADERS: Record<string, string> = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};
