import type { Beacon } from './schema.js';

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
  /** The visitor's `lt_channelflow` entries; LeadTrackr also accepts a (URL-encoded) JSON string. */
  channelFlow?: unknown[];
  uniqueIdentifier?: string;
}

/** Maps a validated beacon plus device data to LeadTrackr's body. */
export function toLeadTrackrLead(beacon: Beacon, device: DeviceData, projectId: string): LeadTrackrLead {
  const lead: LeadTrackrLead = {
    projectId,
    userData: dropEmpty(beacon.userData),
    attributionData: beacon.attributionData,
    formData: { ...beacon.formData, uniqueEventId: beacon.uniqueEventId },
    deviceData: device,
  };
  if (beacon.channelFlow?.length) lead.channelFlow = beacon.channelFlow;
  if (beacon.uniqueIdentifier) lead.uniqueIdentifier = beacon.uniqueIdentifier;
  return lead;
}

function dropEmpty(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(record)) if (value) out[key] = value;
  return out;
}
