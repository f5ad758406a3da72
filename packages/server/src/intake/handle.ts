import { botReason, type BotSettings } from './bot.js';
import { anonymizeIp, normalizeIp, type ClientIpResolver } from './client-ip.js';
import type { LeadEvents } from '../events.js';
import type { Logger } from '../logger.js';
import { collectFieldsOf, isContactless, toLeadTrackrLead, type LeadTrackrLead } from '../lead/map-lead.js';
import { compileOrigins, corsHeaders, PREFLIGHT_HEADERS, type OriginMatcher } from './origin.js';
import type { ProjectIdResolver } from './project-id.js';
import type { RateLimiter } from './rate-limit.js';
import { parseBeacon } from './schema.js';
import { applyTransform, type TransformLead } from '../lead/transform.js';
import { createWarnOnce, type WarnOnce } from '../warn-once.js';
import type { RecentLeads } from '../inspector/recent.js';

/** Beacons are small; 64 KiB is also the browser's keepalive budget, so nothing larger is legitimate. */
export const MAX_BODY_BYTES = 64 * 1024;

/** One request, as plain data: no framework objects. */
export interface HandleInput {
  method: string;
  /** Lower-cased header names, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw text, a Buffer, or a body a host app's parser already turned into an object. */
  body: unknown;
  /**
   * The connection's peer address (the socket's), never taken from the body. The core derives the
   * visitor's IP from it and, only when `trustProxy` says so, from X-Forwarded-For.
   */
  ip: string;
  /** The endpoint's own origin, `https://host`; the default allowed origin. */
  selfOrigin?: string;
  /** Set by an adapter that could not read the body: larger than 64 KiB, compressed unreadably, or cut off. */
  bodyError?: 'too_large' | 'unsupported_encoding' | 'aborted';
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
  // The service passes these from the resolved options; left out, each is off or the plain case.
  /** @default from `allowedOrigins` */
  isOriginAllowed?: OriginMatcher;
  /** @default always `projectId` */
  projectIdFor?: ProjectIdResolver;
  /** @default the peer address, X-Forwarded-For ignored */
  clientIp?: ClientIpResolver;
  /** @default false */
  anonymizeIp?: boolean;
  /** @default no limit */
  rateLimiter?: RateLimiter;
  /** @default no bot checks */
  bots?: BotSettings;
  /** @default none */
  transform?: TransformLead | undefined;
  /** @default once per key per 10 minutes to `logger` */
  warnOnce?: WarnOnce;
  /** Keeps accepted beacons for the lead inspector. @default none (the inspector is off) */
  recent?: RecentLeads | undefined;
}

/** Long enough for a database restart or a freed disk, short enough that the visitor is still on the site. */
const STORE_RETRY_AFTER_SECONDS = 10;

const JSON_TYPES = new Set(['text/plain', 'application/json']);

/** The framework-free core: validates a beacon, adds device data, creates the lead. */
export function createHandler(deps: HandlerDeps): (input: HandleInput) => Promise<HandleResult> {
  const isOriginAllowed = deps.isOriginAllowed ?? compileOrigins(deps.allowedOrigins);
  const projectIdFor = deps.projectIdFor ?? (() => deps.projectId);
  const clientIp = deps.clientIp ?? ((peer: string) => normalizeIp(peer));
  const { logger, events, rateLimiter, bots, transform } = deps;
  const warnOnce = deps.warnOnce ?? createWarnOnce(logger);

  return async function handle(input) {
    const origin = header(input.headers, 'origin');
    // Any page may ask whether it could send leads here (the script's debug view): a refused
    // origin otherwise sees only a CORS error. The answer says no more than a POST would.
    if (input.method === 'GET' || input.method === 'HEAD') {
      // A same-origin GET carries no Origin header (Fetch): the page's origin is then the endpoint's own.
      const asked = origin ?? (header(input.headers, 'sec-fetch-site') === 'same-origin' ? input.selfOrigin : undefined);
      const originAllowed = !!asked && isOriginAllowed(asked, input.selfOrigin);
      return { status: 200, headers: { 'access-control-allow-origin': '*', 'cache-control': 'no-store', 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ ok: true, originAllowed }) };
    }
    if (!origin || !isOriginAllowed(origin, input.selfOrigin)) {
      // The browser shows only a CORS error: the log is where a site owner learns the fix. An
      // Origin is no personal data, but it is the sender's to choose: cut, and JSON-escaped by pino.
      if (origin) warnOnce(`origin ${origin}`, { origin: origin.slice(0, 200) }, 'origin not allowed: add it to allowedOrigins (LEADBEACON_ALLOWED_ORIGINS) if its leads are yours');
      return reject(403, {}, 'origin_not_allowed', 'This origin may not send leads here');
    }
    const cors = corsHeaders(origin);
    if (input.method === 'OPTIONS') return { status: 204, headers: { ...cors, ...PREFLIGHT_HEADERS }, body: '' };
    if (input.method !== 'POST') return reject(405, { ...cors, allow: 'POST, OPTIONS' }, 'method_not_allowed', 'Use POST');
    const projectId = projectIdFor(origin);
    if (!projectId) {
      warnOnce(`project ${origin}`, { origin: origin.slice(0, 200) }, 'no LeadTrackr project for this origin: add it to projectIds (LEADTRACKR_PROJECT_IDS) or set projectId (LEADTRACKR_PROJECT_ID)');
      return reject(403, {}, 'no_project_for_origin', 'No LeadTrackr project is configured for this origin');
    }

    const ip = clientIp(input.ip, header(input.headers, 'x-forwarded-for'));
    if (rateLimiter) {
      const verdict = await rateLimiter.check(ip);
      if (!verdict.ok) return reject(429, { ...cors, ...verdict.headers }, 'rate_limited', 'Too many beacons from this address; try again later');
    }

    if (input.bodyError === 'too_large' || isTooLarge(input)) return reject(413, cors, 'body_too_large', 'The body is larger than 64 KiB');
    if (input.bodyError === 'unsupported_encoding') return reject(415, cors, 'unsupported_encoding', 'Send the beacon uncompressed, in UTF-8');
    if (input.bodyError === 'aborted') return reject(400, cors, 'request_aborted', 'The request was aborted');
    const type = (header(input.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!JSON_TYPES.has(type)) return reject(415, cors, 'unsupported_media_type', 'Send the beacon as text/plain or application/json');
    const parsed = parseBody(input.body);
    if (!parsed.ok) return reject(400, cors, 'invalid_json', 'The body is not valid JSON');
    const result = parseBeacon(parsed.value);
    if (!result.ok) return reject(400, cors, 'invalid_beacon', describeIssues(result.issues), { issues: result.issues });

    const { beacon } = result;
    const { uniqueEventId } = beacon;
    const bot = bots && botReason(beacon, bots);
    if (bot) return drop(cors, bot, uniqueEventId);
    const collected = collectFieldsOf(beacon);
    // A form without contact fields is not a lead; 2xx, or the script would keep sending it.
    if (isContactless(beacon, collected)) return drop(cors, 'no_contact_data', uniqueEventId);

    const userAgent = (header(input.headers, 'user-agent') ?? '').slice(0, 1_000);
    let lead = toLeadTrackrLead(beacon, { ipAddress: deps.anonymizeIp ? anonymizeIp(ip) : ip, userAgent }, projectId, collected);
    if (transform) {
      // Only the error's name: a host's message may quote the lead, and logs never hold personal data.
      const outcome = await applyTransform(transform, lead, { origin, ip, headers: input.headers, beacon }).catch((error: unknown) => ({
        kind: 'invalid' as const,
        message: `transform threw ${(error as Error)?.name ?? typeof error}`,
      }));
      if (outcome.kind === 'drop') return drop(cors, 'dropped_by_transform', uniqueEventId);
      if (outcome.kind === 'invalid') {
        logger.error({ uniqueEventId, err: outcome.message }, 'transform failed');
        return reject(500, cors, 'transform_failed', 'The lead could not be prepared');
      }
      lead = outcome.lead;
    }

    let accepted: AcceptResult;
    try {
      accepted = await deps.accept(lead);
    } catch (error) {
      const err = error as { code?: string; message?: string };
      logger.error({ uniqueEventId, code: err.code, err: err.message }, 'lead not accepted');
      // Not stored, so never a 2xx: the browser keeps the lead and sends it again (issue #6).
      return reject(503, { ...cors, 'retry-after': String(STORE_RETRY_AFTER_SECONDS) }, 'unavailable', 'The lead could not be stored; send it again later');
    }
    events.emit('accepted', { uniqueEventId });
    deps.recent?.record({ uniqueEventId, receivedAt: Date.now(), origin, sent: parsed.value, lead });
    logger.info({ uniqueEventId, outcome: accepted.outcome, leadId: accepted.leadId }, 'lead accepted');
    return accepted.outcome === 'delivered'
      ? reply(200, cors, { ok: true, uniqueEventId, leadId: accepted.leadId ?? null })
      : reply(202, cors, { ok: true, uniqueEventId });
  };

  function reject(status: number, headers: Record<string, string>, error: string, message: string, extra: object = {}): HandleResult {
    events.emit('rejected', { reason: error, status });
    logger.debug({ reason: error, status }, 'beacon rejected');
    return reply(status, headers, { error, message, ...extra });
  }

  /** A bot, a form without contact data or a lead the host's transform dropped gets the answer a stored lead gets, and no lead. */
  function drop(headers: Record<string, string>, reason: string, uniqueEventId: string): HandleResult {
    events.emit('rejected', { reason, status: 202 });
    logger.info({ uniqueEventId, reason }, 'beacon dropped');
    return reply(202, headers, { ok: true, uniqueEventId });
  }
}

function reply(status: number, headers: Record<string, string>, body: object): HandleResult {
  return { status, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

function header(headers: HandleInput['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The adapter enforces the limit while reading; this also covers a body a host app parsed with a larger one. */
function isTooLarge(input: HandleInput): boolean {
  if (Number(header(input.headers, 'content-length')) > MAX_BODY_BYTES) return true;
  const { body } = input;
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings skip the byte count.
  if (typeof body == 'string') return body.length > MAX_BODY_BYTES / 3 && Buffer.byteLength(body) > MAX_BODY_BYTES;
  if (Buffer.isBuffer(body)) return body.length > MAX_BODY_BYTES;
  if (typeof body == 'object' && body !== null) {
    try {
      return Buffer.byteLength(JSON.stringify(body)) > MAX_BODY_BYTES;
    } catch {
      return true;
    }
  }
  return false;
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
