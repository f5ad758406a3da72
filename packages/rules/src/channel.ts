import { registrableDomain } from './domain.js';

/** A new entry's channel: its keys in the order LeadTrackr writes them (see channelFor). */
export interface Channel {
  s: string;
  m: string;
  cm?: string;
  ct?: string;
  tm?: string;
}

const SEARCH_ENGINES = /^(google|bing|yahoo|duckduckgo|baidu|ecosia|yandex|startpage|qwant|brave|naver)$/;
/** A channel's keys; the legacy long format's names and the default URL parameters follow the same order. */
export const FIELDS = 's m cm ct tm'.split(' ') as (keyof Channel)[];
export const LONG_NAMES = 'source medium campaign content term'.split(' ');
/**
 * The URL parameters read as source, medium, campaign, content and term: LeadTrackr's GTM tag,
 * WordPress plugin and sGTM tag let a site rename them (their `sourceParam` … `termParam`).
 */
export const UTM_PARAMS = LONG_NAMES.map((name) => 'utm_' + name);

/**
 * A page view's channel by LeadTrackr's rules (../shared/reference/leadtrackr.md), first match wins:
 * campaign parameters → Google click id → Microsoft click id → search-engine referrer → other
 * external referrer → direct. The flag is true when the URL carries a campaign signal (a campaign
 * parameter with a value, or a click id that set the channel), which starts a new flow entry even
 * within a session when the channel changed. Only the five `utmParams` count (not `utm_id`), each
 * by its first value, as LeadTrackr's tags read them (`?utm_source=&utm_source=x` is no campaign).
 */
export function channelFor(params: URLSearchParams, host: string, referrer: string, utmParams: (string | undefined)[] = []): [Channel, boolean] {
  const get = (name: string) => params.get(name);
  let refHost = '';
  try {
    // Most page views have no referrer: no exception (and its stack trace) for those.
    refHost = referrer && new URL(referrer).hostname;
  } catch {
    // An unparsable referrer counts as none.
  }
  const refDomain = registrableDomain(refHost);
  // Consent Mode's url_passthrough drags gclid along internal links: those do not count. An empty referrer is not internal.
  const external = !refHost || refDomain != registrableDomain(host);
  const ch: Record<string, string> = {};
  FIELDS.forEach((key, i) => {
    const value = get(utmParams[i]?.trim() || UTM_PARAMS[i]!);
    if (value) ch[key] = value;
  });
  // LeadTrackr adds a missing source or medium after the others: {"cm":"x","s":"(not set)","m":"(not set)"}.
  const campaign = FIELDS.some((key) => ch[key]);
  if (campaign) for (const key of FIELDS.slice(0, 2)) ch[key] ||= '(not set)';
  const label = refDomain.split('.')[0]!;
  const [s, m] = campaign
    ? []
    : // fbclid and dclid never make a cpc channel; only these do.
      external && (get('gclid') || get('gbraid') || get('wbraid'))
      ? ['google', 'cpc']
      : external && get('msclkid')
        ? ['bing', 'cpc']
        : external && refHost
          ? SEARCH_ENGINES.test(label)
            ? [label, 'organic']
            : [refHost, 'referral']
          : ['direct', 'none'];
  return [campaign ? (ch as unknown as Channel) : { s: s!, m: m! }, campaign || m == 'cpc'];
}
