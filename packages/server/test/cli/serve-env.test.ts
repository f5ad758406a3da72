import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readServeConfig } from '../../src/cli/serve-env.js';
import { connectRedisOrSkip, REDIS_URL } from '../support/redis.js';

const redis = await connectRedisOrSkip();
await redis?.quit();

describe('readServeConfig', () => {
  it('reads the server settings', async () => {
    const config = await readServeConfig({ PORT: '8080', HOST: '127.0.0.1', LEADBEACON_PATH: '/leads', LEADTRACKR_TIMEOUT_MS: '2000', LEADBEACON_METRICS: 'false', LEADBEACON_SERVER_SCRIPT_FILE: '/srv/lb.server.js' });
    expect(config.options).toEqual({ port: 8080, host: '127.0.0.1', path: '/leads', timeoutMs: 2000, metrics: false, serverScriptFile: '/srv/lb.server.js' });
  });

  it('reads the slow-client deadline and the connection cap', async () => {
    const config = await readServeConfig({ LEADBEACON_REQUEST_TIMEOUT_MS: '5000', LEADBEACON_MAX_CONNECTIONS: '500' });
    expect(config.options).toEqual({ requestTimeoutMs: 5000, maxConnections: 500 });
  });

  it('throws a TypeError naming a variable that is not a number', async () => {
    await expect(readServeConfig({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  });

  it.runIf(redis)('shares rate limit counts through Redis with LEADBEACON_REDIS_URL', async () => {
    const env = { LEADBEACON_REDIS_URL: REDIS_URL, LEADBEACON_REDIS_PREFIX: `lb-test-${randomUUID()}:` };
    const [a, b] = [await readServeConfig(env), await readServeConfig(env)];
    const [storeA, storeB] = [a, b].map((c) => (c.options.rateLimit as { store: import('../../src/intake/rate-limit.js').RateLimitStore }).store);
    await storeA!.init?.({ windowMs: 60_000 } as never);
    await storeB!.init?.({ windowMs: 60_000 } as never);
    await storeA!.increment('203.0.113.7');
    expect((await storeB!.increment('203.0.113.7')).totalHits).toBe(2);
    await a.close();
    await b.close();
  });
});
