import type { StandIn } from '@leadbeacon/stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamStatusError } from '../../src/errors.js';
import { createForwarder, retryAfterMs, type Forwarder } from '../../src/delivery/forward.js';
import type { LeadTrackrLead } from '../../src/lead/map-lead.js';
import { startStandIn } from '../support/setup.js';

let standIn: StandIn;
let apiUrl: string;
let forwarder: Forwarder;

const lead: LeadTrackrLead = {
  projectId: 'proj-test',
  userData: { email: 'jane@example.com' },
  attributionData: {},
  formData: { uniqueEventId: 'evt-forward-1' },
  deviceData: { ipAddress: '203.0.113.5', userAgent: 'UA' },
};

beforeEach(async () => {
  ({ standIn, apiUrl } = await startStandIn());
  forwarder = createForwarder({ apiUrl, apiKey: standIn.apiKey, timeoutMs: 500 });
});
afterEach(async () => {
  await forwarder.close();
  await standIn.close();
});

describe('createForwarder', () => {
  it('creates the lead with the API key and returns the leadId', async () => {
    expect(await forwarder.forward(lead)).toEqual({ status: 201, message: 'Lead created successfully', leadId: 1 });
    expect(standIn.leads[0]?.formData.uniqueEventId).toBe('evt-forward-1');
  });

  it('sends a channel flow stored as entries (an older outbox row, a host transform) as the documented string', async () => {
    const entries = [{ t: 1700000000000, ch: { s: 'google', m: 'cpc' }, lp: '/' }];
    const older = { ...lead, channelFlow: entries } as unknown as LeadTrackrLead;
    expect((await forwarder.forward(older)).status).toBe(201);
    expect((standIn.received[0]?.body as { channelFlow: unknown }).channelFlow).toBe(JSON.stringify(entries));
    expect(standIn.leads[0]?.channelFlow).toEqual(entries);
  });

  it('rejects with the status and LeadTrackr message on 401', async () => {
    const bad = createForwarder({ apiUrl, apiKey: 'wrong', timeoutMs: 500 });
    const error = await bad.forward(lead).catch((e: unknown) => e);
    await bad.close();
    expect(error).toBeInstanceOf(UpstreamStatusError);
    expect((error as UpstreamStatusError).status).toBe(401);
    expect((error as UpstreamStatusError).message).toMatch(/createServerSideLead → 401 Unauthorized: Invalid or missing API key/);
  });

  it('reports Retry-After on 429', async () => {
    standIn.fail({ kind: 'status', status: 429, retryAfterSeconds: 30 });
    const error = (await forwarder.forward(lead).catch((e: unknown) => e)) as UpstreamStatusError;
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('times out on a hanging upstream', async () => {
    standIn.fail({ kind: 'hang' });
    await expect(forwarder.forward(lead)).rejects.toMatchObject({ code: 'LB_ERR_UPSTREAM_TIMEOUT' });
  });

  it('reports a connection reset as a network error', async () => {
    standIn.fail({ kind: 'reset' });
    await expect(forwarder.forward(lead)).rejects.toMatchObject({ code: 'LB_ERR_UPSTREAM_NETWORK' });
  });

  it('never puts the API key in an error message', async () => {
    standIn.fail({ kind: 'status', status: 500 });
    const error = (await forwarder.forward(lead).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(standIn.apiKey);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
