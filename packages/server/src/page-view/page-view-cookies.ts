import { nextCookies, registrableDomain, urlIds } from '@leadbeacon/rules';

/** What the endpoint knows of one page view: the page's own facts and the visitor's request cookies. */
export interface PageView {
  url: URL;
  referrer: string;
  nowMs: number;
  /** The request's cookies, URL-decoded (intake/cookies.ts). */
  cookies: Record<string, string>;
  /** `data-session-minutes`: lt_session's lifetime. */
  sessionMinutes: number;
  /** `data-click-id-days`: the lifetime of the `lb_<id>` copies. */
  clickIdDays: number;
  /** `data-utm-params`: the URL parameters read as source … term (nextCookies). */
  utmParams: string[] | undefined;
  /** The cookies' domain; fbc's subdomain index counts its labels. */
  domain: string | undefined;
}

export interface CookieToSet {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

const DAY_SECONDS = 86_400;

/**
 * The cookies a page view sets, by the same rules and in the same steps as the script's own page
 * view (packages/browser/src/index.ts): LeadTrackr's `lt_channelflow` (395 days) and `lt_session`
 * (the session timeout) from nextCookies, byte for byte what the script writes, then a `lb_<key>` copy of each click id the URL brought that differs
 * from the one kept (`data-click-id-days`).
 */
export function pageViewCookies(view: PageView): CookieToSet[] {
  const { url, cookies, nowMs } = view;
  const next = nextCookies({ flowCookie: cookies.lt_channelflow, sessionCookie: cookies.lt_session, url: url.href, referrer: view.referrer, nowMs, utmParams: view.utmParams });
  const out: CookieToSet[] = [
    { name: 'lt_channelflow', value: next.flowCookie, maxAgeSeconds: 395 * DAY_SECONDS },
    { name: 'lt_session', value: next.sessionCookie, maxAgeSeconds: view.sessionMinutes * 60 },
  ];
  const ids = urlIds(url.searchParams, cookies, nowMs, view.domain || registrableDomain(url.hostname));
  for (const key in ids) if (cookies['lb_' + key] != ids[key]) out.push({ name: 'lb_' + key, value: ids[key]!, maxAgeSeconds: view.clickIdDays * DAY_SECONDS });
  return out;
}
