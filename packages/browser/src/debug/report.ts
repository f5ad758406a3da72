import type { Config } from '../config';
import type { Field } from '../beacon';
import type { SkipReason } from '../select-form';

/** What the debug view shows: pure data, built from what the page and the endpoint said. */
export interface DebugReport {
  endpoint: string;
  /** What the visit has captured so far and a lead sent now would carry (the API's getAttribution). */
  attribution: unknown;
  forms: FormVerdict[];
  warnings: string[];
}

export interface FormVerdict {
  /** The form's name, id or position, to find it on the page. */
  label: string;
  captured: boolean;
  /** Why it is skipped, or what of it would be sent. */
  reason: string;
  /** The names of the fields that would leave the page. */
  sent: string[];
  /** How many filled fields stay on the page (sensitive, internal, honeypot). */
  kept: number;
}

/** The endpoint's answer to a GET (see the server's intake): reachable, and whether this origin may send. */
export type EndpointCheck = { reachable: false } | { reachable: true; originAllowed: boolean };

/** What each `skipReason` means, for the site owner. */
export function describeSkip(reason: SkipReason, config: Pick<Config, 'forms' | 'excludeForms'>): string {
  return ['', 'inside [data-lb-ignore]', `does not match data-forms="${config.forms}"`, `matches data-exclude-forms="${config.excludeForms}"`][reason]!;
}

/** A form's verdict from what `readForm` and `pickFields` make of it. */
export function formVerdict(label: string, skip: string, read: Field[], picked: Field[]): FormVerdict {
  if (skip) return { label, captured: false, reason: `skipped: ${skip}`, sent: [], kept: 0 };
  const filled = read.filter((f) => f.v.some((v) => v.trim())).length;
  return {
    label,
    captured: true,
    reason: picked.length ? 'captured on submit' : 'captured on submit; nothing filled in yet',
    sent: picked.map((f) => f.n),
    kept: Math.max(0, filled - picked.length),
  };
}

/**
 * The warnings a site owner needs first: a missing endpoint, one that does not answer or refuses
 * this origin, consent holding the cookies back, and a Google click whose gclid the browser
 * stripped (Safari and Firefox remove it from links; `gad_source` and `gad_campaignid` survive).
 */
export function warningsFor(input: {
  config: Pick<Config, 'endpoint' | 'consentRequired'>;
  check: EndpointCheck | undefined;
  origin: string;
  params: URLSearchParams;
  consent: Record<string, string> | undefined;
}): string[] {
  const { config, check, origin, params, consent } = input;
  const out: string[] = [];
  if (!config.endpoint) out.push('No data-endpoint on the script tag: nothing is sent.');
  else if (check && !check.reachable) out.push(`The endpoint ${config.endpoint} does not answer: leads wait in this browser until it does.`);
  else if (check && check.reachable && !check.originAllowed) out.push(`The endpoint refuses this origin (${origin}): add it to allowedOrigins (LEADBEACON_ALLOWED_ORIGINS) on the server.`);
  if (config.consentRequired) {
    const held = ['analytics_storage', 'ad_storage'].filter((signal) => consent?.[signal] != 'granted');
    if (held.length) out.push(`data-consent="required" and ${held.join(', ')} not granted: the matching cookies are held back (kept in memory for this page only).`);
  }
  if ((params.get('gad_source') || params.get('gad_campaignid')) && !params.get('gclid') && !params.get('gbraid') && !params.get('wbraid')) {
    out.push('gad_source/gad_campaignid without gclid: the browser likely stripped the Google click id from the link, so this visit cannot be tied to the click.');
  }
  return out;
}
