import type { LeadTrackrLead } from '../lead/map-lead.js';

/** One accepted beacon as the inspector shows it: what the browser sent beside what goes to LeadTrackr. */
export interface RecentLead {
  uniqueEventId: string;
  /** Epoch ms of the last time this lead was accepted (a resubmit updates it). */
  receivedAt: number;
  origin: string;
  /** The beacon as the browser sent it, after the schema's checks. */
  sent: unknown;
  /** The createServerSideLead body, after the host's transform. */
  lead: LeadTrackrLead;
}

export interface RecentLeads {
  record(entry: RecentLead): void;
  /** Newest first. */
  list(): RecentLead[];
}

/**
 * The last `limit` accepted leads, in memory only and only while the inspector is on: the outbox
 * keeps the body until delivery and drops its personal data then, so "what the browser sent" is
 * nowhere else. Lost on restart, by design.
 */
export function createRecentLeads(limit = 200): RecentLeads {
  // A Map keeps insertion order: delete-then-set moves a resubmitted lead to the newest end.
  const byId = new Map<string, RecentLead>();
  return {
    record(entry) {
      byId.delete(entry.uniqueEventId);
      byId.set(entry.uniqueEventId, entry);
      if (byId.size > limit) byId.delete(byId.keys().next().value!);
    },
    list: () => [...byId.values()].reverse(),
  };
}
