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
 * tiers). LeadTrackr's Retry-After is a floor, even above our own cap: the server knows best.
 */
export function retryDelayMs(error: unknown, attempt: number, options: BackoffOptions, random?: () => number): number | undefined {
  if (!isRetryable(error)) return undefined;
  const delay = backoffDelayMs(attempt, options, random);
  const floor = error instanceof UpstreamStatusError ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(delay, floor);
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof UpstreamStatusError) return error.status === 408 || error.status === 429 || error.status >= 500;
  // Network errors, timeouts, and anything unexpected: keep the lead and try again.
  return !(error instanceof LeadbeaconError) || error.code !== 'LB_ERR_UPSTREAM_STATUS';
}
