import { randomUUID } from 'node:crypto';
import { RedisStore } from 'rate-limit-redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore, createRateLimiter, keyFor, type RateLimitStore } from '../../src/intake/rate-limit.js';
import { connectRedisOrSkip } from '../support/redis.js';
import { createMemoryLogger } from '../support/setup.js';

const redis = await connectRedisOrSkip();
afterAll(async () => {
  await redis?.quit();
});

const stores: [string, (() => RateLimitStore) | undefined][] = [
  ['MemoryStore', createMemoryStore],
  // A fresh prefix per store keeps runs (and parallel engineers) from sharing counts.
  ['RedisStore', redis && (() => new RedisStore({ sendCommand: (...args: string[]) => redis.sendCommand(args), prefix: `lb-test-${randomUUID()}:` }))],
];

describe.each(stores)('createRateLimiter with %s', (_name, makeStore) => {
  const run = makeStore ? it : it.skip;

  run('allows `limit` beacons per window, then refuses with Retry-After', async () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, store: makeStore!() }, createMemoryLogger(), true);
    expect((await limiter.check('203.0.113.7')).ok).toBe(true);
    expect((await limiter.check('203.0.113.7')).ok).toBe(true);
    const third = await limiter.check('203.0.113.7');
    expect(third.ok).toBe(false);
    expect(!third.ok && Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect(!third.ok && third.headers['ratelimit-limit']).toBe('2');
    await limiter.close();
  });

  run('counts each address on its own', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, store: makeStore!() }, createMemoryLogger(), true);
    expect((await limiter.check('203.0.113.7')).ok).toBe(true);
    expect((await limiter.check('203.0.113.8')).ok).toBe(true);
    expect((await limiter.check('203.0.113.7')).ok).toBe(false);
    await limiter.close();
  });

  run('counts an IPv6 /56 as one client', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, store: makeStore!() }, createMemoryLogger(), true);
    expect((await limiter.check('2001:db8:0:1::1')).ok).toBe(true);
    expect((await limiter.check('2001:db8:0:2::2')).ok).toBe(false);
    await limiter.close();
  });

  run('shares counts between instances that use the same store', async () => {
    const store = makeStore!();
    const a = createRateLimiter({ limit: 1, windowMs: 60_000, store }, createMemoryLogger(), false);
    const b = createRateLimiter({ limit: 1, windowMs: 60_000, store }, createMemoryLogger(), false);
    expect((await a.check('198.51.100.1')).ok).toBe(true);
    expect((await b.check('198.51.100.1')).ok).toBe(false);
    await store.shutdown?.();
  });
});

it('lets requests through, and logs, when the store fails', async () => {
  const logger = createMemoryLogger();
  const broken: RateLimitStore = {
    increment: async () => {
      throw new Error('ECONNREFUSED');
    },
    decrement: async () => {},
    resetKey: async () => {},
  };
  const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, store: broken }, logger, false);
  expect((await limiter.check('203.0.113.7')).ok).toBe(true);
  expect((await limiter.check('203.0.113.7')).ok).toBe(true);
  expect(logger.lines.map((l) => l.msg)).toContain('rate limit store failed; request allowed');
});

describe('keyFor', () => {
  it.each([
    ['2001:db8:1:2ff:aaaa::1', '2001:db8:1:200::/56'],
    ['2001:db8:1:2ff::9', '2001:db8:1:200::/56'],
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['unknown', 'unknown'],
  ])('keys %s as %s', (ip, key) => {
    expect(keyFor(ip)).toBe(key);
  });
});

describe('createMemoryStore', () => {
  it('starts a new window once the last one has ended', async () => {
    const store = createMemoryStore();
    await store.init?.({ windowMs: 30 });
    expect((await store.increment('a')).totalHits).toBe(1);
    expect((await store.increment('a')).totalHits).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect((await store.increment('a')).totalHits).toBe(1);
    await store.shutdown?.();
  });
});
