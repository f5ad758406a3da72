import { STATUS_CODES } from 'node:http';
import { Agent, errors, request } from 'undici';
import { LeadbeaconError, UpstreamStatusError } from '../errors.js';
import type { LeadTrackrLead } from '../lead/map-lead.js';

export const LEAD_PATH = '/api/leads/createServerSideLead';

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
    const text = await res.body.text().catch(() => '');
    const json = parseJson(text);
    const message = typeof json?.message == 'string' ? json.message : undefined;
    if (res.statusCode < 200 || res.statusCode > 299) {
      throw new UpstreamStatusError(url, res.statusCode, STATUS_CODES[res.statusCode] ?? '', message, retryAfterMs(res.headers['retry-after']));
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
