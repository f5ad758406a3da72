/**
 * Meta's click id `fbc` = `fb.<subdomainIndex>.<creationTimeMs>.<fbclid>`
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc/).
 * With an fbclid in the URL, a cookie that already holds that click id (segment 3: a fifth segment
 * may follow) is kept, so a reload does not reset its creation time; otherwise it is built anew,
 * the click id byte-exact. Without one, `_fbc` or the script's own copy is sent as is.
 */
export function fbcFor(
  fbclid: string | null,
  cookies: (string | undefined)[],
  nowMs: number,
  subdomainIndex: number,
): string | undefined {
  if (!fbclid) return cookies.find(Boolean);
  return cookies.find((fbc) => fbc && fbc.split('.')[3] === fbclid) || `fb.${subdomainIndex}.${nowMs}.${fbclid}`;
}

/** Meta's subdomain index: the labels of the domain the cookie lives on, less one ('com' 0, 'example.com' 1, 'www.example.com' 2). */
export function subdomainIndex(domain: string): number {
  return domain.split('.').length - 1;
}
