import type { FlowEntry } from './flow-entry.js';
import { channelFor, FIELDS, LONG_NAMES, type Channel } from './channel.js';

/** LeadTrackr's limits: at most 25 entries and 3,500 URL-encoded characters (../shared/reference/leadtrackr.md). */
const MAX_ENTRIES = 25;
const MAX_ENCODED = 3500;
/**
 * Chromium refuses a cookie whose name and value exceed 4,096 bytes (RFC 6265 §6.1's minimum),
 * and keeps the old one: the value written must fit, or the flow it would replace is kept.
 */
const MAX_COOKIE = 4096 - 'lt_channelflow'.length;

/** What a page view (in the page, or on the endpoint from the request) knows of the channel flow. */
export interface FlowInput {
  /** `lt_channelflow` exactly as the browser holds it (document.cookie, the Cookie header): not decoded. */
  flowCookie: string | undefined;
  /** `lt_session`'s value: only whether the cookie exists counts. */
  sessionCookie: string | undefined;
  /** The page's URL: its campaign parameters, click ids, host and path. */
  url: string;
  /** The page's referrer ('' when none). */
  referrer: string;
  nowMs: number;
  /**
   * The URL parameters read as source, medium, campaign, content and term, in that order; a
   * missing or empty name is the `utm_*` default (as LeadTrackr's `sourceParam` … settings).
   * @default ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term']
   */
  utmParams?: (string | undefined)[] | undefined;
}

export interface FlowCookies {
  /**
   * The new `lt_channelflow` value, URL-encoded as LeadTrackr writes it (395 days): set it as is.
   * Undefined when it would not fit in a cookie: leave the one the browser has.
   */
  flowCookie: string | undefined;
  /** `lt_session`'s value: set it on every page view, for the session timeout. */
  sessionCookie: string;
  /** The channel flow the browser holds afterwards, as a lead sends it. */
  flow: FlowEntry[];
}

/**
 * The cookies one page view leaves, by the rules LeadTrackr's GTM tag, WordPress plugin and
 * LeadBot share: the one function the script and the endpoint both call, so that what one writes
 * the other reads back byte for byte.
 */
export function nextCookies({ flowCookie, sessionCookie, url, referrer, nowMs, utmParams }: FlowInput): FlowCookies {
  const { searchParams, hostname, pathname } = new URL(url);
  const read = parseFlow(flowCookie);
  // An lt_session with an empty value still exists (the GTM tag's getCookieValues finds it).
  const flow = nextFlow(read, nowMs, sessionCookie != null, channelFor(searchParams, hostname, referrer, utmParams), pathname);
  const value = encodeURIComponent(JSON.stringify(flow));
  const fits = value.length <= MAX_COOKIE;
  return { flowCookie: fits ? value : undefined, sessionCookie: '1', flow: fits ? flow : read };
}

/**
 * Parses a raw `lt_channelflow` value as the GTM tag reads it: URL-decoded as a whole, or taken
 * as it is when that fails (a raw JSON cookie with a broken escape), then JSON when it starts with
 * `[`; anything else is an empty flow. Entries in the compact format pass through untouched (the
 * same objects: no key added, none coerced); the legacy long form (`timestamp`, `channel.source` …)
 * is converted, keeping only the fields it fills; any other entry is dropped.
 */
export function parseFlow(raw: string | undefined): FlowEntry[] {
  const flow: FlowEntry[] = [];
  let text = raw;
  try {
    text = decodeURIComponent(raw!);
  } catch {
    // A broken escape: LeadTrackr reads the value as it is.
  }
  try {
    if (text![0] == '[') {
      for (const entry of JSON.parse(text!)) {
        if (entry?.t && entry.ch) flow.push(entry);
        else if (entry?.timestamp && entry.channel) {
          const ch: Record<string, unknown> = {};
          FIELDS.forEach((key, i) => {
            const value = entry.channel[LONG_NAMES[i]!];
            if (value) ch[key] = value;
          });
          flow.push({ t: entry.timestamp, ch });
        }
      }
    }
  } catch {
    // Not JSON: an empty flow.
  }
  return flow;
}

/**
 * The flow after a page view: a new entry when there is no flow yet, the session expired
 * (`lt_session` gone), or a campaign signal brings a channel other than the last entry's;
 * otherwise the flow as it was. Only when an entry is added are the limits applied, measured on
 * the cookie as written: over 25 entries or 3,500 URL-encoded characters, entry index 1 goes (the
 * first touch is never dropped). The landing path is cut at 100 characters.
 */
export function nextFlow(flow: FlowEntry[], nowMs: number, hasSession: boolean, [ch, campaign]: [Channel, boolean], path: string): FlowEntry[] {
  const last = flow[flow.length - 1];
  const lastCh = Object(last?.ch);
  if (!last || !hasSession || (campaign && FIELDS.some((key) => (lastCh[key] || '') !== (ch[key] || '')))) {
    flow = [...flow, path ? { t: nowMs, ch, lp: path.slice(0, 100) } : { t: nowMs, ch }];
    while (flow.length > MAX_ENTRIES || (flow[1] && encodeURIComponent(JSON.stringify(flow)).length > MAX_ENCODED)) flow.splice(1, 1);
  }
  return flow;
}
