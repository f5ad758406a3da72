import type { StandIn } from '@leadbeacon/stand-in';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, PG_URL, postgresUnavailable, testSchemaName } from '../support/postgres.js';
import { startStandIn } from '../support/setup.js';
import { ORIGIN, postLead, spawnServer } from '../support/spawn-server.js';

const skip = await postgresUnavailable();

// Proof (d): two server processes on one PostgreSQL outbox under load. Every lead is delivered,
// and none twice: the stand-in never loses an acknowledgement here, so any repeat would be a bug.
describe.skipIf(skip)('two instances on one PostgreSQL outbox', () => {
  let standIn: StandIn;
  let apiUrl: string;
  const schema = testSchemaName();
  beforeAll(async () => {
    ({ standIn, apiUrl } = await startStandIn());
  });
  afterAll(async () => {
    await standIn.close();
    await dropSchema(schema);
  });

  it('delivers every lead exactly once', async () => {
    const env = {
      LEADTRACKR_API_URL: apiUrl,
      LEADTRACKR_API_KEY: standIn.apiKey,
      LEADTRACKR_PROJECT_ID: 'proj-test',
      LEADBEACON_ALLOWED_ORIGINS: ORIGIN,
      LEADBEACON_OUTBOX: `${PG_URL}?schema=${schema}`,
      // Nothing is killed here: timeouts long enough that a busy CI machine never times out a
      // delivery LeadTrackr did receive (a lost acknowledgement, the one allowed reason for a repeat).
      PROOF_TIMEOUT_MS: '15000',
      PROOF_LEASE_MS: '30000',
    };
    const servers = await Promise.all([spawnServer(env), spawnServer(env)]);
    const ids = Array.from({ length: 600 }, (_, i) => `evt-pg-${String(i).padStart(5, '0')}`);
    let cursor = 0;
    const statuses = await Promise.all(
      Array.from({ length: 16 }, async (_, sender) => {
        const out: number[] = [];
        // Each sender alternates instances, so both store leads and both workers race for them.
        while (cursor < ids.length) out.push(await postLead(servers[(sender + cursor) % 2]!.url, ids[cursor++]!));
        return out;
      }),
    );
    expect(new Set(statuses.flat())).toEqual(new Set([202]));
    await expect.poll(() => standIn.leads.length, { timeout: 30_000, interval: 200 }).toBe(ids.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((s) => s.exited));

    const sent = standIn.received.map((r) => (r.body as { formData: { uniqueEventId: string } }).formData.uniqueEventId);
    const repeated = sent.filter((id, i) => sent.indexOf(id) !== i);
    expect(repeated, 'leads sent twice').toEqual([]);
    expect(new Set(sent).size).toBe(ids.length);
    expect(standIn.leads.every((l) => l.writes === 1)).toBe(true);
  }, 60_000);
});
