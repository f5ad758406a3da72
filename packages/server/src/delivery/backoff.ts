import { LeadbeaconError, UpstreamStatusError } from '../errors.js';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * a random delay in [0, min(max, base·2^(attempt−1))), so instances that failed together do not
 * retry together. `attempt` counts from 1.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt - 1, 52));
  return Math.floor(random() * ceiling);
}

/**
 * How long to wait before the next attempt after `error`, or undefined when the error is final.
 * Retried: network errors, timeouts, 408, 429 and 5xx; any other 4xx is final (STYLE.md, error
 * tiers), and redirects: LeadTrackr's API never redirects, so a 3xx is a proxy or a mistyped
 * `apiUrl`, a fault someone can fix while the lead waits. LeadTrackr's Retry-After is a floor up
 * to `maxMs`, never beyond: an absurd one (`99999999999`) would otherwise park the lead for ever.
 */
export function retryDelayMs(error: unknown, attempt: number, options: BackoffOptions, random?: () => number): number | undefined {
  if (!isRetryable(error)) return undefined;
  const delay = backoffDelayMs(attempt, options, random);
  return Math.max(delay, retryAfterFloorMs(error, options));
}

/** The wait LeadTrackr asked for with Retry-After, cut to `maxMs`; 0 when it asked none. */
export function retryAfterFloorMs(error: unknown, options: BackoffOptions): number {
  return error instanceof UpstreamStatusError ? Math.min(error.retryAfterMs ?? 0, options.maxMs) : 0;
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof UpstreamStatusError) {
    const { status } = error;
    return (status >= 300 && status < 400) || status === 408 || status === 429 || status >= 500;
  }
  // Network errors, timeouts, and anything unexpected: keep the lead and try again.
  return !(error instanceof LeadbeaconError) || error.code !== 'LB_ERR_UPSTREAM_STATUS';
}
