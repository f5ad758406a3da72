import type { FlowEntry } from './flow-entry.js';
import { compact, FIELDS, LONG_NAMES, type Channel } from './channel.js';

/** LeadTrackr's limits: at most 25 entries and 3,500 URL-encoded characters (../shared/reference/leadtrackr.md). */
const MAX_ENTRIES = 25;
const MAX_ENCODED = 3500;

/**
 * Parses `lt_channelflow` (already URL-decoded): the compact format, or the legacy long one
 * (`timestamp`, `channel.source` …), which is converted. Invalid JSON counts as an empty flow;
 * an entry without a channel or a time is skipped.
 */
export function parseFlow(raw: string | undefined): FlowEntry[] {
  const flow: FlowEntry[] = [];
  try {
    for (const item of JSON.parse(raw!)) {
      const entry = Object(item);
      const c = entry.ch || entry.channel;
      const time = entry.t ?? entry.timestamp;
      const t = Math.round(+time || Date.parse(time));
      if (typeof c == 'object' && t >= 0) {
        flow.push({
          t,
          ch: compact(FIELDS.map((key, i) => c[key] ?? c[LONG_NAMES[i]!])),
          lp: String(entry.lp ?? '').slice(0, 100),
        });
      }
    }
  } catch {
    // Not JSON, or not an array: an empty flow.
  }
  return flow;
}

/**
 * The flow after a page view: a new entry when there is no flow yet, the session expired
 * (`lt_session` gone), or a campaign signal brings a channel other than the last entry's;
 * otherwise the flow as it was. The result is within LeadTrackr's limits.
 */
export function nextFlow(
  flow: FlowEntry[],
  nowMs: number,
  hasSession: boolean,
  [ch, campaign]: [Channel, boolean],
  path: string,
): FlowEntry[] {
  const last = flow[flow.length - 1];
  // compact() builds every channel in FIELDS order, so equal channels serialise alike.
  if (!last || !hasSession || (campaign && JSON.stringify(last.ch) != JSON.stringify(ch))) flow = [...flow, { t: nowMs, ch, lp: path.slice(0, 100) }];
  return fitFlow(flow);
}

/** Drops entry index 1 (the first touch is never dropped) while over 25 entries or 3,500 URL-encoded characters. */
export function fitFlow(flow: FlowEntry[]): FlowEntry[] {
  flow = flow.slice();
  while (flow.length > MAX_ENTRIES || (flow[1] && encodeURIComponent(JSON.stringify(flow)).length > MAX_ENCODED)) flow.splice(1, 1);
  return flow;
}
