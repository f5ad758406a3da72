import type { StandIn } from '@leadbeacon/stand-in';
import compression from 'compression';
import express5 from 'express';
import helmet from 'helmet';
import express4 from 'express4';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/index.js';
import { createLeadRouter, type LeadRouter } from '../../src/express.js';
import { leadsDelivered, createMemoryLogger, postAs, startStandIn, validBeacon, validCookiesBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';

describe.each([
  ['Express 5', express5 as unknown as typeof express5],
  ['Express 4', express4 as unknown as typeof express5],
])('createLeadRouter on %s', (_name, express) => {
  let standIn: StandIn;
  let server: Server;
  let router: LeadRouter;
  let base: string;
  const logger = createMemoryLogger();

  beforeEach(async () => {
    const started = await startStandIn();
    standIn = started.standIn;
    router = createLeadRouter({
      apiKey: standIn.apiKey,
      projectId: 'proj-test',
      apiUrl: started.apiUrl,
      allowedOrigins: [ORIGIN],
      logger,
      // Sync mode, so a test sees LeadTrackr's leadId in the answer; each router its own outbox.
      outbox: createMemoryOutbox(),
      mode: 'sync',
      syncTimeoutMs: 1_000,
    });
    const app = express();
    app.use('/leadbeacon', router);
    server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await router.close();
    await standIn.close();
  });

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(base, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'TestAgent/1.0', ...headers } });

  it('answers a page view (?pv) 204 with one Set-Cookie header per cookie, and stores nothing', async () => {
    const res = await postAs(`${base}?pv`, 'api.site.example', { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify({ u: `${ORIGIN}/?gclid=Cj0-test` }));
    expect(res.status).toBe(204);
    expect(res.setCookies.map((c) => c.split('=')[0])).toEqual(['lt_channelflow', 'lt_session', 'lb_gclid']);
    expect(res.setCookies[1]).toMatch(/^lt_session=1; Max-Age=1800; Domain=site\.example; Path=\/; Secure; SameSite=Lax$/);
    expect(await router.stats()).toMatchObject({ pending: 0 });
  });

  it('creates the lead from a text/plain beacon with device data from the request', async () => {
    const res = await post(JSON.stringify(validBeacon));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await res.json()).toMatchObject({ ok: true, uniqueEventId: validBeacon.uniqueEventId, leadId: 1 });
    const lead = standIn.leads[0]!;
    expect(lead.projectId).toBe('proj-test');
    expect(lead.userData).toEqual(validBeacon.userData);
    expect(lead.formData).toEqual({ ...validBeacon.formData, uniqueEventId: validBeacon.uniqueEventId });
    expect(lead.deviceData).toEqual({ ipAddress: '127.0.0.1', userAgent: 'TestAgent/1.0' });
  });

  it('creates the lead with the ids read from the raw cookies of a beacon without attributionData, and no cookie names', async () => {
    const { attributionData: _, ...beacon } = validCookiesBeacon;
    const res = await post(JSON.stringify(beacon));
    expect(res.status).toBe(200);
    const { attributionData } = standIn.leads[0]!;
    expect(attributionData).toEqual({
      gclid: 'Cj0KCQ-cookie',
      cid: '1234567890.1712345678',
      fbp: 'fb.1.1712345678000.1234567890',
      msclkid: 'ms-cookie',
      gad_campaignid: '21436587',
    });
    expect(JSON.stringify(attributionData)).not.toMatch(/_ga|_gcl|_fbp|_uet|lb_/);
  });

  it('accepts application/json too', async () => {
    const res = await post(JSON.stringify(validBeacon), { 'content-type': 'application/json' });
    expect(res.status).toBe(200);
  });

  it('ignores deviceData sent in the body', async () => {
    const res = await post(JSON.stringify({ ...validBeacon, deviceData: { ipAddress: '6.6.6.6' } }));
    expect(res.status).toBe(400);
    expect(standIn.leads).toHaveLength(0);
  });

  it('returns 400 naming the bad field', async () => {
    const res = await post(JSON.stringify({ ...validBeacon, userData: { email: 42 } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_beacon', message: expect.stringContaining('userData.email') });
  });

  it('returns 400 when the body is not JSON', async () => {
    const res = await post('{not json');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_json' });
  });

  it('returns 413 above 64 KiB', async () => {
    const res = await post(JSON.stringify({ ...validBeacon, formData: { big: 'x'.repeat(70_000) } }));
    expect(res.status).toBe(413);
  });

  it('returns 415 for other content types', async () => {
    const res = await post('a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('returns 403 without CORS headers to another origin', async () => {
    const res = await post(JSON.stringify(validBeacon), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(standIn.leads).toHaveLength(0);
  });

  it('answers a preflight from an allowed origin', async () => {
    const res = await fetch(base, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('keeps the lead and answers 202 without leaking the key while LeadTrackr fails', async () => {
    standIn.fail({ kind: 'status', status: 500 }, 100);
    const res = await post(JSON.stringify(validBeacon));
    const text = await res.text();
    expect(res.status).toBe(202);
    expect(text).not.toContain(standIn.apiKey);
    expect(JSON.stringify(logger.lines)).not.toContain(standIn.apiKey);
    expect(JSON.stringify(logger.lines)).not.toContain('jane@example.com');
  });
});

describe.each([
  ['Express 5', express5 as unknown as typeof express5],
  ['Express 4', express4 as unknown as typeof express5],
])('createLeadRouter in a host app on %s', (_name, express) => {
  let standIn: StandIn;
  let apiUrl: string;
  const servers: Server[] = [];
  const routers: LeadRouter[] = [];

  beforeEach(async () => {
    ({ standIn, apiUrl } = await startStandIn());
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    for (const router of routers.splice(0)) await router.close();
    await standIn.close();
  });

  /** Mounts a router at `path` in an app built by `host`, returns the router's URL. */
  async function mount(path: string, options: Parameters<typeof createLeadRouter>[0] = {}, host: (app: ReturnType<typeof express>) => void = () => {}) {
    const router = createLeadRouter({ apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl, allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outbox: createMemoryOutbox(), ...options });
    routers.push(router);
    const app = express();
    host(app);
    app.use(path, router);
    const server = app.listen(0);
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path === '/' ? '' : path}`;
  }

  const withEverything = (app: ReturnType<typeof express>) => {
    app.use(helmet());
    app.use(compression({ threshold: 0 }));
    app.use(express.json());
    app.use(express.urlencoded({ extended: false }));
  };

  const send = (url: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', ...headers } });

  it('creates leads behind helmet, compression, express.json() and express.urlencoded()', async () => {
    const url = await mount('/api/v1/leadbeacon', {}, withEverything);
    const plain = await send(url, JSON.stringify(validBeacon));
    const json = await send(url, JSON.stringify({ ...validBeacon, uniqueEventId: 'evt-json-12345678' }), { 'content-type': 'application/json' });
    expect([plain.status, json.status]).toEqual([202, 202]);
    expect(await json.json()).toEqual({ ok: true, uniqueEventId: 'evt-json-12345678' });
    const leads = await leadsDelivered(standIn, 2);
    expect(leads.map((l) => l.formData.uniqueEventId).sort()).toEqual([validBeacon.uniqueEventId, 'evt-json-12345678'].sort());
  });

  it('returns 413 for a body the host’s express.json() parsed with its larger limit', async () => {
    const url = await mount('/leadbeacon', {}, withEverything);
    const res = await send(url, JSON.stringify({ ...validBeacon, formData: { big: 'x'.repeat(70_000) } }), { 'content-type': 'application/json' });
    expect(res.status).toBe(413);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('returns 415 for a form post the host’s express.urlencoded() parsed', async () => {
    const url = await mount('/leadbeacon', {}, withEverything);
    const res = await send(url, 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
  });

  it('works mounted at the root', async () => {
    const url = await mount('/');
    expect((await send(url + '/', JSON.stringify(validBeacon))).status).toBe(202);
  });

  it('reads X-Forwarded-For only with trustProxy', async () => {
    const trusting = await mount('/trusting', { trustProxy: 'loopback' });
    const plain = await mount('/plain');
    await send(trusting, JSON.stringify(validBeacon), { 'x-forwarded-for': '203.0.113.50' });
    await send(plain, JSON.stringify({ ...validBeacon, uniqueEventId: 'evt-plain-12345678' }), { 'x-forwarded-for': '203.0.113.50' });
    const leads = await leadsDelivered(standIn, 2);
    const ipOf = (id: string) => leads.find((l) => l.formData.uniqueEventId === id)?.deviceData.ipAddress;
    expect([ipOf(validBeacon.uniqueEventId), ipOf('evt-plain-12345678')]).toEqual(['203.0.113.50', '127.0.0.1']);
  });

  it('answers 429 once an address spends its limit', async () => {
    const url = await mount('/leadbeacon', { rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(url, JSON.stringify({ ...validBeacon, uniqueEventId: `evt-limit-${i}-1234567` }))).status);
    expect(statuses).toEqual([202, 202, 429]);
    expect(await leadsDelivered(standIn, 2)).toHaveLength(2);
  });
});
