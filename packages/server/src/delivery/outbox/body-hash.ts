import { createHash } from 'node:crypto';

/**
 * A digest of a lead's JSON body. Delivered rows drop the body (personal data) but keep this, so
 * a repeat of a delivered uniqueEventId can still tell an identical resend (a duplicate) from a
 * corrected resubmit (which must update the lead at LeadTrackr).
 */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}
