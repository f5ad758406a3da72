import type { FlowEntry } from './beacon';
import { registrableDomain } from './domain';

export type Channel = FlowEntry['ch'];

const SEARCH_ENGINES = /^(google|bing|yahoo|duckduckgo|baidu|ecosia|yandex|startpage|qwant|brave|naver)$/;
/** An entry's channel fields, in the order LeadTrackr writes them, and their long names (UTM suffixes, the legacy format's keys). */
const FIELDS = ['s', 'm', 'cm', 'ct', 'tm'] as const;
export const LONG_NAMES = ['source', 'medium', 'campaign', 'content', 'term'];

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
  if (/(^|&)utm_[^=&]*=[^&]/.test(params + '')) return [compact(LONG_NAMES.map((name) => get('utm_' + name))), true];
  // Consent Mode's url_passthrough drags gclid along internal links: those do not count. An empty referrer is not internal.
  if (!refHost || registrableDomain(refHost) != registrableDomain(host)) {
    // fbclid and dclid never make a cpc channel; only these do.
    if (get('gclid') || get('gbraid') || get('wbraid')) return [{ s: 'google', m: 'cpc' }, true];
    if (get('msclkid')) return [{ s: 'bing', m: 'cpc' }, true];
    const label = registrableDomain(refHost).split('.')[0]!;
    if (refHost) return [SEARCH_ENGINES.test(label) ? { s: label, m: 'organic' } : { s: refHost, m: 'referral' }, false];
  }
  return [{ s: 'direct', m: 'none' }, false];
}

/** Whether two channels are the same, field by field. */
export function isSameChannel(a: Channel, b: Channel): boolean {
  return FIELDS.every((key) => a[key] == b[key]);
}

/**
 * A channel from its field values in `FIELDS` order: empty ones left out (LeadTrackr writes none
 * as ""), except source and medium, which an entry needs: GA's "(not set)" then. Each is cut to the
 * endpoint's 200-character cap so a long UTM cannot cost the lead.
 */
export function compact(values: unknown[]): Channel {
  const ch: Record<string, string> = {};
  FIELDS.forEach((key, i) => {
    const value = values[i] ?? '';
    if (value !== '' || i < 2) ch[key] = value === '' ? '(not set)' : String(value).slice(0, 200);
  });
  return ch as Channel;
}
