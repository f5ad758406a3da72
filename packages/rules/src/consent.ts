/** Google Consent Mode's four signals, as LeadTrackr's attributionData.consent carries them. */
export type Signal = 'ad_storage' | 'analytics_storage' | 'ad_user_data' | 'ad_personalization';
export type Consent = Partial<Record<Signal, 'granted' | 'denied'>>;

// One string split at run time: smaller than an array literal of the four names (the three ad signals first).
const SIGNALS = 'ad_storage ad_user_data ad_personalization analytics_storage'.split(' ') as Signal[];

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
  // One helper builds both searches (a size trick: two near-identical regex literals cost more).
  const stateOf = (names: string) => {
    const match = RegExp(`(?:${names}):(?:(true|yes|allow|1)|false|no|deny|0)\\b`).exec(footprint);
    return match ? (match[1] ? 'granted' : 'denied') : undefined;
  };
  const ads = stateOf('marketing|advertisement|C0004');
  return pickConsent({ ad_storage: ads, ad_user_data: ads, ad_personalization: ads, analytics_storage: stateOf('statistics|analytics|C0002') });
}

/**
 * Google Consent Mode's state from `dataLayer`: the `gtag('consent', 'default' | 'update', {...})`
 * calls in order. A default limited to regions is skipped: the visitor's region is not known here.
 */
export function consentFromDataLayer(dataLayer: unknown): Consent {
  const out: Consent = {};
  for (const item of Array.isArray(dataLayer) ? dataLayer : []) {
    const call = Object(item);
    const state = call[2];
    if (call[0] == 'consent' && (call[1] == 'update' || (call[1] == 'default' && state && !state.region))) Object.assign(out, pickConsent(state));
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
