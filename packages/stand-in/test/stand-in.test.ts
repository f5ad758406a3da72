import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStandIn, GET_LEADS_PATH, LEAD_PATH, type StandIn } from '../src/index.js';

let standIn: StandIn;
let url: string;

beforeEach(async () => {
  standIn = createStandIn({ apiKey: 'key-1', projectId: 'proj-1' });
  url = (await standIn.listen()) + LEAD_PATH;
});
afterEach(() => standIn.close());

function post(body: unknown, key: string | null = 'key-1', raw?: string) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

const lead = {
  projectId: 'proj-1',
  userData: { email: 'jane@example.com' },
  formData: { uniqueEventId: 'evt-1' },
};

describe('stand-in', () => {
  it('creates a lead and echoes leadId and uniqueIdentifier', async () => {
    const res = await post({ ...lead, uniqueIdentifier: 'crm-1' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ message: 'Lead created successfully', leadId: 1, uniqueIdentifier: 'crm-1' });
    expect(standIn.leads).toHaveLength(1);
  });

  it('updates the lead when the same uniqueEventId comes again', async () => {
    await post(lead);
    const res = await post({ ...lead, attributionData: { gclid: 'g' } });
    expect(await res.json()).toMatchObject({ message: 'Lead updated successfully', leadId: 1 });
    expect(standIn.leads).toHaveLength(1);
    expect(standIn.leads[0]?.writes).toBe(2);
  });

  it('answers 401 to a missing or wrong key', async () => {
    expect((await post(lead, null)).status).toBe(401);
    expect((await post(lead, 'nope')).status).toBe(401);
  });

  it('answers 400 without projectId or userData', async () => {
    expect((await post({ userData: { email: 'a@b.c' } })).status).toBe(400);
    expect((await post({ projectId: 'proj-1', attributionData: { gclid: 'g' } })).status).toBe(400);
    expect((await post({ projectId: 'proj-1', userData: {} })).status).toBe(400);
  });

  it('answers 400 to invalid JSON and 404 to another project', async () => {
    expect((await post(undefined, 'key-1', '{nope')).status).toBe(400);
    expect((await post({ ...lead, projectId: 'other' })).status).toBe(404);
  });

  it('fails on command with a status and Retry-After, then recovers', async () => {
    standIn.fail({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const res = await post(lead);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect((await post(lead)).status).toBe(201);
  });

  it('resets the connection on command', async () => {
    standIn.fail({ kind: 'reset' });
    await expect(post(lead)).rejects.toThrow();
  });

  it('does not keep the API key in what it records', async () => {
    await post(lead);
    expect(JSON.stringify(standIn.received)).not.toContain('key-1');
  });

  it('answers getLeads only with the API key, and creates nothing', async () => {
    await post(lead);
    const base = url.slice(0, -LEAD_PATH.length) + GET_LEADS_PATH;
    expect((await fetch(`${base}?projectId=proj-1`)).status).toBe(401);
    expect((await fetch(`${base}?projectId=proj-1`, { headers: { 'x-api-key': 'wrong' } })).status).toBe(401);
    const ok = await fetch(`${base}?projectId=proj-1`, { headers: { 'x-api-key': 'key-1' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { leads: unknown[] }).leads).toHaveLength(1);
    expect((await fetch(`${base}?projectId=other`, { headers: { 'x-api-key': 'key-1' } })).status).toBe(404);
    expect(standIn.leads).toHaveLength(1);
  });
});

