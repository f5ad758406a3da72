import { consentFromCmp, mergeConsent, pickConsent, signalFor, type Consent } from '@leadbeacon/rules';
import { isSameSite, parseUrl, requestCookies, setCookie, sharedCookieDomain } from '../intake/cookies.js';
import type { HandleInput, HandleResult } from '../intake/handle.js';
import { parsePageView } from '../intake/schema.js';
import { pageViewCookies } from './page-view-cookies.js';

export interface PageViewSettings {
  /** The endpoint's `cookieDomain` option: wins over the page's `data-cookie-domain` when both hosts are within it. */
  cookieDomain: string | undefined;
  now(): number;
}

/** How the core answers a refusal; handle.ts's, so page views are counted and logged like leads. */
type Reject = (status: number, headers: Record<string, string>, error: string, message: string, extra?: object) => HandleResult;

/**
 * Server mode's page view: the page tells the endpoint its URL, referrer and consent; the endpoint
 * reads the visitor's cookies from the request, applies the script's rules and answers 204 with
 * `Set-Cookie` for LeadTrackr's `lt_channelflow` and `lt_session` and the `lb_<id>` click-id copies.
 * Server-set cookies are not capped at 7 days as Safari caps script-set ones. Nothing is stored,
 * the API key is not used, and no cookie is set unless the page and the endpoint are one site
 * (a cookie for any other would be a third-party one, or refused).
 */
export function createPageViewHandler(settings: PageViewSettings) {
  return function handlePageView(input: HandleInput, origin: string, body: unknown, cors: Record<string, string>, reject: Reject): HandleResult {
    const parsed = parsePageView(body);
    if (!parsed.ok) return reject(400, cors, 'invalid_page_view', parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: parsed.issues });
    const { view } = parsed;
    const url = parseUrl(view.u);
    // The page reports its own view: a URL of another origin is not one the sender can be on.
    if (!url || url.origin !== origin) return reject(400, cors, 'invalid_page_view', 'u: must be the URL of the page that sends it');
    const endpointHost = parseUrl(input.selfOrigin)?.hostname ?? '';
    if (!isSameSite(url.hostname, endpointHost)) {
      return reject(403, cors, 'not_same_site', 'Server-set cookies need the endpoint on the page’s own site; use data-cookies="script"');
    }

    const nowMs = settings.now();
    const cookies = requestCookies(input.headers);
    const domain = sharedCookieDomain(url.hostname, endpointHost, settings.cookieDomain ?? view.d);
    // data-consent="required": the explicit API call first, then the CMP's own cookie, then Consent Mode.
    const consent: Consent | undefined = view.q ? mergeConsent(pickConsent(view.c), consentFromCmp(cookies), pickConsent(view.l)) : undefined;
    const secure = url.protocol === 'https:';
    const setCookies = pageViewCookies({ url, referrer: view.r ?? '', nowMs, cookies, sessionMinutes: view.s ?? 30, clickIdDays: view.k ?? 90, utmParams: view.p, domain })
      .filter((cookie) => !consent || consent[signalFor(cookie.name)] === 'granted')
      // LeadTrackr's tags read lt_* in the page; the click-id copies only the endpoint reads, so script on the page cannot.
      .map((cookie) => setCookie(cookie.name, cookie.value, { maxAgeSeconds: cookie.maxAgeSeconds, domain, secure, httpOnly: cookie.name.startsWith('lb_') }));
    return { status: 204, headers: { ...cors, 'cache-control': 'no-store' }, body: '', cookies: setCookies };
  };
}
