/** Stable error codes, in the manner of undici's UND_ERR_*. */
export type LeadbeaconErrorCode =
  | 'LB_ERR_UPSTREAM_STATUS'
  | 'LB_ERR_UPSTREAM_NETWORK'
  | 'LB_ERR_UPSTREAM_TIMEOUT'
  | 'LB_ERR_OUTBOX_UNAVAILABLE';

/** The one error base class: a stable `code` and the underlying `cause`. */
export class LeadbeaconError extends Error {
  readonly code: LeadbeaconErrorCode;

  constructor(code: LeadbeaconErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LeadbeaconError';
    this.code = code;
  }
}

/** LeadTrackr answered with a non-2xx status; `message` is LeadTrackr's own, when it sent one. */
export class UpstreamStatusError extends LeadbeaconError {
  readonly status: number;
  readonly upstreamMessage: string | undefined;
  readonly retryAfterMs: number | undefined;
  /** Where a 3xx pointed, without userinfo, query or fragment (they may hold credentials). */
  readonly location: string | undefined;

  constructor(url: string, status: number, statusText: string, upstreamMessage?: string, retryAfterMs?: number, location?: string) {
    const detail = `${upstreamMessage ? `: ${upstreamMessage}` : ''}${location ? `, redirected to ${location}` : ''}`;
    super('LB_ERR_UPSTREAM_STATUS', `POST ${url} → ${status} ${statusText}${detail}`);
    this.name = 'UpstreamStatusError';
    this.status = status;
    this.upstreamMessage = upstreamMessage;
    this.retryAfterMs = retryAfterMs;
    this.location = location;
  }
}

/**
 * The outbox could not store or read (disk full, database down, closed). The endpoint answers
 * 503 with Retry-After, never a 2xx for a lead it did not store.
 */
export class OutboxUnavailableError extends LeadbeaconError {
  constructor(operation: string, options?: { cause?: unknown }) {
    super('LB_ERR_OUTBOX_UNAVAILABLE', `Outbox ${operation} failed: ${describeCause(options?.cause)}`, options);
    this.name = 'OutboxUnavailableError';
  }
}

function describeCause(cause: unknown): string {
  const err = cause as { code?: string; message?: string } | undefined;
  return [err?.code, err?.message].filter(Boolean).join(' ') || 'unknown error';
}
