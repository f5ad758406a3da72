import { EventEmitter } from 'node:events';

/**
 * What happens to leads, for the host app (and metrics). Payloads carry ids and codes only,
 * never personal data.
 */
export interface LeadEventMap {
  /** Stored (or delivered, in direct mode) and answered 2xx. */
  accepted: [{ uniqueEventId: string }];
  /** Refused before storing; `reason` is a stable code such as `invalid_beacon`. */
  rejected: [{ reason: string; status: number }];
  /** LeadTrackr confirmed it. */
  delivered: [{ uniqueEventId: string; leadId: number | undefined; attempts: number }];
  /** One delivery attempt failed; `retryInMs` is undefined when it will not be retried. */
  failed: [{ uniqueEventId: string; attempts: number; code: string; status: number | undefined; retryInMs: number | undefined }];
  /** Given up on: a permanent 4xx, too many attempts or too old. */
  deadLettered: [{ uniqueEventId: string; attempts: number; reason: string }];
}

export type LeadEvents = EventEmitter<LeadEventMap>;

export function createLeadEvents(): LeadEvents {
  return new EventEmitter<LeadEventMap>();
}
