/**
 * Reads the attribution ids for a lead from the page URL's query and the cookies.
 * URL first, then the vendor cookie; an id that is not there is left out, never invented.
 */
export function readAttribution(
  search: string,
  cookies: Record<string, string | undefined>,
): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  const gclid = params.get('gclid');
  if (gclid) out.gclid = gclid;
  const cid = clientIdFromGa(cookies._ga);
  if (cid) out.cid = cid;
  return out;
}

/** `_ga` is `GA1.1.<random>.<timestamp>`; GA4's client id is the last two dot parts. */
export function clientIdFromGa(ga: string | undefined): string | undefined {
  const m = ga && /^GA\d\.\d+\.(\d+\.\d+)$/.exec(ga);
  return m ? m[1] : undefined;
}
