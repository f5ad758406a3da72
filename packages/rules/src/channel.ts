import type { FlowEntry } from './flow-entry.js';
import { registrableDomain } from './domain.js';

export type Channel = FlowEntry['ch'];

const SEARCH_ENGINES = /^(google|bing|yahoo|duckduckgo|baidu|ecosia|yandex|startpage|qwant|brave|naver)$/;
/**
 * An entry's channel fields, in the order LeadTrackr writes them, and their long names (UTM
 * suffixes, the legacy format's keys). Strings split at run time: smaller than array literals.
 */
export const FIELDS = 's m cm ct tm'.split(' ') as (keyof Channel)[];
export const LONG_NAMES = 'source medium campaign content term'.split(' ');

/**
 * A page view's channel by LeadTrackr's rules (../shared/reference/leadtrackr.md), first match wins:
 * utm_* → Google click id → Microsoft click id → search-engine referrer → other external referrer → direct.
 * The flag is true when the URL carries a campaign signal (UTMs, or a click id that set the channel),
 * which starts a new flow entry even within a session when the channel changed.
 */
export function channelFor(params: URLSearchParams, host: string, referrer: string): [Channel, boolean] {
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
  // Every rule yields field values for compact(), so the channel is built in one place.
  const campaign = /(^|&)utm_[^=&]*=[^&]/.test(params + '')
    ? LONG_NAMES.map((name) => get('utm_' + name))
    : // fbclid and dclid never make a cpc channel; only these do.
      external && (get('gclid') || get('gbraid') || get('wbraid'))
      ? ['google', 'cpc']
      : external && get('msclkid')
        ? ['bing', 'cpc']
        : 0;
  const label = refDomain.split('.')[0]!;
  return [
    compact(campaign || (external && refHost ? (SEARCH_ENGINES.test(label) ? [label, 'organic'] : [refHost, 'referral']) : ['direct', 'none'])),
    !!campaign,
  ];
}

/**
 * A channel from its field values in `FIELDS` order: empty ones left out (LeadTrackr writes none
 * as ""), except source and medium, which an entry needs: GA's "(not set)" then. Each is cut to the
 * endpoint's 200-character cap so a long UTM cannot cost the lead.
 */
export function compact(values: unknown[]): Channel {
  const ch: Record<string, string> = {};
  FIELDS.forEach((key, i) => {
    const value = String(values[i] ?? '');
    if (value || i < 2) ch[key] = (value || '(not set)').slice(0, 200);
  });
  return ch as Channel;
}
