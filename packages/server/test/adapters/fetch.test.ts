import type { StandIn } from '@leadbeacon/stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchHandler, type FetchHandler } from '../../src/adapters/fetch.js';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import { createMemoryLogger, leadsDelivered, startStandIn, validBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';
const URL_ = 'https://api.site.example/api/leadbeacon';

let standIn: StandIn;
let handler: FetchHandler;

beforeEach(async () => {
  const started = await startStandIn();
  standIn = started.standIn;
  handler = createFetchHandler({
    apiKey: standIn.apiKey,
    projectId: 'proj-test',
    apiUrl: started.apiUrl,
    allowedOrigins: [ORIGIN],
    trustProxy: 'loopback',
    logger: createMemoryLogger(),
    outbox: createMemoryOutbox(),
  });
});
afterEach(async () => {
  await handler.close();
  await standIn.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(URL_, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'FetchUA/1', ...headers } });

describe('createFetchHandler', () => {
  it('answers a page view (?pv) 204 with one Set-Cookie header per cookie, and stores nothing', async () => {
    const res = await handler(new Request(`${URL_}?pv`, { method: 'POST', body: JSON.stringify({ u: `${ORIGIN}/?msclkid=m-1` }), headers: { origin: ORIGIN, 'content-type': 'text/plain' } }));
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['lt_channelflow', 'lt_session', 'lb_msclkid']);
    expect(res.headers.getSetCookie()[2]).toContain('; Domain=site.example; Path=/;');
    expect(await handler.stats()).toMatchObject({ pending: 0 });
  });

  it('creates the lead and answers with CORS headers', async () => {
    const res = await handler(post(JSON.stringify(validBeacon)), { clientAddress: '198.51.100.20' });
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await res.json()).toEqual({ ok: true, uniqueEventId: validBeacon.uniqueEventId });
    const [lead] = await leadsDelivered(standIn, 1);
    expect(lead?.deviceData).toEqual({ ipAddress: '198.51.100.20', userAgent: 'FetchUA/1' });
  });

  it('takes the client from X-Forwarded-For only through a trusted proxy', async () => {
    await handler(post(JSON.stringify(validBeacon), { 'x-forwarded-for': '203.0.113.9' }), { clientAddress: '127.0.0.1' });
    const second = { ...validBeacon, uniqueEventId: 'evt-second-123456' };
    await handler(post(JSON.stringify(second), { 'x-forwarded-for': '203.0.113.9' }), { clientAddress: '198.51.100.20' });
    const leads = await leadsDelivered(standIn, 2);
    const ipOf = (id: string) => leads.find((l) => l.formData.uniqueEventId === id)?.deviceData.ipAddress;
    expect([ipOf(validBeacon.uniqueEventId), ipOf(second.uniqueEventId)]).toEqual(['203.0.113.9', '198.51.100.20']);
  });

  it('returns 413 for a streamed body over 64 KiB without a content-length', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ ...validBeacon, formData: { big: 'x'.repeat(70_000) } }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 8_192) controller.enqueue(big.subarray(i, i + 8_192));
        controller.close();
      },
    });
    const res = await handler(new Request(URL_, { method: 'POST', body: stream, duplex: 'half', headers: { origin: ORIGIN, 'content-type': 'text/plain' } } as RequestInit));
    expect(res.status).toBe(413);
    expect(standIn.leads).toHaveLength(0);
  });

  it('returns 415 for a compressed body', async () => {
    const res = await handler(post(JSON.stringify(validBeacon), { 'content-encoding': 'gzip' }));
    expect(res.status).toBe(415);
  });

  it('returns 400 naming the field', async () => {
    const res = await handler(post(JSON.stringify({ ...validBeacon, uniqueIdentifier: 'u'.repeat(300) })));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('uniqueIdentifier');
  });

  it('answers a preflight with an empty 204', async () => {
    const res = await handler(new Request(URL_, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } }));
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('returns 403 without CORS headers to another origin', async () => {
    const res = await handler(post(JSON.stringify(validBeacon), { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('emits events the host app can listen to', async () => {
    const seen: string[] = [];
    handler.events.on('accepted', (e) => seen.push(`accepted ${e.uniqueEventId}`));
    handler.events.on('delivered', (e) => seen.push(`delivered ${e.leadId}`));
    const delivered = new Promise((resolve) => handler.events.once('delivered', resolve));
    await handler(post(JSON.stringify(validBeacon)));
    await delivered;
    expect(seen).toEqual([`accepted ${validBeacon.uniqueEventId}`, 'delivered 1']);
  });
});

describe('createFetchHandler before its first request', () => {
  it('needs no option, secret or file to be created, and throws the option error on the first request', async () => {
    const saved = process.env.LEADTRACKR_API_KEY;
    delete process.env.LEADTRACKR_API_KEY;
    try {
      const lazy = createFetchHandler({ projectId: 'proj-test', outboxPath: '/nonexistent-dir/never-created.db' });
      expect(typeof lazy.events.on).toBe('function');
      await expect(lazy(post(JSON.stringify(validBeacon)))).rejects.toThrow(/Expected `apiKey`/);
      await lazy.close();
    } finally {
      if (saved !== undefined) process.env.LEADTRACKR_API_KEY = saved;
    }
  });
});

describe('createFetchHandler with serverless: true', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let lazy: FetchHandler;
  const outbox = () => createMemoryOutbox();
  const SECRET = 'cron-secret-for-tests';

  beforeEach(async () => {
    ({ standIn, apiUrl } = await startStandIn());
  });
  afterEach(async () => {
    await lazy.close();
    await standIn.close();
  });

  const create = (extra: Parameters<typeof createFetchHandler>[0] = {}, secret: { drainSecret?: string } = { drainSecret: SECRET }) =>
    (lazy = createFetchHandler({ apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl, allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outbox: outbox(), serverless: true, ...secret, ...extra }));
  const drain = (token = SECRET) => lazy.drain(new Request(`${URL_}/drain`, { headers: { authorization: `Bearer ${token}` } }));

  it('delivers the lead inside the request, before it answers', async () => {
    create();
    const res = await lazy(post(JSON.stringify(validBeacon)));
    expect(res.status).toBe(202);
    expect(standIn.leads).toHaveLength(1);
    expect(await lazy.stats()).toMatchObject({ pending: 0 });
  });

  it('answers 200 with the leadId in sync mode, with no background worker', async () => {
    create({ mode: 'sync' });
    const res = await lazy(post(JSON.stringify(validBeacon)));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ leadId: 1 });
  });

  it('keeps a lead the request could not deliver, and a later drain delivers it', async () => {
    create({ backoffBaseMs: 1 });
    standIn.fail({ kind: 'status', status: 503 }, 1);
    expect((await lazy(post(JSON.stringify(validBeacon)))).status).toBe(202);
    expect(standIn.leads).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const res = await drain();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ delivered: 1, retried: 0, deadLettered: 0, pending: 0, dead: 0, oldestPendingAgeMs: null });
    expect(standIn.leads).toHaveLength(1);
  });

  it('refuses a drain without the secret (401), or when no secret is set (403)', async () => {
    create();
    expect((await drain('wrong')).status).toBe(401);
    expect((await lazy.drain(new Request(`${URL_}/drain`))).status).toBe(401);
    await lazy.close();
    const saved = [process.env.LEADBEACON_DRAIN_SECRET, process.env.CRON_SECRET];
    delete process.env.LEADBEACON_DRAIN_SECRET;
    delete process.env.CRON_SECRET;
    try {
      create({}, {});
      expect((await drain('')).status).toBe(403);
    } finally {
      if (saved[0] !== undefined) process.env.LEADBEACON_DRAIN_SECRET = saved[0];
      if (saved[1] !== undefined) process.env.CRON_SECRET = saved[1];
    }
  });
});
