import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryable, retryDelayMs } from '../../src/delivery/backoff.js';
import { LeadbeaconError, UpstreamStatusError } from '../../src/errors.js';

const options = { baseMs: 1_000, maxMs: 60_000 };
const status = (code: number, retryAfterMs?: number) => new UpstreamStatusError('http://x', code, '', undefined, retryAfterMs);

describe('backoff', () => {
  it('doubles the ceiling per attempt, with full jitter below it', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelayMs(a, options, () => 0.999999))).toEqual([999, 1_999, 3_999, 7_999]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it('caps the delay at maxMs however many attempts', () => {
    expect(backoffDelayMs(40, options, () => 0.999999)).toBe(59_999);
    expect(backoffDelayMs(5_000, options, () => 0.5)).toBe(30_000);
  });

  it('retries network errors, timeouts, 408, 429 and 5xx', () => {
    const retried = [new LeadbeaconError('LB_ERR_UPSTREAM_NETWORK', 'x'), new LeadbeaconError('LB_ERR_UPSTREAM_TIMEOUT', 'x'), status(408), status(429), status(500), status(503), new Error('bug')];
    expect(retried.map(isRetryable)).toEqual(retried.map(() => true));
  });

  it('treats any other 4xx as final', () => {
    expect([400, 401, 403, 404, 409, 422].map((s) => isRetryable(status(s)))).toEqual([false, false, false, false, false, false]);
    expect(retryDelayMs(status(401), 1, options)).toBeUndefined();
  });

  it('waits at least Retry-After, up to maxMs', () => {
    expect(retryDelayMs(status(429, 50_000), 1, options, () => 0.5)).toBe(50_000);
    expect(retryDelayMs(status(503, 10), 3, options, () => 0.5)).toBe(2_000);
  });

  // A Retry-After of 99999999999 s (3,000 years) once parked every lead behind it.
  it('cuts a Retry-After longer than maxMs to maxMs', () => {
    expect(retryDelayMs(status(429, 120_000), 1, options, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(status(429, 99_999_999_999_000), 1, options, () => 0.5)).toBe(60_000);
  });

  it('retries a redirect: a moved endpoint is a configuration fault that may be fixed', () => {
    expect([301, 302, 303, 307, 308].map((s) => isRetryable(status(s)))).toEqual([true, true, true, true, true]);
    expect(retryDelayMs(status(301), 2, options, () => 0.5)).toBe(1_000);
  });
});
