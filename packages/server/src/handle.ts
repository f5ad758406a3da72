import type { Forwarder } from './forward.js';
import type { Logger } from './logger.js';
import { toLeadTrackrLead } from './map-lead.js';
import { corsHeaders, isOriginAllowed, PREFLIGHT_HEADERS } from './origin.js';
import { parseBeacon } from './schema.js';

/** One request, as plain data: no framework objects. */
export interface HandleInput {
  method: string;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw text, a Buffer, or a body a host app's parser already turned into an object. */
  body: unknown;
  /** The client address, from the socket (never from the body). */
  ip: string;
  /** The endpoint's own origin, `https://host`; the default allowed origin. */
  selfOrigin?: string;
}

export interface HandleResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HandlerDeps {
  projectId: string;
  allowedOrigins: readonly string[];
  forwarder: Forwarder;
  logger: Logger;
}

const JSON_TYPES = new Set(['text/plain', 'application/json']);

/** The framework-free core: validates a beacon, adds device data, creates the lead. */
export function createHandler(deps: HandlerDeps): (input: HandleInput) => Promise<HandleResult> {
  return async function handle(input) {
    const origin = header(input.headers, 'origin');
    if (!origin || !isOriginAllowed(origin, deps.allowedOrigins, input.selfOrigin)) {
      return reply(403, {}, { error: 'origin_not_allowed', message: 'This origin may not send leads here' });
    }
    const cors = corsHeaders(origin);
    if (input.method === 'OPTIONS') return { status: 204, headers: { ...cors, ...PREFLIGHT_HEADERS }, body: '' };
    if (input.method !== 'POST') return reply(405, { ...cors, allow: 'POST, OPTIONS' }, { error: 'method_not_allowed', message: 'Use POST' });

    const type = (header(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JSON_TYPES.has(type)) {
      return reply(415, cors, { error: 'unsupported_media_type', message: 'Send the beacon as text/plain or application/json' });
    }
    const parsed = parseBody(input.body);
    if (!parsed.ok) return reply(400, cors, { error: 'invalid_json', message: 'The body is not valid JSON' });
    const result = parseBeacon(parsed.value);
    if (!result.ok) return reply(400, cors, { error: 'invalid_beacon', message: describeIssues(result.issues), issues: result.issues });

    const { beacon } = result;
    const lead = toLeadTrackrLead(beacon, { ipAddress: input.ip, userAgent: header(input.headers, 'user-agent') ?? '' }, deps.projectId);
    try {
      const forwarded = await deps.forwarder.forward(lead);
      deps.logger.info({ uniqueEventId: beacon.uniqueEventId, leadId: forwarded.leadId }, 'lead delivered');
      return reply(200, cors, { ok: true, uniqueEventId: beacon.uniqueEventId, leadId: forwarded.leadId ?? null });
    } catch (error) {
      const err = error as { code?: string; message?: string };
      deps.logger.error({ uniqueEventId: beacon.uniqueEventId, code: err.code, err: err.message }, 'lead delivery failed');
      return reply(502, cors, { error: 'upstream_failed', message: 'The lead could not be delivered' });
    }
  };
}

function reply(status: number, headers: Record<string, string>, body: object): HandleResult {
  return { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function header(headers: HandleInput['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof body == 'object' && body !== null && !Buffer.isBuffer(body)) return { ok: true, value: body };
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body == 'string' ? body : '';
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function describeIssues(issues: { path: string; message: string }[]): string {
  return issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
}
