import ipaddr from 'ipaddr.js';
import type { Logger } from '../logger.js';

/**
 * express-rate-limit's `Store` contract, as far as the limiter drives it, so any store written for
 * express-rate-limit works (rate-limit-redis's RedisStore, …). Declared here rather than imported:
 * express-rate-limit declares Express as a peer (npm installs it) and its types import Express's,
 * which fetch-handler users have no reason to install.
 */
export interface RateLimitStore {
  /** Called once with the window before the first increment (express-rate-limit's options; stores read `windowMs`). */
  init?(options: { windowMs: number }): void | Promise<void>;
  /** Counts one hit for `key`; `resetTime` is when its window ends. */
  increment(key: string): Promise<{ totalHits: number; resetTime: Date | undefined }> | { totalHits: number; resetTime: Date | undefined };
  /** Part of the contract; the limiter never calls them. */
  decrement?(key: string): void | Promise<void>;
  resetKey?(key: string): void | Promise<void>;
  shutdown?(): void | Promise<void>;
}

export interface RateLimitSettings {
  limit: number;
  windowMs: number;
  /** Server mode's page views, counted apart from leads so browsing never spends a visitor's lead allowance. @default 4 × limit */
  pageViewLimit?: number;
  /** An express-rate-limit store: rate-limit-redis's RedisStore, … or the in-process default. */
  store: RateLimitStore;
}

export type RateLimitVerdict = { ok: true } | { ok: false; headers: Record<string, string> };

export interface RateLimiter {
  /** Counts one request from `ip`; refuses it once the window's limit for its kind is spent. */
  check(ip: string, kind?: 'lead' | 'pageView'): Promise<RateLimitVerdict>;
  close(): Promise<void>;
}

/**
 * A per-IP limit in the core, so the Express, fetch and standalone adapters limit alike. It drives
 * express-rate-limit's `Store` contract directly (the middleware itself is Express-only), so any
 * store written for it works, and it keys IPv6 clients by /56, as express-rate-limit's
 * `ipKeyGenerator` does, as one subscriber usually holds a whole prefix.
 */
export function createRateLimiter(settings: RateLimitSettings, logger: Logger, ownsStore: boolean): RateLimiter {
  const { store, limit, windowMs } = settings;
  // Stores read only what they need (windowMs); the rest of express-rate-limit's options do not apply.
  const options = { windowMs, limit };
  const ready = Promise.resolve(store.init?.(options)).catch((error: unknown) => {
    logger.warn({ code: (error as { code?: string }).code, err: (error as Error).message }, 'rate limit store did not start');
  });

  async function check(ip: string, kind: 'lead' | 'pageView' = 'lead'): Promise<RateLimitVerdict> {
    await ready;
    const limit = kind === 'lead' ? settings.limit : (settings.pageViewLimit ?? settings.limit * 4);
    let info;
    try {
      // Page views count under their own key in the same store.
      info = await store.increment((kind === 'lead' ? '' : 'pv:') + keyFor(ip || 'unknown'));
    } catch (error) {
      // A lead is worth more than a perfect limit: when the store is down, let the request through.
      logger.warn({ err: (error as Error).message }, 'rate limit store failed; request allowed');
      return { ok: true };
    }
    if (info.totalHits <= limit) return { ok: true };
    const resetSeconds = Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
    // Header names of the IETF RateLimit draft 6, as express-rate-limit's `standardHeaders: 'draft-6'`.
    return {
      ok: false,
      headers: {
        'retry-after': String(resetSeconds),
        'ratelimit-policy': `${limit};w=${Math.ceil(windowMs / 1000)}`,
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(resetSeconds),
      },
    };
  }

  return { check, close: async () => void (ownsStore ? await store.shutdown?.() : undefined) };
}

/** An IPv6 address by its /56 prefix (`2001:db8:0:100::/56`), anything else as it is. */
export function keyFor(ip: string): string {
  if (!ipaddr.IPv6.isValid(ip) || ipaddr.IPv4.isValid(ip)) return ip;
  const address = ipaddr.IPv6.parse(ip);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip}/56`).toString()}/56`;
}

/**
 * The default store: counts in this process's memory (one instance only), a fixed window per key.
 * Expired windows are swept once per window by an unref'd timer, so memory follows the active clients.
 */
export function createMemoryStore(): RateLimitStore {
  const hits = new Map<string, { count: number; resetAt: number }>();
  let windowMs = 60_000;
  let sweeper: NodeJS.Timeout | undefined;
  return {
    init(options) {
      windowMs = options.windowMs;
      clearInterval(sweeper);
      sweeper = setInterval(() => {
        const now = Date.now();
        for (const [key, entry] of hits) if (entry.resetAt <= now) hits.delete(key);
      }, windowMs).unref();
    },
    increment(key) {
      const now = Date.now();
      let entry = hits.get(key);
      if (!entry || entry.resetAt <= now) hits.set(key, (entry = { count: 0, resetAt: now + windowMs }));
      entry.count++;
      return { totalHits: entry.count, resetTime: new Date(entry.resetAt) };
    },
    shutdown() {
      clearInterval(sweeper);
      hits.clear();
    },
  };
}
