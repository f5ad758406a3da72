import { describe, expect, it } from 'vitest';
import { createLeadEvents } from '../src/events.js';
import { createHandler, type AcceptResult, type HandleInput } from '../src/handle.js';
import type { LeadTrackrLead } from '../src/map-lead.js';
import { createMemoryLogger, validBeacon } from './support/setup.js';

const ORIGIN = 'https://www.site.example';

function setup(accept: (lead: LeadTrackrLead) => Promise<AcceptResult>) {
  const events = createLeadEvents();
  const seen: string[] = [];
  events.on('accepted', (e) => seen.push(`accepted ${e.uniqueEventId}`));
  events.on('rejected', (e) => seen.push(`rejected ${e.reason} ${e.status}`));
  const handle = createHandler({ projectId: 'proj', allowedOrigins: [ORIGIN], accept, events, logger: createMemoryLogger() });
  return { handle, seen };
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

  it('answers 502 when the lead could not be accepted, and reports a rejection', async () => {
    const { handle, seen } = setup(async () => {
      throw new Error('down');
    });
    const out = await handle(input());
    expect(out.status).toBe(502);
    expect(seen).toEqual(['rejected upstream_failed 502']);
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
