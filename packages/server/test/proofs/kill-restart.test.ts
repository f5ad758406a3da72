import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandIn } from '@leadbeacon/stand-in';
import { ORIGIN, postLead, spawnServer, type ServerProcess } from '../support/spawn-server.js';
import { startStandIn, tempDir } from '../support/setup.js';

// Proof (a): a real server process under a stream of leads, SIGKILLed at random points and
// restarted on the same SQLite outbox. Every lead that got a 2xx reaches the stand-in.
describe('kill and restart', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    ({ standIn, apiUrl } = await startStandIn());
    tmp = await tempDir();
  });
  afterAll(async () => {
    await standIn.close();
    await tmp.remove();
  });

  it('delivers every lead that got a 2xx, across five SIGKILLs', async () => {
    const env = {
      LEADTRACKR_API_URL: apiUrl,
      LEADTRACKR_API_KEY: standIn.apiKey,
      LEADTRACKR_PROJECT_ID: 'proj-test',
      LEADBEACON_ALLOWED_ORIGINS: ORIGIN,
      LEADBEACON_OUTBOX: `${tmp.dir}/outbox.db`,
    };
    // Some leads fail upstream first, so rows sit in every state when the kill comes.
    standIn.fail({ kind: 'status', status: 503 }, 40);
    const acknowledged = new Set<string>();
    let unanswered: string[] = [];
    let next = 0;
    for (let round = 0; round < 5; round++) {
      const server: ServerProcess = await spawnServer(env);
      let stop = false;
      // Eight browsers sending leads; a lead without an answer is sent again later, as the script does.
      const senders = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const id = unanswered.pop() ?? `evt-kill-${String(next++).padStart(5, '0')}`;
          const status = await postLead(server.url, id);
          if (status >= 200 && status < 300) acknowledged.add(id);
          else unanswered.push(id);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
      server.child.kill('SIGKILL');
      await server.exited;
      stop = true;
      await Promise.all(senders);
    }
    const last = await spawnServer(env);
    for (const id of unanswered) if ((await postLead(last.url, id)) === 202) acknowledged.add(id);
    unanswered = [];
    const delivered = () => new Set(standIn.leads.map((l) => l.formData.uniqueEventId as string));
    await expect.poll(() => [...acknowledged].filter((id) => !delivered().has(id)).length, { timeout: 20_000, interval: 200 }).toBe(0);
    last.child.kill('SIGTERM');
    await last.exited;

    expect(acknowledged.size).toBeGreaterThan(100);
    // One lead per uniqueEventId however often it was sent (LeadTrackr updates on a repeat).
    expect(standIn.leads.length).toBe(delivered().size);
  }, 60_000);
});
