import type { StandIn } from '@leadbeacon/stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type StandaloneServer } from '../../src/adapters/serve.js';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import { createSqliteOutbox } from '../../src/delivery/outbox/sqlite.js';
import { createMemoryLogger, leadsDelivered, postAs, startStandIn, tempDir, validBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';

let standIn: StandIn;
let server: StandaloneServer;

beforeEach(async () => {
  const started = await startStandIn();
  standIn = started.standIn;
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    apiKey: standIn.apiKey,
    projectId: 'proj-test',
    apiUrl: started.apiUrl,
    allowedOrigins: [ORIGIN],
    logger: createMemoryLogger(),
    outbox: createMemoryOutbox(),
  });
});
afterEach(async () => {
  await server.close();
  await standIn.close();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/leadbeacon`, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'text/plain', ...headers } });

describe('startServer', () => {
  it('answers a page view (?pv) 204 with one Set-Cookie header per cookie', async () => {
    const res = await postAs(`${server.url}/leadbeacon?pv`, 'api.site.example', { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify({ u: `${ORIGIN}/?gclid=Cj0-test` }));
    expect(res.status).toBe(204);
    expect(res.setCookies.map((c) => c.split('=')[0])).toEqual(['lt_channelflow', 'lt_session', 'lb_gclid']);
    expect(await server.service.stats()).toMatchObject({ pending: 0 });
  });

  it('creates a lead at /leadbeacon with the socket address', async () => {
    const res = await post(JSON.stringify(validBeacon));
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const [lead] = await leadsDelivered(standIn, 1);
    expect(lead?.deviceData.ipAddress).toBe('127.0.0.1');
  });

  it('returns 413 for a body over 64 KiB sent in chunks', async () => {
    const res = await post(JSON.stringify({ ...validBeacon, formData: { big: 'x'.repeat(70_000) } }));
    expect(res.status).toBe(413);
  });

  it('serves the browser script with an ETag and answers 304 to a revalidation', async () => {
    const res = await fetch(`${server.url}/leadbeacon.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('data-endpoint');
    const again = await fetch(`${server.url}/leadbeacon.js`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('serves the chunk leadbeacon-forms.js from beside the script', async () => {
    const res = await fetch(`${server.url}/leadbeacon-forms.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toContain('_x');
  });

  it('serves the server-mode-only script at /leadbeacon.server.js', async () => {
    const res = await fetch(`${server.url}/leadbeacon.server.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    const text = await res.text();
    expect(text).toContain('?pv');
    expect(text).not.toContain('lb_probe');
  });

  it('answers /healthz and /readyz with the delivery stats', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, pending: 0, dead: 0, oldestPendingAgeMs: null });
  });

  it('answers /readyz 503 when the lead store cannot be read', async () => {
    const tmp = await tempDir();
    const outbox = createSqliteOutbox({ path: `${tmp.dir}/outbox.db` });
    const broken = await startServer({ port: 0, host: '127.0.0.1', apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl: 'http://127.0.0.1:9', logger: createMemoryLogger(), outbox });
    // The store goes away under the running server, as a deleted volume or a dead database would.
    await outbox.close();
    const res = await fetch(`${broken.url}/readyz`);
    await broken.close();
    await tmp.remove();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, reason: 'store_unavailable' });
  });

  it('serves Prometheus metrics that count what happened', async () => {
    const delivered = new Promise((resolve) => server.service.events.once('delivered', resolve));
    await post(JSON.stringify(validBeacon));
    await post('{');
    await delivered;
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/^leadbeacon_leads_accepted_total 1$/m);
    expect(text).toMatch(/^leadbeacon_leads_rejected_total\{reason="invalid_json"\} 1$/m);
    expect(text).toMatch(/^leadbeacon_outbox_pending_leads 0$/m);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(404);
  });
});
