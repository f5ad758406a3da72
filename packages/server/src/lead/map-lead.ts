import { resolveAttribution } from './attribution.js';
import { collectFields, hasContactData, type Collected } from './fields.js';
import { formName } from './form-name.js';
import type { Beacon } from '../intake/schema.js';

/** What the server knows about the sender; never taken from the beacon body. */
export interface DeviceData {
  ipAddress: string;
  userAgent: string;
}

/** The body of LeadTrackr's createServerSideLead (../shared/reference). */
export interface LeadTrackrLead {
  projectId: string;
  userData: Record<string, string>;
  attributionData: Record<string, unknown>;
  formData: Record<string, unknown> & { uniqueEventId: string };
  deviceData: DeviceData;
  /** The visitor's `lt_channelflow` entries as JSON text: the API documents a string. */
  channelFlow?: string;
  uniqueIdentifier?: string;
}

/**
 * Maps a validated beacon plus device data to LeadTrackr's body: the raw `fields` become userData,
 * formMessage and formData (fields.ts), the `form` candidates formName, attributionData and the
 * raw `cookies` the attribution ids (attribution.ts; no cookie goes further). Already-mapped
 * `userData` and `formData` (the older beacon shape) are kept and win. A uniqueIdentifier from a
 * form field wins over the one the page set through the JS API.
 */
export function toLeadTrackrLead(
  beacon: Beacon,
  device: DeviceData,
  projectId: string,
  collected = collectFieldsOf(beacon),
  requestCookies: Readonly<Record<string, string>> = {},
): LeadTrackrLead {
  const formData: Record<string, unknown> = beacon.form ? { formName: formName(beacon.form), ...collected.formData } : collected.formData;
  const lead: LeadTrackrLead = {
    projectId,
    userData: { ...collected.userData, ...dropEmpty(beacon.userData) },
    attributionData: resolveAttribution(beacon.attributionData, beacon.cookies, requestCookies),
    formData: { ...formData, ...beacon.formData, uniqueEventId: beacon.uniqueEventId },
    deviceData: device,
  };
  // createServerSideLead documents channelFlow as a string (../shared/reference); LeadTrackr parses it.
  if (beacon.channelFlow?.length) lead.channelFlow = JSON.stringify(beacon.channelFlow);
  const uniqueIdentifier = collected.uniqueIdentifier || beacon.uniqueIdentifier;
  if (uniqueIdentifier) lead.uniqueIdentifier = uniqueIdentifier;
  return lead;
}

/**
 * Whether a captured form (a beacon with `form`) holds no contact data: a search box or a login
 * form the script's cheap check let through. Leads from the JS API are the page's own call and
 * always count, as they did when the script decided.
 */
export function isContactless(beacon: Beacon, collected = collectFieldsOf(beacon)): boolean {
  return !!beacon.form && !hasContactData(collected);
}

/** The beacon's fields interpreted; a caller that needs both functions above passes it to each. */
export function collectFieldsOf(beacon: Beacon): Collected {
  return collectFields(beacon.fields ?? [], beacon.trimmed);
}

function dropEmpty(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value) out[key] = value;
  return out;
}
