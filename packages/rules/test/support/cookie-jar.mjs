// A Chromium-like cookie jar for replaying page views without a browser: what document.cookie and
// Set-Cookie do with the attributes the channel-flow cookies use. Plain .mjs: the tests that use it
// need Node, and the packages' tsconfigs have no Node types.

/** The public suffixes of the hosts in the golden file: a Domain attribute naming one is refused. */
const PUBLIC_SUFFIXES = new Set(['com', 'nl', 'io', 'au', 'uk', 'com.au', 'co.uk']);
/** Chromium refuses a cookie whose name and value exceed 4,096 bytes (RFC 6265 §6.1's minimum). */
const MAX_NAME_VALUE = 4096;

const domainMatches = (host, domain) => host == domain || host.endsWith('.' + domain);

/**
 * Cookies by name, domain and path, with their expiry on a clock the caller passes. Reads list
 * them as Chromium does: longer paths first, then the oldest first (an overwrite keeps its place).
 */
export function createCookieJar() {
  /** @type {{name: string, value: string, domain: string, hostOnly: boolean, path: string, expiresMs: number, created: number}[]} */
  let cookies = [];
  let order = 0;
  const visible = (host, nowMs) =>
    cookies
      .filter((c) => c.expiresMs > nowMs && (c.hostOnly ? host == c.domain : domainMatches(host, c.domain)))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created);
  return {
    /** `document.cookie = text` on a page of `host` at `nowMs`; false when the browser refuses it. */
    set(text, host, nowMs) {
      const [pair, ...attributes] = text.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (name.length + value.length > MAX_NAME_VALUE) return false;
      let domain = host;
      let hostOnly = true;
      let expiresMs = Infinity;
      let maxAge;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const option = key.trim().toLowerCase();
        const optionValue = rest.join('=').trim();
        if (option == 'domain' && optionValue) {
          domain = optionValue.replace(/^\./, '').toLowerCase();
          hostOnly = false;
          if (PUBLIC_SUFFIXES.has(domain) || !domainMatches(host, domain)) return false;
        } else if (option == 'expires') expiresMs = Date.parse(optionValue);
        else if (option == 'max-age') maxAge = +optionValue;
      }
      if (maxAge !== undefined) expiresMs = nowMs + maxAge * 1000;
      const old = cookies.find((c) => c.name == name && c.domain == domain && c.hostOnly == hostOnly && c.path == '/');
      cookies = cookies.filter((c) => c != old);
      if (expiresMs > nowMs) cookies.push({ name, value, domain, hostOnly, path: '/', expiresMs, created: old ? old.created : order++ });
      return true;
    },
    /** `document.cookie` on a page of `host` at `nowMs`. */
    header(host, nowMs) {
      return visible(host, nowMs)
        .map((c) => `${c.name}=${c.value}`)
        .join('; ');
    },
    /** The first cookie of that name the page sees, as LeadTrackr's tags and js-cookie read it. */
    find(name, host, nowMs) {
      return visible(host, nowMs).find((c) => c.name == name);
    },
  };
}
