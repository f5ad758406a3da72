/** The JSON body the script sends to the leadbeacon endpoint (text/plain, so no CORS preflight). */
export interface Beacon {
  /** Fresh per form submission; LeadTrackr dedupes on it (formData.uniqueEventId). */
  uniqueEventId: string;
  userData: UserData;
  /** LeadTrackr's attributionData keys (gclid, cid, fbc, conversionPage, consent …). */
  attributionData: Record<string, unknown>;
  /** formName, formMessage and the form's other fields. */
  formData: Record<string, string | string[]>;
  /** The `lt_channelflow` entries, compact format. */
  channelFlow?: FlowEntry[];
  uniqueIdentifier?: string;
  /** Milliseconds between page load and submit, for the endpoint's minimum-time-on-page check. */
  pageMs?: number;
  /** The honeypot field's value, when the form has one; a person leaves it empty. */
  hp?: string;
}

export interface UserData {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  companyName?: string;
}

/** One `lt_channelflow` entry: session start, channel, landing path (reference: leadtrackr.md). */
export interface FlowEntry {
  t: number;
  ch: { s: string; m: string; cm?: string; ct?: string; tm?: string };
  lp: string;
}
