import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beacon, exec, freePort, installApp, leadsArrived, NPM_CACHE, ORIGIN, postBeacon, start, type App, type Running } from './support/apps.js';

const PG_URL = process.env.LEADBEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `consumer_next_${process.pid}`;
const CRON_SECRET = 'consumer-cron-secret';

// Next.js's default bundler (Turbopack), the README's route handler and drain route, the
// PostgreSQL outbox, and no long-lived worker: the set-up of a serverless host. The build runs
// before pg is installed: an app on the SQLite outbox never installs it.
describe('a Next.js app with the README route handler, installed from the tarball', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let app: App;
  let server: Running | undefined;
  const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: '1' };

  beforeAll(async () => {
    standIn = createStandIn({ projectId: 'proj-consumer' });
    apiUrl = await standIn.listen();
    app = await installApp('next', ['server']);
  });
  afterAll(async () => {
    await server?.stop();
    await standIn.close();
    await app?.remove();
    const client = new pg.Client(PG_URL);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await client.end();
  });

  it('builds with next build (Turbopack) without secrets and without pg installed, and creates no outbox file', async () => {
    expect(existsSync(join(app.dir, 'node_modules', 'pg'))).toBe(false);
    const output = await exec(join(app.dir, 'node_modules', '.bin', 'next'), ['build'], app.dir, { ...NEXT_ENV, LEADTRACKR_API_KEY: '', LEADBEACON_OUTBOX: '' });
    expect(output).toMatch(/Turbopack/);
    expect(existsSync(join(app.dir, 'leadbeacon.db'))).toBe(false);
  });

  it('delivers a lead inside the request, and one accepted while LeadTrackr was down on a later drain', async () => {
    // The PostgreSQL outbox's optional peer, as the README says to install it for serverless hosts.
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `--cache=${NPM_CACHE}`, 'pg@8.23.1'], app.dir);
    const port = await freePort();
    server = await start(join(app.dir, 'node_modules', '.bin', 'next'), ['start', '-p', String(port), '-H', '127.0.0.1'], app.dir, {
      ...NEXT_ENV,
      LEADTRACKR_API_KEY: standIn.apiKey,
      LEADTRACKR_PROJECT_ID: 'proj-consumer',
      LEADTRACKR_API_URL: apiUrl,
      LEADBEACON_ALLOWED_ORIGINS: ORIGIN,
      LEADBEACON_OUTBOX: `${PG_URL}?schema=${SCHEMA}`,
      CRON_SECRET,
    }, /(?:Ready|ready) in/);
    const base = `http://127.0.0.1:${port}`;

    // First lead: delivered before the answer, no worker needed.
    expect((await postBeacon(`${base}/api/leadbeacon`, beacon('next-1@example.com'))).status).toBe(202);
    expect(standIn.leads.map((l) => l.userData.email)).toEqual(['next-1@example.com']);

    // LeadTrackr down for the in-request attempt: stored (202) but not delivered.
    standIn.fail({ kind: 'status', status: 503 }, 1);
    expect((await postBeacon(`${base}/api/leadbeacon`, beacon('next-2@example.com'))).status).toBe(202);
    expect(standIn.leads).toHaveLength(1);

    const drain = (token: string) => fetch(`${base}/api/leadbeacon/drain`, { headers: { authorization: `Bearer ${token}` } });
    expect((await drain('wrong')).status).toBe(401);
    // Full jitter: the first retry is due within backoffBaseMs (1 s).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const res = await drain(CRON_SECRET);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ delivered: 1, pending: 0 });
    await leadsArrived(standIn, 2);
    expect(standIn.leads.map((l) => l.userData.email)).toEqual(['next-1@example.com', 'next-2@example.com']);
  });
});
