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

  it('reads the endpoint options from the environment', () => {
    const resolved = resolveOptions({ logger }, {
      LEADTRACKR_API_KEY: 'k',
      LEADTRACKR_PROJECT_IDS: 'https://a.example=pa, b.example=pb',
      LEADBEACON_ALLOWED_ORIGINS: 'https://a.example,*.b.example',
      LEADBEACON_TRUST_PROXY: 'loopback',
      LEADBEACON_ANONYMIZE_IP: 'true',
      LEADBEACON_RATE_LIMIT: '5',
      LEADBEACON_RATE_LIMIT_WINDOW_MS: '1000',
      LEADBEACON_HONEYPOT: 'false',
      LEADBEACON_MIN_PAGE_MS: '0',
    });
    expect(resolved.projectIdFor('https://a.example')).toBe('pa');
    expect(resolved.projectIdFor('https://www.b.example')).toBeUndefined();
    expect(resolved.projectIdFor('https://b.example')).toBe('pb');
    expect(resolved.isOriginAllowed('https://x.b.example', undefined)).toBe(true);
    expect(resolved.clientIp('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolved.rateLimit).toMatchObject({ limit: 5, windowMs: 1000, ownsStore: true });
    expect(resolved).toMatchObject({ anonymizeIp: true, honeypot: false, minPageMs: 0 });
  });

  it('defaults to a 30-per-minute memory-store limit, honeypot on, 1.5 s minimum, proxies untrusted', () => {
    const resolved = resolveOptions({ apiKey: 'k', projectId: 'p', logger }, {});
    expect(resolved.rateLimit).toMatchObject({ limit: 30, pageViewLimit: 120, windowMs: 60_000, ownsStore: true });
    expect(resolved).toMatchObject({ honeypot: true, minPageMs: 1500, anonymizeIp: false, cookieDomain: undefined });
    expect(resolved.clientIp('127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
  });

  it('turns the rate limit off with false or LEADBEACON_RATE_LIMIT=0', () => {
    expect(resolveOptions({ apiKey: 'k', projectId: 'p', rateLimit: false, logger }, {}).rateLimit).toBe(false);
    expect(resolveOptions({ apiKey: 'k', projectId: 'p', logger }, { LEADBEACON_RATE_LIMIT: '0' }).rateLimit).toBe(false);
  });

  it('takes the server-mode cookie domain from cookieDomain or LEADBEACON_COOKIE_DOMAIN, without a leading dot', () => {
    expect(resolveOptions({ apiKey: 'k', projectId: 'p', cookieDomain: '.Example.com', logger }, {}).cookieDomain).toBe('example.com');
    expect(resolveOptions({ apiKey: 'k', projectId: 'p', logger }, { LEADBEACON_COOKIE_DOMAIN: 'shop.example' }).cookieDomain).toBe('shop.example');
  });

  it('accepts projectIds without a projectId', () => {
    expect(resolveOptions({ apiKey: 'k', projectIds: { 'a.example': 'pa' }, logger }, {}).projectIdFor('https://a.example')).toBe('pa');
  });

  it.each([
    ['rateLimit.limit', { rateLimit: { limit: 0 } }],
    ['rateLimit.windowMs', { rateLimit: { windowMs: 2 ** 31 } }],
    ['rateLimit.pageViewLimit', { rateLimit: { pageViewLimit: 0.5 } }],
    ['cookieDomain', { cookieDomain: 'https://example.com' }],
    ['rateLimit.store', { rateLimit: { store: {} as never } }],
    ['minPageMs', { minPageMs: -1 }],
    ['transform', { transform: 'x' as never }],
    ['trustProxy', { trustProxy: 'nonsense' }],
    ['projectIds', { projectIds: { 'https://a.example/x': 'p' } }],
  ])('throws a TypeError naming `%s`', (name, extra) => {
    expect(() => resolveOptions({ apiKey: 'k', projectId: 'p', logger, ...extra }, {})).toThrow(new RegExp(name.replace('.', '\\.')));
  });

  it('throws a TypeError on an origin with a path', () => {
    expect(() => resolveOptions({ apiKey: 'k', projectId: 'p', allowedOrigins: ['https://a.example/x'], logger }, {})).toThrow(TypeError);
  });
});

describe('resolveOptions, delivery', () => {
  const base = { apiKey: 'k', projectId: 'p', logger };

  it('documents its defaults: async, SQLite at ./leadbeacon.db, 7 days, 10 minute backoff cap', () => {
    expect(resolveOptions(base, {})).toMatchObject({
      outboxPath: './leadbeacon.db', mode: 'async', syncTimeoutMs: 3_000, worker: true, concurrency: 32,
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
