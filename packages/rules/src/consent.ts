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
 * Google Consent Mode's state, live, from the store gtag.js and GTM keep
 * (`window.google_tag_data.ics`), read as LeadBot and LeadTrackr's WordPress plugin read it:
 * `getConsentState(signal)` answers 1 (granted) or 2 (denied), anything else (0: never set) is
 * unknown. It holds what a banner set through GTM's consent APIs, which push nothing to
 * `dataLayer`, every `gtag('consent', …)` call gtag has processed, and gtag's own resolution of a
 * regional default. The `dataLayer` calls themselves are not read: once gtag has loaded they are all
 * in this state, and before (or when it is blocked) LeadTrackr's integrations do not read them
 * either; the CMP's cookie still speaks then. No documented API, so a store that is missing or
 * throws yields nothing, never a guess.
 */
export function consentFromConsentMode(googleTagData: any): Consent {
  const out: Consent = {};
  for (const signal of SIGNALS) {
    try {
      // As a method, never detached: gtag reads its entries through `this`.
      const state = ([, 'granted', 'denied'] as const)[googleTagData.ics.getConsentState(signal)];
      if (state) out[signal] = state;
    } catch {}
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
