import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../src/options.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('resolveOptions', () => {
  it('reads the environment', () => {
    const resolved = resolveOptions({ logger }, {
      LEADTRACKR_API_KEY: 'k',
      LEADTRACKR_PROJECT_ID: 'p',
      LEADBEACON_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(resolved).toMatchObject({
      apiKey: 'k',
      projectId: 'p',
      apiUrl: 'https://app.leadtrackr.io',
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  it('prefers options over the environment', () => {
    const resolved = resolveOptions({ apiKey: 'k2', projectId: 'p2', apiUrl: 'http://127.0.0.1:9/', logger }, { LEADTRACKR_API_KEY: 'k' });
    expect(resolved).toMatchObject({ apiKey: 'k2', projectId: 'p2', apiUrl: 'http://127.0.0.1:9' });
  });

  it('throws a TypeError naming a missing key or project', () => {
    expect(() => resolveOptions({ logger }, {})).toThrow(/Expected `apiKey`/);
    expect(() => resolveOptions({ apiKey: 'k', logger }, {})).toThrow(/Expected `projectId`/);
  });

  it('throws a TypeError on an origin with a path', () => {
    expect(() => resolveOptions({ apiKey: 'k', projectId: 'p', allowedOrigins: ['https://a.example/x'], logger }, {})).toThrow(TypeError);
  });
});

describe('resolveOptions, delivery', () => {
  const base = { apiKey: 'k', projectId: 'p', logger };

  it('documents its defaults: async, SQLite at ./leadbeacon.db, 7 days, 10 minute backoff cap', () => {
    expect(resolveOptions(base, {})).toMatchObject({
      outboxPath: './leadbeacon.db', mode: 'async', syncTimeoutMs: 3_000, worker: true, concurrency: 4,
      backoffBaseMs: 1_000, backoffMaxMs: 600_000, maxAttempts: 2_000, maxAgeMs: 604_800_000, leaseMs: 60_000,
    });
  });

  it('reads the outbox from LEADBEACON_OUTBOX', () => {
    expect(resolveOptions(base, { LEADBEACON_OUTBOX: '/var/lib/app/leads.db' }).outboxPath).toBe('/var/lib/app/leads.db');
  });

  it('throws a TypeError naming a bad delivery option', () => {
    expect(() => resolveOptions({ ...base, mode: 'later' as 'sync' }, {})).toThrow(/Expected `mode`/);
    expect(() => resolveOptions({ ...base, concurrency: 0 }, {})).toThrow(/Expected `concurrency`/);
    expect(() => resolveOptions({ ...base, leaseMs: 5_000 }, {})).toThrow(/Expected `leaseMs` to exceed `timeoutMs`/);
    expect(() => resolveOptions({ ...base, mode: 'sync', worker: false }, {})).toThrow(/Expected `worker`/);
  });
});
