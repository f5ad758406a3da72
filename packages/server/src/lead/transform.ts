import type { LeadTrackrLead } from './map-lead.js';
import type { Beacon } from '../intake/schema.js';

/** What a `transform` hook knows about the request besides the lead. */
export interface TransformContext {
  /** The request's Origin (already checked against `allowedOrigins`). */
  origin: string;
  /** The visitor's IP as the endpoint resolved it (before anonymisation). */
  ip: string;
  /** Lower-cased request headers. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The validated beacon the lead was made from. */
  beacon: Readonly<Beacon>;
}

/**
 * Enriches, rewrites or drops a lead before it is stored. Return a lead to use it, `undefined` to
 * keep the (possibly mutated) lead, `null` or `false` to drop it: the browser still gets a 2xx.
 */
export type TransformLead = (
  lead: LeadTrackrLead,
  context: TransformContext,
) => LeadTrackrLead | null | false | undefined | void | Promise<LeadTrackrLead | null | false | undefined | void>;

export type TransformOutcome = { kind: 'keep'; lead: LeadTrackrLead } | { kind: 'drop' } | { kind: 'invalid'; message: string };

/** Runs the hook and checks that what came back can still be delivered and deduplicated. */
export async function applyTransform(transform: TransformLead, lead: LeadTrackrLead, context: TransformContext): Promise<TransformOutcome> {
  const result = await transform(lead, context);
  if (result === null || result === false) return { kind: 'drop' };
  const next = result ?? lead;
  if (typeof next != 'object' || typeof next.projectId != 'string' || !next.projectId) {
    return { kind: 'invalid', message: 'transform returned a lead without a projectId' };
  }
  if (typeof next.formData?.uniqueEventId != 'string' || typeof next.userData != 'object' || next.userData === null) {
    return { kind: 'invalid', message: 'transform returned a lead without userData or formData.uniqueEventId' };
  }
  return { kind: 'keep', lead: next };
}
