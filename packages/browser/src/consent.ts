/** Google Consent Mode's four signals, as LeadTrackr's attributionData.consent carries them. */
export type Signal = 'ad_storage' | 'analytics_storage' | 'ad_user_data' | 'ad_personalization';
export type Consent = Partial<Record<Signal, 'granted' | 'denied'>>;

const AD_SIGNALS = ['ad_storage', 'ad_user_data', 'ad_personalization'] as const;
const SIGNALS: Signal[] = [...AD_SIGNALS, 'analytics_storage'];

/**
 * Consent from the CMP's own footprint, first CMP first: Cookiebot's `CookieConsent`
 * ({stamp:'…',statistics:true,marketing:false,…}), OneTrust's `OptanonConsent` (groups=C0002:0,C0004:1:
 * performance, targeting), `cookieyes-consent` (…,analytics:yes,advertisement:no,…) and Complianz's
 * `cmplz_marketing`/`cmplz_statistics` (allow | deny). Marketing maps to the three ad signals and
 * statistics to analytics_storage, as the CMPs' own Consent Mode integrations do. A choice not
 * recorded (Cookiebot's "-1": no consent needed in the region) is left out.
 */
export function consentFromCmp(cookies: Record<string, string | undefined>): Consent {
  // One string, one search per category: the first CMP that records the choice wins.
  const footprint = [cookies.CookieConsent, cookies.OptanonConsent, cookies['cookieyes-consent'], 'marketing:' + cookies.cmplz_marketing, 'statistics:' + cookies.cmplz_statistics].join();
  const ads = stateOf(/(?:marketing|advertisement|C0004):(true|false|yes|no|allow|deny|[01])\b/.exec(footprint));
  const out: Record<string, unknown> = { analytics_storage: stateOf(/(?:statistics|analytics|C0002):(true|false|yes|no|allow|deny|[01])\b/.exec(footprint)) };
  for (const signal of AD_SIGNALS) out[signal] = ads;
  return pickConsent(out);
}

function stateOf(match: RegExpExecArray | null): string | undefined {
  return match ? (/^(true|yes|allow|1)$/.test(match[1]!) ? 'granted' : 'denied') : undefined;
}

/**
 * Google Consent Mode's state from `dataLayer`: the `gtag('consent', 'default' | 'update', {...})`
 * calls in order. A default limited to regions is skipped: the visitor's region is not known here.
 */
export function consentFromDataLayer(dataLayer: unknown): Consent {
  let out: Consent = {};
  for (const item of Array.isArray(dataLayer) ? dataLayer : []) {
    const call = Object(item);
    const state = call[2];
    if (call[0] == 'consent' && (call[1] == 'update' || (call[1] == 'default' && state && !state.region))) {
      out = { ...out, ...pickConsent(state) };
    }
  }
  return out;
}

/** The known signals of `value`, each "granted" or "denied"; anything else is left out. */
export function pickConsent(value: unknown): Consent {
  const out: Consent = {};
  for (const signal of SIGNALS) {
    const state = Object(value)[signal];
    if (state == 'granted' || state == 'denied') out[signal] = state;
  }
  return out;
}

/** Per signal, the first source that knows it: the explicit API call, then the CMP, then Consent Mode. */
export function mergeConsent(...sources: Consent[]): Consent {
  return Object.assign({}, ...sources.reverse());
}
