/** Visitor ids other tags set, sent as they are, each from the cookie `_<key>`. A string: the smallest way to ship the table. */
const AS_IS = 'fbp uetvid ttp scid rdt_uuid';

/** GA4's client and session ids, Meta's browser id and the other pixels' visitor ids, from their cookies. */
export function readBrowserIds(cookies: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  const cid = clientIdFromGa(cookies._ga);
  if (cid) out.cid = cid;
  // With several GA4 properties on the site, the first `_ga_<ID>` cookie holding a session wins.
  for (const name in cookies) {
    const sid = name.startsWith('_ga_') && sessionIdFromGa(cookies[name]);
    if (sid && !out.sid) out.sid = sid;
  }
  for (const key of AS_IS.split(' ')) {
    const value = cookies['_' + key];
    if (value) out[key] = value;
  }
  return out;
}

/** `_ga` is `GA1.1.<random>.<timestamp>`; GA4's client id is the last two dot parts. */
export function clientIdFromGa(ga: string | undefined): string | undefined {
  return (/^GA\d\.\d+\.(\d+\.\d+)$/.exec(ga!) || [])[1];
}

/** The session id in `_ga_<ID>`: `GS1.1.<sid>.<count>…` or the newer `GS2.1.s<sid>$o<count>…`. */
export function sessionIdFromGa(value: string | undefined): string | undefined {
  return (/^GS(?:1\.\d+\.|2\.\d+\.s)(\d+)/.exec(value!) || [])[1];
}
