import { STATUS_CODES } from 'node:http';
import { Agent, errors, request } from 'undici';
import { LeadbeaconError, UpstreamStatusError } from '../errors.js';
import type { LeadTrackrLead } from '../lead/map-lead.js';

export const LEAD_PATH = '/api/leads/createServerSideLead';

/**
 * The most of an answer that is read. LeadTrackr answers `{message, leadId, uniqueIdentifier}`,
 * well under 1 KiB; 16 KiB leaves room for a proxy's error page while a runaway or hostile body
 * (hundreds of MB) costs no memory: the rest is never read and the connection is dropped.
 */
export const MAX_ANSWER_BYTES = 16 * 1024;

/** LeadTrackr's answer to a lead it accepted. */
export interface ForwardResult {
  status: number;
  message: string;
  leadId: number | undefined;
}

export interface ForwarderOptions {
  apiUrl: string;
  apiKey: string;
  timeoutMs: number;
}

export interface Forwarder {
  /** Posts one lead; resolves on 2xx, rejects with a LeadbeaconError otherwise. Never retries. */
  forward(lead: LeadTrackrLead): Promise<ForwardResult>;
  close(): Promise<void>;
}

/**
 * The lead as JSON, its `channelFlow` as the string the API page documents. A lead stored in the
 * outbox before the mapping sent the string, or one a host's `transform` gave the entries, holds
 * an array: it goes out as the flow's JSON text too.
 */
function toBody(lead: LeadTrackrLead): string {
  const flow: unknown = lead.channelFlow;
  return JSON.stringify(Array.isArray(flow) ? { ...lead, channelFlow: JSON.stringify(flow) } : lead);
}

/** Creates the only client of LeadTrackr's API. Retries belong to the caller, not to undici. */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const url = options.apiUrl + LEAD_PATH;
  const agent = new Agent({
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connectTimeout: Math.min(options.timeoutMs, 10_000),
  });

  async function forward(lead: LeadTrackrLead): Promise<ForwardResult> {
    let res;
    try {
      res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
        body: toBody(lead),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (cause) {
      const timedOut =
        cause instanceof errors.HeadersTimeoutError ||
        cause instanceof errors.ConnectTimeoutError ||
        (cause instanceof DOMException && cause.name === 'TimeoutError');
      throw new LeadbeaconError(
        timedOut ? 'LB_ERR_UPSTREAM_TIMEOUT' : 'LB_ERR_UPSTREAM_NETWORK',
        `POST ${url} failed: ${timedOut ? 'timed out' : describe(cause)}`,
        { cause },
      );
    }
    const text = await readAnswer(res.body);
    const json = parseJson(text);
    const message = typeof json?.message == 'string' ? json.message : undefined;
    if (res.statusCode < 200 || res.statusCode > 299) {
      const location = res.statusCode >= 300 && res.statusCode < 400 ? redirectTarget(res.headers.location, url) : undefined;
      throw new UpstreamStatusError(url, res.statusCode, STATUS_CODES[res.statusCode] ?? '', message, retryAfterMs(res.headers['retry-after']), location);
    }
    const leadId = typeof json?.leadId == 'number' ? json.leadId : undefined;
    return { status: res.statusCode, message: message ?? '', leadId };
  }

  return { forward, close: () => agent.close() };
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The answer's first MAX_ANSWER_BYTES as text; past that the body is destroyed, which closes its connection. */
async function readAnswer(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_ANSWER_BYTES) break;
    }
  } catch {
    // A body cut off mid-way: judge the status on what arrived.
  } finally {
    // Leaving the loop early destroys the stream already; an explicit destroy also covers a throw.
    body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

/** A redirect's target for logs and the outbox: resolved against the request, scheme, host and path only. */
function redirectTarget(value: string | string[] | undefined, base: string): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !URL.canParse(raw, base)) return undefined;
  const target = new URL(raw, base);
  return `${target.origin}${target.pathname}`.slice(0, 500);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value == 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  const err = cause as { code?: string; message?: string };
  return err?.code ?? err?.message ?? String(cause);
}
