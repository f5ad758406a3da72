import type { Env, LeadRouterOptions } from './options.js';
import type { Outbox } from './delivery/outbox/outbox.js';

/** The delivery block of the resolved options: the outbox, the answer mode and the worker (issue #6). */
export interface DeliveryOptions {
  outbox: Outbox | undefined;
  outboxPath: string;
  mode: 'async' | 'sync';
  syncTimeoutMs: number;
  worker: boolean;
  serverless: boolean;
  concurrency: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxAttempts: number;
  maxAgeMs: number;
  leaseMs: number;
  pollIntervalMs: number;
  shutdownTimeoutMs: number;
  keepDeliveredMs: number;
}

const DELIVERY_DEFAULTS = {
  mode: 'async',
  syncTimeoutMs: 3_000,
  worker: true,
  concurrency: 32,
  backoffBaseMs: 1_000,
  backoffMaxMs: 600_000,
  maxAttempts: 2_000,
  maxAgeMs: 7 * 24 * 3_600_000,
  leaseMs: 60_000,
  pollIntervalMs: 1_000,
  shutdownTimeoutMs: 10_000,
  keepDeliveredMs: 3 * 24 * 3_600_000,
} as const;

const POSITIVE = ['syncTimeoutMs', 'concurrency', 'backoffBaseMs', 'backoffMaxMs', 'maxAttempts', 'maxAgeMs', 'leaseMs', 'pollIntervalMs', 'keepDeliveredMs'] as const;

/** The delivery block of the options (outbox, mode, worker), resolved once. */
export function resolveDelivery(options: LeadRouterOptions, env: Env, timeoutMs: number): DeliveryOptions {
  const keys = [...Object.keys(DELIVERY_DEFAULTS), 'outbox', 'outboxPath', 'serverless', 'shutdownTimeoutMs'];
  const defined = Object.fromEntries(Object.entries(options).filter(([k, v]) => keys.includes(k) && v !== undefined));
  const resolved: DeliveryOptions = {
    ...DELIVERY_DEFAULTS,
    outbox: undefined,
    outboxPath: env.LEADBEACON_OUTBOX || './leadbeacon.db',
    serverless: env.LEADBEACON_SERVERLESS === 'true',
    ...(env.LEADBEACON_KEEP_DELIVERED_MS ? { keepDeliveredMs: Number(env.LEADBEACON_KEEP_DELIVERED_MS) } : {}),
    ...defined,
  };
  if (resolved.mode !== 'async' && resolved.mode !== 'sync') throw new TypeError(`Expected \`mode\` to be "async" or "sync", got ${JSON.stringify(resolved.mode)}`);
  for (const key of POSITIVE) {
    if (!(resolved[key] > 0)) throw new TypeError(`Expected \`${key}\` to be a positive number`);
  }
  if (!(resolved.shutdownTimeoutMs >= 0)) throw new TypeError('Expected `shutdownTimeoutMs` to be zero or more');
  if (!Number.isInteger(resolved.concurrency)) throw new TypeError('Expected `concurrency` to be a whole number');
  if (resolved.leaseMs <= timeoutMs) throw new TypeError('Expected `leaseMs` to exceed `timeoutMs`, or a slow delivery would be sent twice');
  if (resolved.mode === 'sync' && !resolved.worker && !resolved.serverless) {
    throw new TypeError('Expected `worker` (or `serverless`) to be true in `sync` mode: only delivery in this process can report the leadId');
  }
  if (resolved.outbox !== undefined && typeof resolved.outbox.append != 'function') throw new TypeError('Expected `outbox` to be an outbox (createSqliteOutbox, createPostgresOutbox or createMemoryOutbox)');
  return resolved;
}
