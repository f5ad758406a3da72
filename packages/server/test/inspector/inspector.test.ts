import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import { createInspector, type InspectorRequest } from '../../src/inspector/inspector.js';
import { createRecentLeads } from '../../src/inspector/recent.js';
import { leadFor } from '../support/setup.js';

const TOKEN = 'a-token-of-sixteen-or-more';
const req = (overrides: Partial<InspectorRequest> = {}): InspectorRequest => ({ method: 'GET', path: '/leads.json', query: '', headers: {}, ip: '127.0.0.1', ...overrides });

function setup(access: Parameters<typeof createInspector>[0]['access']) {
  const outbox = createMemoryOutbox();
  const recent = createRecentLeads();
  return { outbox, recent, inspect: createInspector({ recent, outbox, access, now: () => 5_000 }) };
}

describe('the inspector', () => {
  it("answers 'local' only to this machine's loopback, and never through a proxy", async () => {
    const { inspect } = setup('local');
    expect((await inspect(req())).status).toBe(200);
    expect((await inspect(req({ ip: '::1' }))).status).toBe(200);
    expect((await inspect(req({ ip: '::ffff:127.0.0.1' }))).status).toBe(200);
    expect((await inspect(req({ ip: '198.51.100.4' }))).status).toBe(403);
    expect((await inspect(req({ headers: { 'x-forwarded-for': '198.51.100.4' } }))).status).toBe(403);
    expect((await inspect(req({ headers: { forwarded: 'for=198.51.100.4' } }))).status).toBe(403);
  });

  it('answers a token holder only, by header or query, from anywhere', async () => {
    const { inspect } = setup({ token: TOKEN });
    expect((await inspect(req())).status).toBe(401);
    expect((await inspect(req({ headers: { authorization: 'Bearer wrong-token-wrong-token' } }))).status).toBe(401);
    expect((await inspect(req({ headers: { authorization: `Bearer ${TOKEN}` }, ip: '198.51.100.4' }))).status).toBe(200);
    expect((await inspect(req({ query: `token=${TOKEN}`, ip: '198.51.100.4' }))).status).toBe(200);
    expect((await inspect(req({ query: `token=${TOKEN}x` }))).status).toBe(401);
  });

  it('refuses a token shorter than 16 characters at creation', () => {
    expect(() => setup({ token: 'short' })).toThrow(TypeError);
  });

  it('serves a page whose policy runs only its own script and style, holding no lead data', async () => {
    const { inspect, recent } = setup('local');
    recent.record({ uniqueEventId: 'evt-1', receivedAt: 1, origin: 'https://x.example', sent: {}, lead: leadFor('evt-1') });
    const page = await inspect(req({ path: '/' }));
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/);
    expect(page.body).not.toContain('evt-1@example.com');
  });

  it('lists each recent lead with what the browser sent, the LeadTrackr body and its delivery state', async () => {
    const { inspect, recent, outbox } = setup('local');
    await outbox.append(leadFor('evt-delivered'), 1_000);
    await outbox.append(leadFor('evt-pending'), 1_000);
    const [lease] = await outbox.lease(1, 60_000, 1_000);
    await outbox.acknowledge(lease!, 42, 2_000);
    recent.record({ uniqueEventId: 'evt-delivered', receivedAt: 1_000, origin: 'https://x.example', sent: { from: 'browser' }, lead: leadFor('evt-delivered') });
    recent.record({ uniqueEventId: 'evt-pending', receivedAt: 1_500, origin: 'https://x.example', sent: {}, lead: leadFor('evt-pending') });
    const out = await inspect(req());
    const body = JSON.parse(out.body);
    expect(out.headers['cache-control']).toBe('no-store');
    expect(body.now).toBe(5_000);
    expect(body.leads.map((l: { uniqueEventId: string; delivery: { status: string } }) => [l.uniqueEventId, l.delivery.status])).toEqual([
      ['evt-pending', 'pending'],
      ['evt-delivered', 'delivered'],
    ]);
    expect(body.leads[1]).toMatchObject({ sent: { from: 'browser' }, lead: { userData: { email: 'evt-delivered@example.com' } }, delivery: { leadId: 42 } });
  });

  it('answers 405 to anything but GET and HEAD, and 404 below it', async () => {
    const { inspect } = setup('local');
    expect((await inspect(req({ method: 'POST' }))).status).toBe(405);
    expect((await inspect(req({ path: '/../../etc/passwd' }))).status).toBe(404);
  });
});
