import { OutboxUnavailableError } from './errors.js';
import type { LeadEvents } from './events.js';
import type { Logger } from './logger.js';
import { toLeadTrackrLead, type LeadTrackrLead } from './map-lead.js';
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

/** What accepting a lead came to: delivered at once (with LeadTrackr's id) or stored to deliver. */
export interface AcceptResult {
  outcome: 'delivered' | 'accepted' | 'duplicate';
  leadId?: number | undefined;
}

export interface HandlerDeps {
  projectId: string;
  allowedOrigins: readonly string[];
  /** Takes responsibility for a valid lead; resolves once it is safe to answer 2xx, rejects otherwise. */
  accept(lead: LeadTrackrLead): Promise<AcceptResult>;
  events: LeadEvents;
  logger: Logger;
}

/** Long enough for a database restart or a freed disk, short enough that the visitor is still on the site. */
const STORE_RETRY_AFTER_SECONDS = 10;

const JSON_TYPES = new Set(['text/plain', 'application/json']);

/** The framework-free core: validates a beacon, adds device data, creates the lead. */
export function createHandler(deps: HandlerDeps): (input: HandleInput) => Promise<HandleResult> {
  return async function handle(input) {
    const origin = header(input.headers, 'origin');
    if (!origin || !isOriginAllowed(origin, deps.allowedOrigins, input.selfOrigin)) {
      return reject(403, {}, 'origin_not_allowed', 'This origin may not send leads here');
    }
    const cors = corsHeaders(origin);
    if (input.method === 'OPTIONS') return { status: 204, headers: { ...cors, ...PREFLIGHT_HEADERS }, body: '' };
    if (input.method !== 'POST') return reject(405, { ...cors, allow: 'POST, OPTIONS' }, 'method_not_allowed', 'Use POST');

    const type = (header(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JSON_TYPES.has(type)) return reject(415, cors, 'unsupported_media_type', 'Send the beacon as text/plain or application/json');
    const parsed = parseBody(input.body);
    if (!parsed.ok) return reject(400, cors, 'invalid_json', 'The body is not valid JSON');
    const result = parseBeacon(parsed.value);
    if (!result.ok) return reject(400, cors, 'invalid_beacon', describeIssues(result.issues), { issues: result.issues });

    const { beacon } = result;
    const { uniqueEventId } = beacon;
    const lead = toLeadTrackrLead(beacon, { ipAddress: input.ip, userAgent: header(input.headers, 'user-agent') ?? '' }, deps.projectId);
    let accepted: AcceptResult;
    try {
      accepted = await deps.accept(lead);
    } catch (error) {
      const err = error as { code?: string; message?: string };
      deps.logger.error({ uniqueEventId, code: err.code, err: err.message }, 'lead not accepted');
      if (error instanceof OutboxUnavailableError) {
        // Not stored, so never a 2xx: the browser keeps the lead and sends it again (issue #6).
        return reject(503, { ...cors, 'retry-after': String(STORE_RETRY_AFTER_SECONDS) }, 'unavailable', 'The lead could not be stored; send it again later');
      }
      return reject(502, cors, 'upstream_failed', 'The lead could not be delivered; send it again later');
    }
    deps.events.emit('accepted', { uniqueEventId });
    deps.logger.info({ uniqueEventId, outcome: accepted.outcome, leadId: accepted.leadId }, 'lead accepted');
    return accepted.outcome === 'delivered'
      ? reply(200, cors, { ok: true, uniqueEventId, leadId: accepted.leadId ?? null })
      : reply(202, cors, { ok: true, uniqueEventId });
  };

  function reject(status: number, headers: Record<string, string>, error: string, message: string, extra: object = {}): HandleResult {
    deps.events.emit('rejected', { reason: error, status });
    return reply(status, headers, { error, message, ...extra });
  }
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
