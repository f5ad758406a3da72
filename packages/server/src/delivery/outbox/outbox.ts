import type { LeadTrackrLead } from '../../lead/map-lead.js';

/**
 * Where accepted leads wait for delivery: a small store interface in the manner of
 * express-rate-limit's `Store`. Every implementation passes test/outbox/outbox.test.ts.
 *
 * A row is `pending` until LeadTrackr confirms it (`delivered`, its personal data dropped) or it
 * is given up on (`dead`, kept for `retry`). Times are epoch milliseconds passed in by the caller,
 * so the worker's clock (and a test's fake one) rules every decision.
 */
export interface Outbox {
  /**
   * Stores a lead durably, once per uniqueEventId: a new id is `stored`; a row with a different
   * body is `updated`: a pending one drops its lease, so the new body is what gets sent; a
   * delivered or dead one becomes pending again, due now, so LeadTrackr updates the lead (a form
   * resubmitted after a validation error). An identical repeat is a `duplicate`, with LeadTrackr's
   * leadId when it was delivered.
   * Rejects with OutboxUnavailableError when the store cannot write.
   */
  append(lead: LeadTrackrLead, now: number): Promise<AppendResult>;
  /**
   * Leases up to `limit` due pending rows, oldest accepted first, for `leaseMs`; counts the
   * attempt. A lease that expires (a crashed worker) makes the row due again.
   */
  lease(limit: number, leaseMs: number, now: number): Promise<LeasedLead[]>;
  /** LeadTrackr confirmed the lead. False when the lease was lost (expired or the row updated). */
  acknowledge(lease: LeaseRef, leadId: number | undefined, now: number): Promise<boolean>;
  /** The attempt failed and will be retried at `nextAttemptAt`. False when the lease was lost. */
  reschedule(lease: LeaseRef, nextAttemptAt: number, error: string): Promise<boolean>;
  /** Gives up on the lead, keeping it and `reason` for `retry`. False when the lease was lost. */
  deadLetter(lease: LeaseRef, reason: string, now: number): Promise<boolean>;
  /** Pending and dead counts and the oldest pending lead's age. Rejects when the store is unreachable. */
  stats(now: number): Promise<OutboxStats>;
  /**
   * A real write that leaves nothing behind (a row stored and removed in one committed
   * transaction), so readiness means an append would succeed now: it rejects with
   * OutboxUnavailableError when the store is locked, read-only, full, or the role may not insert.
   */
  probeWrite(): Promise<void>;
  /** When the next pending row becomes due, or null when none is pending. */
  nextDueAt(): Promise<number | null>;
  /** Rows for the CLI, oldest first, without the lead bodies. */
  list(query: { status: OutboxStatus; limit: number }): Promise<OutboxRow[]>;
  /** Makes dead rows (one id, or all) pending and due now, with a fresh attempt count. Resolves to how many. */
  retry(target: { id: string } | { allDead: true }, now: number): Promise<number>;
  /** Deletes `dead` or `delivered` rows finished before `before`. Resolves to how many. */
  purge(status: 'dead' | 'delivered', before: number): Promise<number>;
  close(): Promise<void>;
}

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export type AppendResult =
  | { outcome: 'stored' | 'updated' }
  | { outcome: 'duplicate'; status: OutboxStatus; leadId: number | undefined };

export interface LeaseRef {
  id: string;
  leaseToken: string;
}

export interface LeasedLead extends LeaseRef {
  lead: LeadTrackrLead;
  /** Attempts so far, this one included. */
  attempts: number;
  acceptedAt: number;
}

export interface OutboxStats {
  pending: number;
  dead: number;
  oldestPendingAgeMs: number | null;
}

export interface OutboxRow {
  id: string;
  status: OutboxStatus;
  acceptedAt: number;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  leadId: number | null;
  finishedAt: number | null;
}
