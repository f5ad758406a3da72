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
