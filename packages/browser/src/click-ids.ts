/**
 * Ad click ids, `key:vendor cookie`; the URL parameter is the key, except scclid's `ScCid`/`sccid`
 * (../shared/reference/leadtrackr.md). dclid's `_gcl_dc` is Google's own cookie for it; yclid has
 * no vendor cookie, only the script's own. A string: the smallest way to ship the table.
 */
const CLICK_IDS =
  'gclid:_gcl_aw gbraid:_gcl_ag wbraid:_gcl_gb dclid:_gcl_dc msclkid:_uetmsclkid ttclid:ttclid li_fat_id:li_fat_id twclid:twclid epik:_epik scclid:_scclid rdt_cid:_rdt_cid yclid:';

/** The script's own cookie for an id this site's URL brought: kept even when the vendor's pixel is not on the page. */
export const ownCookie = (key: string): string => 'lb_' + key;

/**
 * Each click id from the URL first, then the vendor's cookie, then the script's own cookie; never
 * invented. Returns [every id found, those taken from the URL (to keep in the script's own cookies)].
 */
export function readClickIds(
  params: URLSearchParams,
  cookies: Record<string, string | undefined>,
): [Record<string, string>, Record<string, string>] {
  const ids: Record<string, string> = {};
  const fromUrl: Record<string, string> = {};
  for (const pair of CLICK_IDS.split(' ')) {
    const [key, vendor] = pair.split(':') as [string, string];
    const url = key == 'scclid' ? params.get('ScCid') || params.get('sccid') : params.get(key);
    const value = url || fromVendorCookie(cookies[vendor]) || cookies[ownCookie(key)];
    if (url) fromUrl[key] = url;
    if (value) ids[key] = value;
  }
  return [ids, fromUrl];
}

/**
 * A click id from its vendor cookie: Google's `_gcl_*` hold `GCL.<ts>.<id>`, Microsoft's
 * `_uetmsclkid` holds `_uet<id>`, the others the id as is. A `GCL` value in another shape is ignored.
 */
export function fromVendorCookie(value: string | undefined): string | undefined {
  if (value && value.startsWith('GCL')) return (/^GCL\.\d+\.(.+)/.exec(value) || [])[1];
  return value && value.replace(/^_uet/, '');
}
