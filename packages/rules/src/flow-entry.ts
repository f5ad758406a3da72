/** One `lt_channelflow` entry: session start, channel, landing path (reference: leadtrackr.md). */
export interface FlowEntry {
  t: number;
  ch: { s: string; m: string; cm?: string; ct?: string; tm?: string };
  lp: string;
}
