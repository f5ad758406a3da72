import { describe, expect, it } from 'vitest';
import { createLeadEvents } from '../../src/events.js';
import { createHandler, type AcceptResult, type HandleInput, type HandlerDeps } from '../../src/intake/handle.js';
import type { LeadTrackrLead } from '../../src/lead/map-lead.js';
import { createMemoryLogger, validBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';

function setup(accept: (lead: LeadTrackrLead) => Promise<AcceptResult>, extra: Partial<HandlerDeps> = {}) {
  const events = createLeadEvents();
  const seen: string[] = [];
  events.on('accepted', (e) => seen.push(`accepted ${e.uniqueEventId}`));
  events.on('rejected', (e) => seen.push(`rejected ${e.reason} ${e.status}`));
  const handle = createHandler({ projectId: 'proj', allowedOrigins: [ORIGIN], accept, events, logger: createMemoryLogger(), ...extra });
  return { handle, seen };
}

/** An accept that records the leads it is given. */
function recording() {
  const stored: LeadTrackrLead[] = [];
  const accept = async (lead: LeadTrackrLead): Promise<AcceptResult> => {
    stored.push(lead);
    return { outcome: 'accepted' };
  };
  return { stored, accept };
}

const input = (overrides: Partial<HandleInput> = {}): HandleInput => ({
  method: 'POST',
  headers: { origin: ORIGIN, 'content-type': 'text/plain', 'user-agent': 'UA/2' },
  body: JSON.stringify(validBeacon),
  ip: '198.51.100.4',
  ...overrides,
});

describe('handle', () => {
  it('answers 202 when the lead is stored for delivery, and passes the mapped lead on', async () => {
    const stored: LeadTrackrLead[] = [];
    const { handle, seen } = setup(async (lead) => {
      stored.push(lead);
      return { outcome: 'accepted' };
    });
    const out = await handle(input());
    expect(out.status).toBe(202);
    expect(JSON.parse(out.body)).toEqual({ ok: true, uniqueEventId: validBeacon.uniqueEventId });
    expect(stored[0]?.deviceData).toEqual({ ipAddress: '198.51.100.4', userAgent: 'UA/2' });
    expect(seen).toEqual([`accepted ${validBeacon.uniqueEventId}`]);
  });

  it('answers 200 with the leadId when the lead was delivered at once', async () => {
    const { handle } = setup(async () => ({ outcome: 'delivered', leadId: 7 }));
    const out = await handle(input());
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toMatchObject({ leadId: 7 });
  });

  it('answers 503 with Retry-After when the lead could not be stored, and reports a rejection', async () => {
    const { handle, seen } = setup(async () => {
      throw new Error('down');
    });
    const out = await handle(input());
    expect(out.status).toBe(503);
    expect(out.headers['retry-after']).toBe('10');
    expect(seen).toEqual(['rejected unavailable 503']);
  });

  it('accepts a body the host app already parsed', async () => {
    const { handle } = setup(async () => ({ outcome: 'accepted' }));
    expect((await handle(input({ body: structuredClone(validBeacon) }))).status).toBe(202);
  });

  it('reports a rejection with its reason', async () => {
    const { handle, seen } = setup(async () => ({ outcome: 'accepted' }));
    await handle(input({ body: '[' }));
    expect(seen).toEqual(['rejected invalid_json 400']);
  });
});

describe('handle: input', () => {
  it('returns 413 for a pre-parsed body that was larger than 64 KiB', async () => {
    const { handle, seen } = setup(async () => ({ outcome: 'accepted' }));
    const out = await handle(input({ body: { ...validBeacon, formData: { big: 'x'.repeat(70_000) } } }));
    expect(out.status).toBe(413);
    expect(seen).toEqual(['rejected body_too_large 413']);
  });

  it('returns 413 when the content-length says more than 64 KiB', async () => {
    const { handle } = setup(async () => ({ outcome: 'accepted' }));
    expect((await handle(input({ headers: { origin: ORIGIN, 'content-type': 'text/plain', 'content-length': '70000' } }))).status).toBe(413);
  });

  it('answers the body errors an adapter reports', async () => {
    const { handle } = setup(async () => ({ outcome: 'accepted' }));
    expect((await handle(input({ bodyError: 'too_large' }))).status).toBe(413);
    expect((await handle(input({ bodyError: 'unsupported_encoding' }))).status).toBe(415);
    expect((await handle(input({ bodyError: 'aborted' }))).status).toBe(400);
  });

  it('stores the lead with an overlong id and cookie value left out', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept);
    const beacon = { ...validBeacon, attributionData: { gclid: 'g'.repeat(3_000), msclkid: 'ms1' }, cookies: { _fbp: 'f'.repeat(5_000), _ga: 'GA1.1.1.2' } };
    const out = await handle(input({ body: JSON.stringify(beacon) }));
    expect(out.status).toBe(202);
    expect(stored[0]?.attributionData).toEqual({ msclkid: 'ms1', cid: '1.2' });
  });

  it('returns 400 naming uniqueIdentifier when it is longer than 255 characters', async () => {
    const { handle } = setup(async () => ({ outcome: 'accepted' }));
    const out = await handle(input({ body: JSON.stringify({ ...validBeacon, uniqueIdentifier: 'u'.repeat(256) }) }));
    expect(out.status).toBe(400);
    expect(JSON.parse(out.body).message).toContain('uniqueIdentifier');
  });
});

describe('handle: trust', () => {
  it('takes the projectId from the origin map, never from the body', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept, { projectIdFor: (origin) => (origin === ORIGIN ? 'proj-site' : undefined) });
    await handle(input({ body: JSON.stringify({ ...validBeacon, projectId: 'evil' }) }));
    await handle(input());
    expect(stored.map((l) => l.projectId)).toEqual(['proj-site']);
  });

  it('returns 403 without CORS headers when no project is configured for an allowed origin', async () => {
    const { handle } = setup(async () => ({ outcome: 'accepted' }), { projectIdFor: () => undefined });
    const out = await handle(input());
    expect(out.status).toBe(403);
    expect(out.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('stores the resolved client IP, anonymised when asked', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept, { clientIp: (_peer, xff) => xff ?? '', anonymizeIp: true });
    await handle(input({ headers: { origin: ORIGIN, 'content-type': 'text/plain', 'x-forwarded-for': '203.0.113.77' } }));
    expect(stored[0]?.deviceData.ipAddress).toBe('203.0.113.0');
  });

  it('ignores X-Forwarded-For by default', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept);
    await handle(input({ headers: { origin: ORIGIN, 'content-type': 'text/plain', 'x-forwarded-for': '6.6.6.6' } }));
    expect(stored[0]?.deviceData.ipAddress).toBe('198.51.100.4');
  });
});

describe('handle: abuse', () => {
  it('answers 429 with CORS and Retry-After when the rate limiter refuses', async () => {
    const { stored, accept } = recording();
    const { handle, seen } = setup(accept, {
      rateLimiter: { check: async () => ({ ok: false, headers: { 'retry-after': '42' } }), close: async () => {} },
    });
    const out = await handle(input());
    expect(out.status).toBe(429);
    expect(out.headers).toMatchObject({ 'retry-after': '42', 'access-control-allow-origin': ORIGIN });
    expect(stored).toHaveLength(0);
    expect(seen).toEqual(['rejected rate_limited 429']);
  });

  it.each([
    ['a filled honeypot', { hp: 'http://spam.example' }, 'bot_honeypot'],
    ['a submit too soon after page load', { pageMs: 200 }, 'bot_too_fast'],
  ])('answers %s like a stored lead, stores nothing and counts it', async (_name, extra, reason) => {
    const { stored, accept } = recording();
    const { handle, seen } = setup(accept, { bots: { honeypot: true, minPageMs: 1500 } });
    const out = await handle(input({ body: JSON.stringify({ ...validBeacon, ...extra }) }));
    expect(out.status).toBe(202);
    expect(JSON.parse(out.body)).toEqual({ ok: true, uniqueEventId: validBeacon.uniqueEventId });
    expect(stored).toHaveLength(0);
    expect(seen).toEqual([`rejected ${reason} 202`]);
  });

  it('answers a captured form without contact fields (a search box) like a stored lead, stores nothing and counts it', async () => {
    const { stored, accept } = recording();
    const { handle, seen } = setup(accept);
    const search = { uniqueEventId: validBeacon.uniqueEventId, fields: [{ n: 'q', v: ['solar'], t: 'search' }], form: { i: 'search' } };
    const out = await handle(input({ body: JSON.stringify(search) }));
    expect(out.status).toBe(202);
    expect(stored).toHaveLength(0);
    expect(seen).toEqual(['rejected no_contact_data 202']);
  });

  it('stores a captured form whose fields the endpoint maps to contact data', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept);
    const form = { uniqueEventId: validBeacon.uniqueEventId, fields: [{ n: 'Email', v: ['jane@example.com'], t: 'email' }], form: { n: 'contact' } };
    const out = await handle(input({ body: JSON.stringify(form) }));
    expect(out.status).toBeLessThan(300);
    expect(stored[0]).toMatchObject({ userData: { email: 'jane@example.com' }, formData: { formName: 'contact' } });
  });
});

describe('handle: transform', () => {
  it('stores the lead the hook returns, with the request context', async () => {
    const { stored, accept } = recording();
    const contexts: unknown[] = [];
    const { handle } = setup(accept, {
      transform: async (lead, context) => {
        contexts.push({ origin: context.origin, ip: context.ip, formName: context.beacon.formData.formName });
        return { ...lead, attributionData: { ...lead.attributionData, crmSegment: 'b2b' } };
      },
    });
    await handle(input());
    expect(stored[0]?.attributionData).toMatchObject({ gclid: 'Cj0KCQ-test', crmSegment: 'b2b' });
    expect(contexts).toEqual([{ origin: ORIGIN, ip: '198.51.100.4', formName: 'Contact' }]);
  });

  it('keeps a lead the hook mutated and returned nothing for', async () => {
    const { stored, accept } = recording();
    const { handle } = setup(accept, {
      transform: (lead) => {
        lead.userData.companyName = 'ACME';
      },
    });
    await handle(input());
    expect(stored[0]?.userData.companyName).toBe('ACME');
  });

  it('drops the lead with a 2xx when the hook returns null, and counts it', async () => {
    const { stored, accept } = recording();
    const { handle, seen } = setup(accept, { transform: () => null });
    const out = await handle(input());
    expect(out.status).toBe(202);
    expect(stored).toHaveLength(0);
    expect(seen).toEqual(['rejected dropped_by_transform 202']);
  });

  it('answers 500 and stores nothing when the hook throws or returns something unusable', async () => {
    const { stored, accept } = recording();
    const throwing = setup(accept, {
      transform: () => {
        throw new Error('crm down');
      },
    });
    const broken = setup(accept, { transform: () => ({ projectId: 'p' }) as unknown as LeadTrackrLead });
    expect((await throwing.handle(input())).status).toBe(500);
    expect((await broken.handle(input())).status).toBe(500);
    expect(stored).toHaveLength(0);
  });

  it('logs a refused origin at warn level once, with the fix', async () => {
    const logger = createMemoryLogger();
    const { handle } = setup(recording().accept, { logger });
    for (let i = 0; i < 3; i++) expect((await handle(input({ headers: { origin: 'https://typo.example', 'content-type': 'text/plain' } }))).status).toBe(403);
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings).toEqual([{ level: 'warn', obj: { origin: 'https://typo.example' }, msg: expect.stringMatching(/allowedOrigins \(LEADBEACON_ALLOWED_ORIGINS\)/) }]);
  });

  it('logs an origin without a LeadTrackr project at warn level once, with the fix', async () => {
    const logger = createMemoryLogger();
    const { handle } = setup(recording().accept, { logger, projectIdFor: () => undefined });
    await handle(input());
    await handle(input());
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([{ level: 'warn', obj: { origin: ORIGIN }, msg: expect.stringMatching(/projectIds \(LEADTRACKR_PROJECT_IDS\)/) }]);
  });

  it('tells any page, on a GET, whether its origin may send leads, and nothing more', async () => {
    const { handle } = setup(recording().accept);
    const allowed = await handle(input({ method: 'GET', body: '' }));
    expect([allowed.status, allowed.headers['access-control-allow-origin'], JSON.parse(allowed.body)]).toEqual([200, '*', { ok: true, originAllowed: true }]);
    const refused = await handle(input({ method: 'GET', body: '', headers: { origin: 'https://other.example' } }));
    expect(JSON.parse(refused.body)).toEqual({ ok: true, originAllowed: false });
    const none = await handle(input({ method: 'GET', body: '', headers: {} }));
    expect(JSON.parse(none.body)).toEqual({ ok: true, originAllowed: false });
    // A same-origin GET has no Origin header: the endpoint's own origin is the page's.
    const sameOrigin = await handle(input({ method: 'GET', body: '', headers: { 'sec-fetch-site': 'same-origin' }, selfOrigin: ORIGIN }));
    expect(JSON.parse(sameOrigin.body)).toEqual({ ok: true, originAllowed: true });
  });
});

