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
const LONG_NAMES = 'source medium campaign content term'.split(' ');

/**
 * A channel of the fields that `read(longName, i)` fills, in FIELDS order; an empty one is left
 * out, as LeadTrackr writes none as "". Both the URL's campaign parameters and the legacy format
 * (`channel.source` …) are read through it.
 */
export function pickChannel(read: (longName: string, i: number) => unknown): Record<string, unknown> {
  const ch: Record<string, unknown> = {};
  FIELDS.forEach((key, i) => {
    const value = read(LONG_NAMES[i]!, i);
    if (value) ch[key] = value;
  });
  return ch;
}

/**
 * The channel of a page view at `page` by LeadTrackr's rules (../shared/reference/leadtrackr.md),
 * first match wins: campaign parameters → Google click id → Microsoft click id → search-engine
 * referrer → other external referrer → direct. The second value is truthy (a string: no `!!` in
 * the script) when the URL carries a campaign signal (a campaign parameter with a value, or a click
 * id that set the channel), which starts a new flow entry even within a session when the channel
 * changed. Only the five `utmParams` count (not `utm_id`), each by its first value, as
 * LeadTrackr's tags read them (`?utm_source=&utm_source=x` is no campaign).
 */
export function channelFor(page: URL, referrer: string, utmParams: (string | undefined)[] = []): [Channel, unknown] {
  const get = (name: string) => page.searchParams.get(name);
  let refHost = '';
  try {
    // Most page views have no referrer: no exception (and its stack trace) for those.
    refHost = referrer && new URL(referrer).hostname;
  } catch {
    // An unparsable referrer counts as none.
  }
  const refDomain = registrableDomain(refHost);
  // Consent Mode's url_passthrough drags gclid along internal links: those do not count. An empty referrer is not internal.
  const external = !refHost || refDomain != registrableDomain(page.hostname);
  // A site may rename the parameters, as LeadTrackr's tags allow (their sourceParam … termParam settings).
  const ch = pickChannel((name, i) => get(utmParams[i] || 'utm_' + name)) as Partial<Channel>;
  const campaign = Object.keys(ch)[0];
  // fbclid and dclid never make a cpc channel; only these do.
  const click = external && (get('gclid') || get('gbraid') || get('wbraid') ? 'google' : get('msclkid') ? 'bing' : '');
  const label = refDomain.split('.')[0]!;
  return [
    campaign
      ? // LeadTrackr adds a missing source or medium after the others: {"cm":"x","s":"(not set)","m":"(not set)"}.
        { ...ch, s: ch.s || '(not set)', m: ch.m || '(not set)' }
      : click
        ? { s: click, m: 'cpc' }
        : external && refHost
          ? SEARCH_ENGINES.test(label)
            ? { s: label, m: 'organic' }
            : { s: refHost, m: 'referral' }
          : { s: 'direct', m: 'none' },
    campaign || click,
  ];
}
