/**
 * One `lt_channelflow` entry (reference: leadtrackr.md): session start, channel, landing path.
 * An entry read from the cookie is kept as the object it was, whatever its values' types and
 * whatever other keys it holds (LeadTrackr's tags pass it through untouched); only an entry this
 * page view adds is known to be `{t: number, ch: Channel, lp?: string}`.
 */
export interface FlowEntry {
  t: unknown;
  ch: unknown;
  lp?: unknown;
  [key: string]: unknown;
}
