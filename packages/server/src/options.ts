import { createDefaultLogger, type Logger } from './logger.js';
import type { Outbox } from './outbox/outbox.js';

/** Options of `createLeadRouter`. Each falls back to its environment variable, then its default. */
export interface LeadRouterOptions {
  /** LeadTrackr API key, sent as X-API-Key. Never reaches the browser. @default process.env.LEADTRACKR_API_KEY */
  apiKey?: string;
  /** LeadTrackr project id. @default process.env.LEADTRACKR_PROJECT_ID */
  projectId?: string;
  /** LeadTrackr base URL. @default process.env.LEADTRACKR_API_URL ?? 'https://app.leadtrackr.io' */
  apiUrl?: string;
  /**
   * Origins allowed to send beacons, exact (`https://www.example.com`).
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
  /** Deliveries in flight at once, per process. @default 4 */
  concurrency?: number;
  /** First retry waits up to this long (full jitter), doubling per attempt. @default 1_000 */
  backoffBaseMs?: number;
  /** Retries wait at most this long, unless LeadTrackr's Retry-After asks for longer. @default 600_000 (10 minutes) */
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
}

export interface DeliveryOptions {
  outbox: Outbox | undefined;
  outboxPath: string;
  mode: 'async' | 'sync';
  syncTimeoutMs: number;
  worker: boolean;
  concurrency: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
  maxAgeMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  shutdownTimeoutMs: number;
}

export interface ResolvedOptions extends DeliveryOptions {
  apiKey: string;
  projectId: string;
  apiUrl: string;
  allowedOrigins: string[];
  timeoutMs: number;
  logger: Logger;
}

type Env = Record<string, string | undefined>;

/** Resolves options once, at creation; throws a TypeError naming the bad option. */
export function resolveOptions(options: LeadRouterOptions = {}, env: Env = process.env): ResolvedOptions {
  const apiKey = options.apiKey ?? env.LEADTRACKR_API_KEY ?? '';
  const projectId = options.projectId ?? env.LEADTRACKR_PROJECT_ID ?? '';
  const apiUrl = (options.apiUrl ?? (env.LEADTRACKR_API_URL || 'https://app.leadtrackr.io')).replace(/\/+$/, '');
  const allowedOrigins = options.allowedOrigins ?? splitList(env.LEADBEACON_ALLOWED_ORIGINS);
  const timeoutMs = options.timeoutMs ?? 10_000;

  if (!apiKey) throw new TypeError('Expected `apiKey` (or LEADTRACKR_API_KEY) to be a non-empty string');
  if (!projectId) throw new TypeError('Expected `projectId` (or LEADTRACKR_PROJECT_ID) to be a non-empty string');
  if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    throw new TypeError(`Expected \`apiUrl\` to be an http(s) URL, got ${JSON.stringify(apiUrl)}`);
  }
  for (const origin of allowedOrigins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new TypeError(`Expected \`allowedOrigins\` to hold origins like "https://www.example.com", got ${JSON.stringify(origin)}`);
    }
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new TypeError('Expected `timeoutMs` to be a positive number');

  return { apiKey, projectId, apiUrl, allowedOrigins, timeoutMs, logger: options.logger ?? createDefaultLogger(), ...resolveDelivery(options, env, timeoutMs) };
}

const DELIVERY_DEFAULTS = {
  mode: 'async',
  syncTimeoutMs: 3_000,
  worker: true,
  concurrency: 4,
  backoffBaseMs: 1_000,
  backoffMaxMs: 600_000,
  maxAttempts: 2_000,
  maxAgeMs: 7 * 24 * 3_600_000,
  leaseMs: 60_000,
  pollIntervalMs: 1_000,
  shutdownTimeoutMs: 10_000,
} as const;

const POSITIVE = ['syncTimeoutMs', 'concurrency', 'backoffBaseMs', 'backoffMaxMs', 'maxAttempts', 'maxAgeMs', 'leaseMs', 'pollIntervalMs'] as const;

/** The delivery block of the options (outbox, mode, worker), resolved once. */
export function resolveDelivery(options: LeadRouterOptions, env: Env, timeoutMs: number): DeliveryOptions {
  const keys = [...Object.keys(DELIVERY_DEFAULTS), 'outbox', 'outboxPath', 'shutdownTimeoutMs'];
  const defined = Object.fromEntries(Object.entries(options).filter(([k, v]) => keys.includes(k) && v !== undefined));
  const resolved: DeliveryOptions = {
    ...DELIVERY_DEFAULTS,
    outbox: undefined,
    outboxPath: env.LEADBEACON_OUTBOX || './leadbeacon.db',
    ...defined,
  };
  if (resolved.mode !== 'async' && resolved.mode !== 'sync') throw new TypeError(`Expected \`mode\` to be "async" or "sync", got ${JSON.stringify(resolved.mode)}`);
  for (const key of POSITIVE) {
    if (!(resolved[key] > 0)) throw new TypeError(`Expected \`${key}\` to be a positive number`);
  }
  if (!(resolved.shutdownTimeoutMs >= 0)) throw new TypeError('Expected `shutdownTimeoutMs` to be zero or more');
  if (!Number.isInteger(resolved.concurrency)) throw new TypeError('Expected `concurrency` to be a whole number');
  if (resolved.leaseMs <= timeoutMs) throw new TypeError('Expected `leaseMs` to exceed `timeoutMs`, or a slow delivery would be sent twice');
  if (resolved.mode === 'sync' && !resolved.worker) throw new TypeError('Expected `worker` to be true in `sync` mode: only an in-process worker can report the leadId');
  if (resolved.outbox !== undefined && typeof resolved.outbox.append != 'function') throw new TypeError('Expected `outbox` to be an outbox (createSqliteOutbox, createPostgresOutbox or createMemoryOutbox)');
  return resolved;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
