import { createClientIpResolver, type ClientIpResolver, type TrustProxy } from './intake/client-ip.js';
import { createDefaultLogger, type Logger } from './logger.js';
import { resolveDelivery, type DeliveryOptions } from './options-delivery.js';
import type { Outbox } from './delivery/outbox/outbox.js';
import { compileOrigins, type OriginMatcher } from './intake/origin.js';
import { compileProjectIds, type ProjectIdResolver } from './intake/project-id.js';
import { createMemoryStore, type RateLimitSettings, type RateLimitStore } from './intake/rate-limit.js';
import type { TransformLead } from './lead/transform.js';
import type { InspectorAccess } from './inspector/inspector.js';

/** Options of `createLeadRouter`. Each falls back to its environment variable, then its default. */
export interface LeadRouterOptions {
  /** LeadTrackr API key, sent as X-API-Key. Never reaches the browser. @default process.env.LEADTRACKR_API_KEY */
  apiKey?: string;
  /** LeadTrackr project id; with `projectIds`, the fallback for origins it does not list. @default process.env.LEADTRACKR_PROJECT_ID */
  projectId?: string;
  /** LeadTrackr base URL. @default process.env.LEADTRACKR_API_URL ?? 'https://app.leadtrackr.io' */
  apiUrl?: string;
  /**
   * Origins allowed to send beacons: exact (`https://www.example.com`) or subdomain wildcards
   * (`*.example.com` for https, `http://*.example.com:8080`).
   * @default process.env.LEADBEACON_ALLOWED_ORIGINS split on commas; when that is empty too, only
   * the endpoint's own origin
   */
  allowedOrigins?: string[];
  /** How long one call to LeadTrackr may take. @default 10_000 */
  timeoutMs?: number;
  /** Where log lines go; pino-compatible. @default a pino logger to stdout */
  logger?: Logger;

  // Delivery: the outbox, the mode and the worker (issue #6). The service closes the outbox on close().
  /**
   * Where accepted leads wait until LeadTrackr confirms them: `createSqliteOutbox`,
   * `createPostgresOutbox` (several instances) or `createMemoryOutbox` (tests).
   * @default a SQLite outbox at `outboxPath`
   */
  outbox?: Outbox;
  /**
   * The default outbox when `outbox` is not given: a SQLite file path, or a `postgres://` URL.
   * @default process.env.LEADBEACON_OUTBOX ?? './leadbeacon.db'
   */
  outboxPath?: string;
  /**
   * `async` answers 202 once the lead is stored; `sync` stores it too, then waits up to
   * `syncTimeoutMs` for LeadTrackr's leadId and answers 200 with it (202 if it takes longer).
   * @default 'async'
   */
  mode?: 'async' | 'sync';
  /** How long `sync` mode waits for LeadTrackr. @default 3_000 */
  syncTimeoutMs?: number;
  /** Deliver in this process. `false` when `leadbeacon worker` runs delivery on its own. @default true */
  worker?: boolean;
  /**
   * For hosts without a long-lived process (Next.js on Vercel, serverless functions): no background
   * worker; each request that stores a lead makes the first delivery attempt before it answers,
   * and a cron job calls the fetch handler's `drain` for the retries. Pair it with the PostgreSQL outbox.
   * @default process.env.LEADBEACON_SERVERLESS === 'true'
   */
  serverless?: boolean;
  /**
   * Deliveries in flight at once, per process; a freed slot is filled at once. Only a backlog fills
   * them all, and then this is what lets delivery keep pace with acceptance under load
   * (docs/benchmarks.md). @default 32
   */
  concurrency?: number;
  /** First retry waits up to this long (full jitter), doubling per attempt. @default 1_000 */
  backoffBaseMs?: number;
  /** Retries wait at most this long, LeadTrackr's Retry-After included (a longer one is cut to it). @default 600_000 (10 minutes) */
  backoffMaxMs?: number;
  /** Dead-letter after this many attempts; sized so that `maxAgeMs` usually comes first. @default 2_000 */
  maxAttempts?: number;
  /** Dead-letter leads older than this: ad platforms reject conversions older than about a week. @default 604_800_000 (7 days) */
  maxAgeMs?: number;
  /** How long a worker owns a leased lead; a crashed worker's leads are retried after it. Must exceed `timeoutMs`. @default 60_000 */
  leaseMs?: number;
  /** How often an idle worker looks for leads stored by other processes. @default 1_000 */
  pollIntervalMs?: number;
  /** How long close() lets deliveries in flight finish. @default 10_000 */
  shutdownTimeoutMs?: number;
  /**
   * How long a delivered lead's row (no personal data: its id, leadId, body hash and times) is kept
   * to answer a resent beacon as a duplicate; the delivery worker purges older rows hourly.
   * @default process.env.LEADBEACON_KEEP_DELIVERED_MS ?? 259_200_000 (3 days)
   */
  keepDeliveredMs?: number;
  // Trust, abuse and hooks (issue #5).
  /**
   * LeadTrackr project by the request's origin (`https://shop.example.com`) or hostname
   * (`shop.example.com`); the origins must also be allowed.
   * @default process.env.LEADTRACKR_PROJECT_IDS as `origin-or-host=projectId` pairs, comma-separated; none
   */
  projectIds?: Record<string, string>;
  /**
   * Which proxies to believe about X-Forwarded-For (Express `trust proxy` / proxy-addr semantics:
   * `true`, a hop count, addresses, subnets, `loopback`, or a function). Without it the socket's
   * peer address is the client. @default process.env.LEADBEACON_TRUST_PROXY, else false
   */
  trustProxy?: TrustProxy;
  /** Zero the last IPv4 octet / last 80 bits of IPv6 before the IP is stored. @default process.env.LEADBEACON_ANONYMIZE_IP === 'true' */
  anonymizeIp?: boolean;
  /**
   * Per-IP limit on beacons, `false` to turn it off. `store` takes any express-rate-limit store
   * (rate-limit-redis's `RedisStore` to share counts between instances). `pageViewLimit` counts
   * server mode's page views apart from leads, in the same window.
   * @default { limit: 30, pageViewLimit: 4 × limit, windowMs: 60_000, store: an in-process MemoryStore };
   * LEADBEACON_RATE_LIMIT and LEADBEACON_RATE_LIMIT_WINDOW_MS override limit and window,
   * LEADBEACON_RATE_LIMIT=0 turns it off
   */
  rateLimit?: false | { limit?: number; pageViewLimit?: number; windowMs?: number; store?: RateLimitStore };
  /**
   * The Domain of the cookies server mode sets, when both the page's host and the endpoint's are
   * within it; else the page's `data-cookie-domain`, else the registrable domain.
   * @default process.env.LEADBEACON_COOKIE_DOMAIN
   */
  cookieDomain?: string;
  /** Drop (with a 2xx) beacons whose honeypot field `hp` is filled in. @default process.env.LEADBEACON_HONEYPOT !== 'false' */
  honeypot?: boolean;
  /** Drop (with a 2xx) beacons sent sooner than this after page load; 0 turns it off. @default process.env.LEADBEACON_MIN_PAGE_MS ?? 1500 */
  minPageMs?: number;
  /** Enrich, rewrite or drop a lead before it is stored. @default none */
  transform?: TransformLead;
  /**
   * The lead inspector at `<mount>/inspector`: the recent leads with what the browser sent, what
   * went to LeadTrackr and the delivery state. It shows personal data, so it is off unless given
   * a token of 16+ characters (`{ token }`: `Authorization: Bearer …` or `?token=…`) or `'local'`
   * (this machine's loopback only, no proxy in between: the demo and `leadbeacon sandbox`).
   * @default process.env.LEADBEACON_INSPECTOR_TOKEN as `{ token }`, else off
   */
  inspector?: false | InspectorAccess;
}


export interface ResolvedOptions extends DeliveryOptions {
  apiKey: string;
  projectId: string;
  /** The per-origin projects, as given (`projectIdFor` resolves them). */
  projectIds: Record<string, string>;
  apiUrl: string;
  allowedOrigins: string[];
  timeoutMs: number;
  logger: Logger;

  isOriginAllowed: OriginMatcher;
  projectIdFor: ProjectIdResolver;
  clientIp: ClientIpResolver;
  anonymizeIp: boolean;
  /** With `ownsStore` when the store is the default one, which the service then shuts down. */
  rateLimit: (RateLimitSettings & { ownsStore: boolean }) | false;
  honeypot: boolean;
  minPageMs: number;
  transform: TransformLead | undefined;
  inspector: false | InspectorAccess;
  cookieDomain: string | undefined;
}

export type Env = Record<string, string | undefined>;

/** Resolves options once, at creation; throws a TypeError naming the bad option. */
export function resolveOptions(options: LeadRouterOptions = {}, env: Env = process.env): ResolvedOptions {
  const apiKey = options.apiKey ?? env.LEADTRACKR_API_KEY ?? '';
  const projectId = options.projectId ?? env.LEADTRACKR_PROJECT_ID ?? '';
  const apiUrl = (options.apiUrl ?? (env.LEADTRACKR_API_URL || 'https://app.leadtrackr.io')).replace(/\/+$/, '');
  const allowedOrigins = options.allowedOrigins ?? splitList(env.LEADBEACON_ALLOWED_ORIGINS);
  const timeoutMs = options.timeoutMs ?? 10_000;

  if (!apiKey) throw new TypeError('Expected `apiKey` (or LEADTRACKR_API_KEY) to be a non-empty string');
  const projectIds = options.projectIds ?? parsePairs(env.LEADTRACKR_PROJECT_IDS);
  if (!projectId && Object.keys(projectIds).length === 0) {
    throw new TypeError('Expected `projectId` (or LEADTRACKR_PROJECT_ID) to be a non-empty string, or `projectIds` to map origins to projects');
  }
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new TypeError(`Expected \`apiUrl\` to be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('Expected `timeoutMs` to be a positive number');
  const logger = options.logger ?? createDefaultLogger();

  return {
    apiKey,
    projectId,
    projectIds,
    apiUrl,
    allowedOrigins,
    timeoutMs,
    logger,
    inspector: options.inspector ?? (env.LEADBEACON_INSPECTOR_TOKEN ? { token: env.LEADBEACON_INSPECTOR_TOKEN } : false),
    ...resolveEndpointOptions(options, env, allowedOrigins, projectId, projectIds, logger),
    ...resolveDelivery(options, env, timeoutMs),
  };
}

const RATE_LIMIT_DEFAULTS = { limit: 30, windowMs: 60_000 };

/** The trust, abuse and hook options; throws a TypeError naming the bad one. */
function resolveEndpointOptions(
  options: LeadRouterOptions,
  env: Env,
  allowedOrigins: string[],
  projectId: string,
  projectIds: Record<string, string>,
  logger: Logger,
) {
  const trustProxy = options.trustProxy ?? parseTrustProxy(env.LEADBEACON_TRUST_PROXY);
  const minPageMs = options.minPageMs ?? (env.LEADBEACON_MIN_PAGE_MS ? Number(env.LEADBEACON_MIN_PAGE_MS) : 1500);
  if (!Number.isFinite(minPageMs) || minPageMs < 0) throw new TypeError('Expected `minPageMs` to be a non-negative number');
  if (options.transform !== undefined && typeof options.transform != 'function') throw new TypeError('Expected `transform` to be a function');
  return {
    isOriginAllowed: compileOrigins(allowedOrigins),
    projectIdFor: compileProjectIds(projectIds, projectId || undefined),
    clientIp: createClientIpResolver(trustProxy, () =>
      logger.warn({ code: 'LB_WARN_UNTRUSTED_FORWARDED_FOR' }, 'X-Forwarded-For ignored: set `trustProxy` if a proxy sits in front, or every visitor shares its IP and rate limit'),
    ),
    anonymizeIp: options.anonymizeIp ?? env.LEADBEACON_ANONYMIZE_IP === 'true',
    rateLimit: resolveRateLimit(options.rateLimit, env),
    honeypot: options.honeypot ?? env.LEADBEACON_HONEYPOT !== 'false',
    minPageMs,
    transform: options.transform,
    cookieDomain: resolveCookieDomain(options.cookieDomain ?? (env.LEADBEACON_COOKIE_DOMAIN || undefined)),
  };
}

function resolveRateLimit(option: LeadRouterOptions['rateLimit'], env: Env): ResolvedOptions['rateLimit'] {
  if (option === false) return false;
  const fromEnv = {
    ...(env.LEADBEACON_RATE_LIMIT ? { limit: Number(env.LEADBEACON_RATE_LIMIT) } : {}),
    ...(env.LEADBEACON_RATE_LIMIT_WINDOW_MS ? { windowMs: Number(env.LEADBEACON_RATE_LIMIT_WINDOW_MS) } : {}),
  };
  const given = Object.fromEntries(Object.entries(option ?? {}).filter(([, v]) => v !== undefined));
  const { limit, windowMs, store, pageViewLimit = limit * 4 } = { ...RATE_LIMIT_DEFAULTS, ...fromEnv, ...given } as {
    limit: number;
    pageViewLimit?: number;
    windowMs: number;
    store?: RateLimitStore;
  };
  if (option === undefined && limit === 0) return false;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`Expected \`rateLimit.limit\` to be a positive integer, got ${limit}`);
  if (!Number.isInteger(pageViewLimit) || pageViewLimit < 1) throw new TypeError(`Expected \`rateLimit.pageViewLimit\` to be a positive integer, got ${pageViewLimit}`);
  // MemoryStore's window is a setInterval delay, which Node caps at 2^31-1 ms.
  if (!Number.isInteger(windowMs) || windowMs < 1 || windowMs > 2 ** 31 - 1) {
    throw new TypeError(`Expected \`rateLimit.windowMs\` to be a positive integer of milliseconds, got ${windowMs}`);
  }
  if (store !== undefined && typeof store.increment != 'function') throw new TypeError('Expected `rateLimit.store` to be an express-rate-limit store');
  return { limit, pageViewLimit, windowMs, store: store ?? createMemoryStore(), ownsStore: store === undefined };
}

/** A bare domain (`example.com`), lower-cased, any leading dot dropped as browsers drop it. */
function resolveCookieDomain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const domain = value.trim().toLowerCase().replace(/^\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(domain)) throw new TypeError(`Expected \`cookieDomain\` to be a domain like "example.com", got ${JSON.stringify(value)}`);
  return domain;
}

/** `true`/`false`, a hop count, or a comma-separated list of addresses and subnets. */
function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = value?.trim() ?? '';
  if (raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** `key=value,key=value` → a record; keys may be origins, so split on the last `=`. */
function parsePairs(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of splitList(value)) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new TypeError(`Expected LEADTRACKR_PROJECT_IDS to hold origin-or-host=projectId pairs, got ${JSON.stringify(pair)}`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}


function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
