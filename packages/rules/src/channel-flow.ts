import type { FlowEntry } from './flow-entry.js';
import { channelFor, FIELDS, pickChannel } from './channel.js';

/** LeadTrackr's limits: at most 25 entries and 3,500 URL-encoded characters (../shared/reference/leadtrackr.md). */
const MAX_ENTRIES = 25;
const MAX_ENCODED = 3500;

/**
 * What a page view knows of the channel flow. Cookie values are as a cookie parser reads them
 * (the script's cookie-jar.ts in the page, `cookie.parse`/cookie-parser on a server): URL-decoded as a
 * whole, or as they are when that fails, which is how LeadTrackr's GTM tag reads `lt_channelflow`
 * (a raw JSON cookie from an older LeadBot with a broken escape stays whole and readable).
 */
export interface FlowInput {
  /** `lt_channelflow`, decoded as above; undefined when there is none. */
  flowCookie: string | undefined;
  /** `lt_session`: only whether the cookie exists counts, an empty value too. */
  sessionCookie: string | undefined;
  /** The page's URL: its campaign parameters, click ids, host and path. */
  url: string;
  /** The page's referrer ('' when none). */
  referrer: string;
  nowMs: number;
  /**
   * The URL parameters read as source, medium, campaign, content and term, in that order; a
   * missing or empty name is the `utm_` default (LeadTrackr's custom UTM parameters).
   * @default ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term']
   */
  utmParams?: (string | undefined)[] | undefined;
}

export interface FlowCookies {
  /**
   * `lt_channelflow`'s new value, JSON; the cookie writer URL-encodes it (encodeURIComponent, the
   * the script's cookie-jar.ts, `cookie.serialize` and Express's `res.cookie` all do), as
   * LeadTrackr's tags write it. Set it for 395 days, on every page view. No channel value is cut:
   * in the rare flow that an entry alone takes it past 4 KB, the browser refuses the cookie and
   * keeps the one it has (Chromium: name and value over 4,096 bytes), as with LeadTrackr's tags.
   */
  flowCookie: string;
  /** `lt_session`'s value: set it on every page view, for the session timeout. */
  sessionCookie: string;
  /** The channel flow the browser holds afterwards, as a lead sends it. */
  flow: FlowEntry[];
}

/**
 * The cookies one page view leaves, by the rules LeadTrackr's GTM tag, WordPress plugin and
 * LeadBot share (where they differ, the GTM tag's; ARCHITECTURE.md). The one function the script
 * and the endpoint both call, so what one writes the other reads back byte for byte.
 *
 * A new entry `{t, ch, lp}` starts when there is no flow yet, the session expired (`lt_session`
 * gone), or a campaign signal brings a channel other than the last entry's. Only then are the
 * limits applied, measured on the cookie as written: over 25 entries or 3,500 URL-encoded
 * characters, entry index 1 goes (the first touch is never dropped). Otherwise the flow is
 * written back as read.
 */
export function nextCookies({ flowCookie, sessionCookie, url, referrer, nowMs, utmParams }: FlowInput): FlowCookies {
  const page = new URL(url);
  const [ch, campaign] = channelFor(page, referrer, utmParams);
  const read = parseFlow(flowCookie);
  const last = read[read.length - 1];
  let flow = read;
  // A compact entry's ch is truthy (parseFlow), so indexing it cannot throw; 123 and "123" differ, as in LeadTrackr's tags.
  if (sessionCookie == null || !last || (campaign && FIELDS.some((key) => ((last.ch as Record<string, unknown>)[key] || '') !== (ch[key] || '')))) {
    // An http(s) URL's path is never empty, so lp is always there (LeadTrackr's tags leave out an empty one).
    flow = [...read, { t: nowMs, ch, lp: page.pathname.slice(0, 100) }];
    while (flow.length > MAX_ENTRIES || (flow[1] && encodeURIComponent(JSON.stringify(flow)).length > MAX_ENCODED)) flow.splice(1, 1);
  }
  return { flowCookie: JSON.stringify(flow), sessionCookie: '1', flow };
}

/**
 * The entries of a decoded `lt_channelflow` (JSON when it starts with `[`; anything else is an
 * empty flow), as LeadTrackr's GTM tag reads them. An entry in the compact format passes through
 * untouched: the same object, no key added, none coerced, `lp` and `t` as written. The legacy long
 * form (`timestamp`, `channel.source` …) is converted, keeping only the fields it fills, with no
 * `lp`. Any other entry (no truthy `t` and `ch`) is dropped.
 */
export function parseFlow(text: string | undefined): FlowEntry[] {
  const flow: FlowEntry[] = [];
  try {
    if (text![0] == '[') {
      for (const entry of JSON.parse(text!)) {
        if (entry && entry.t && entry.ch) flow.push(entry);
        else if (entry && entry.timestamp && entry.channel) flow.push({ t: entry.timestamp, ch: pickChannel((name) => entry.channel[name]) });
      }
    }
  } catch {
    // No cookie, or not JSON: an empty flow.
  }
  return flow;
}
