/**
 * The ids in the URL, LeadTrackr's attributionData keys (../shared/reference/leadtrackr.md); the
 * URL parameter is the key, except scclid's `ScCid` (Snap's capitals: LeadTrackr's integrations
 * read no lower-case `sccid`, nor Yandex's `yclid`). `oppref` is OpenAI's click id. Beyond
 * LeadTrackr, Google's `gad_source` and `gad_campaignid`: Safari's and Firefox's tracking
 * protection strips gclid from a link and leaves them, so such a lead still names its campaign.
 * fbclid makes `fbc` (fbcFor below).
 */
const CLICK_IDS = 'gclid gbraid wbraid dclid msclkid ttclid li_fat_id twclid epik rdt_cid oppref gad_source gad_campaignid scclid';

/**
 * The cookies the endpoint reads ids from (packages/server/src/lead/attribution.ts): GA's `_ga`,
 * Google's `_gcl_*`, Meta's `_fbc`/`_fbp`, Microsoft's `_uet*` and a server container's `uet_*`,
 * TikTok's `ttclid`/`_ttp`, LinkedIn's, X's, Pinterest's, Snap's, Reddit's (`_rdt_*`, and the older
 * pixel's `rdt_cid`), OpenAI's `__oppref`/`__obref`, and the script's own `lb_<key>` copies. Only
 * these leave the page: a site's other cookies may hold anything.
 */
const ID_COOKIES = /^(_ga$|_gcl_|_fb[cp]$|_?uet|_ttp$|ttclid$|li_fat_id$|twclid$|_epik$|_sc|_?rdt_|__o[pb]|lb_)/;

/**
 * The click ids this page's URL brought, and `fbc` from fbclid; never invented. The endpoint
 * prefers them to any cookie; the page keeps them in its own cookies (`lb_<key>`) for later visits.
 */
export function urlIds(params: URLSearchParams, cookies: Record<string, string | undefined>, nowMs: number, fbcDomain: string): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const key of CLICK_IDS.split(' ')) {
    const value = params.get(key == 'scclid' ? 'ScCid' : key);
    if (value) ids[key] = value;
  }
  const fbclid = params.get('fbclid');
  if (fbclid) ids.fbc = fbcFor(fbclid, [cookies._fbc, cookies.lb_fbc], nowMs, fbcDomain);
  return ids;
}

/** The id cookies among `cookies`, raw: the endpoint parses them (GA's, Google's and Microsoft's formats). */
export function idCookies(cookies: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in cookies) if (ID_COOKIES.test(name)) out[name] = cookies[name]!;
  return out;
}

/**
 * Meta's click id `fbc` = `fb.<subdomainIndex>.<creationTimeMs>.<fbclid>`
 * (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/fbp-and-fbc/).
 * A cookie that already holds this click id (segment 3: a fifth segment may follow) is kept, so a
 * reload does not reset its creation time; otherwise it is built anew, the click id byte-exact.
 * The subdomain index counts the labels of the cookie's domain less one ('example.com' 1).
 */
export function fbcFor(fbclid: string, cookies: (string | undefined)[], nowMs: number, domain: string): string {
  return cookies.find((fbc) => fbc && fbc.split('.')[3] === fbclid) || `fb.${domain.split('.').length - 1}.${nowMs}.${fbclid}`;
}
