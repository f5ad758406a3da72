import { ipKeyGenerator, MemoryStore, type Options as RateLimitOptions, type Store } from 'express-rate-limit';
import type { Logger } from '../logger.js';

export type { Store as RateLimitStore } from 'express-rate-limit';

export interface RateLimitSettings {
  limit: number;
  windowMs: number;
  /** Server mode's page views, counted apart from leads so browsing never spends a visitor's lead allowance. @default 4 × limit */
  pageViewLimit?: number;
  /** An express-rate-limit store: its MemoryStore, rate-limit-redis's RedisStore, … */
  store: Store;
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
 * store written for it works, and it keys IPv6 clients by /56 with express-rate-limit's own
 * `ipKeyGenerator`, as one subscriber usually holds a whole prefix.
 */
export function createRateLimiter(settings: RateLimitSettings, logger: Logger, ownsStore: boolean): RateLimiter {
  const { store, windowMs } = settings;
  // Stores read only what they need (windowMs); the rest of the middleware's options do not apply.
  const ready = Promise.resolve(store.init?.({ windowMs, limit: settings.limit } as RateLimitOptions)).catch((error: unknown) => {
    logger.warn({ code: (error as { code?: string }).code, err: (error as Error).message }, 'rate limit store did not start');
  });

  async function check(ip: string, kind: 'lead' | 'pageView' = 'lead'): Promise<RateLimitVerdict> {
    await ready;
    const limit = kind === 'lead' ? settings.limit : (settings.pageViewLimit ?? settings.limit * 4);
    let info;
    try {
      // Page views count under their own key in the same store.
      info = await store.increment((kind === 'lead' ? '' : 'pv:') + ipKeyGenerator(ip || 'unknown'));
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

/** The default store: express-rate-limit's in-process MemoryStore (one instance only). */
export function createMemoryStore(): Store {
  return new MemoryStore();
}
