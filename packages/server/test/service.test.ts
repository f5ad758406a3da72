import type { StandIn } from '@leadbeacon/stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandleInput } from '../src/intake/handle.js';
import type { LeadRouterOptions } from '../src/options.js';
import { createPostgresOutbox } from '../src/delivery/outbox/postgres.js';
import { createSqliteOutbox } from '../src/delivery/outbox/sqlite.js';
import { createLeadService, type LeadService } from '../src/service.js';
import { createMemoryLogger, startStandIn, tempDir, validBeacon } from './support/setup.js';
import { openNodeSqlite } from '../src/delivery/outbox/sqlite-driver.js';

const ORIGIN = 'https://www.site.example';
const input = (beacon: object = validBeacon): HandleInput => ({
  method: 'POST',
  headers: { origin: ORIGIN, 'content-type': 'text/plain' },
  body: JSON.stringify(beacon),
  ip: '198.51.100.4',
});

describe('lead service', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let service: LeadService | undefined;
  let tmp: Awaited<ReturnType<typeof tempDir>>;

  beforeEach(async () => {
    ({ standIn, apiUrl } = await startStandIn());
    tmp = await tempDir();
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    await standIn.close();
    await tmp.remove();
  });

  const create = (options: LeadRouterOptions = {}) =>
    (service = createLeadService({ apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl, allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outboxPath: `${tmp.dir}/outbox.db`, rateLimit: false, ...options }));

  it('answers 202 once the lead is stored, then delivers it', async () => {
    const svc = create();
    const out = await svc.handle(input());
    expect(out.status).toBe(202);
    await expect.poll(() => standIn.leads.length).toBe(1);
    await expect.poll(async () => (await svc.stats()).pending).toBe(0);
  });

  it('serverless: delivers inside the request even when the clock moves on between storing and leasing', async () => {
    // A clock a millisecond further on every read, as a loaded machine's is between two statements.
    let t = Date.now();
    const ticking = { now: () => ++t, sleep: async () => {} };
    service = createLeadService({ apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl, allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outboxPath: `${tmp.dir}/outbox.db`, rateLimit: false, serverless: true }, ticking);
    expect((await service.handle(input())).status).toBe(202);
    expect(standIn.leads).toHaveLength(1);
  });

  it('stores the lead durably before any call to LeadTrackr', async () => {
    const svc = create({ worker: false });
    expect((await svc.handle(input())).status).toBe(202);
    await svc.close();
    const db = openNodeSqlite(`${tmp.dir}/outbox.db`, 0);
    expect(db.prepare('SELECT id, status FROM leadbeacon_outbox').all()).toEqual([{ id: validBeacon.uniqueEventId, status: 'pending' }]);
    db.close();
    expect(standIn.received).toHaveLength(0);
  });

  it('makes one row and one lead of 100 concurrent copies of a beacon', async () => {
    const svc = create();
    const answers = await Promise.all(Array.from({ length: 100 }, () => svc.handle(input())));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    await expect.poll(() => standIn.leads.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standIn.received).toHaveLength(1);
    expect(standIn.leads[0]?.writes).toBe(1);
  });

  it('returns LeadTrackr\'s leadId in sync mode, stored first all the same', async () => {
    const svc = create({ mode: 'sync' });
    const out = await svc.handle(input());
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toMatchObject({ ok: true, leadId: 1 });
    expect(JSON.parse((await svc.handle(input())).body)).toMatchObject({ leadId: 1 });
  });

  it('answers 202 in sync mode when LeadTrackr takes longer than syncTimeoutMs', async () => {
    standIn.fail({ kind: 'hang' });
    const svc = create({ mode: 'sync', syncTimeoutMs: 200, timeoutMs: 1_000, leaseMs: 5_000 });
    const started = Date.now();
    expect((await svc.handle(input())).status).toBe(202);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('answers 503 with Retry-After when the SQLite outbox cannot write', async () => {
    const path = `${tmp.dir}/locked.db`;
    const svc = create({ outbox: createSqliteOutbox({ path, busyTimeoutMs: 50 }) });
    const other = openNodeSqlite(path, 0);
    other.exec('BEGIN EXCLUSIVE');
    const out = await svc.handle(input());
    other.exec('ROLLBACK');
    other.close();
    expect(out.status).toBe(503);
    expect(out.headers['retry-after']).toBe('10');
    expect(JSON.parse(out.body)).toMatchObject({ error: 'unavailable' });
    expect((await svc.handle(input())).status).toBe(202);
  });

  it('answers 503 when the PostgreSQL outbox is down, and stats() rejects', async () => {
    const svc = create({ outbox: createPostgresOutbox({ connectionString: 'postgres://postgres@127.0.0.1:1/test' }) });
    expect((await svc.handle(input())).status).toBe(503);
    await expect(svc.stats()).rejects.toMatchObject({ code: 'LB_ERR_OUTBOX_UNAVAILABLE' });
  });

  it('refuses leads with 503 once closing, and lets a delivery in flight finish', async () => {
    // LeadTrackr answering after 300 ms: the delivery is in flight when close() begins.
    let arrived = 0;
    const slow = createServer((req, res) => {
      arrived++;
      setTimeout(() => standIn.listener(req, res), 300);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const svc = create({ apiUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, shutdownTimeoutMs: 5_000 });
    const delivered: string[] = [];
    svc.events.on('delivered', (e) => delivered.push(e.uniqueEventId));
    expect((await svc.handle(input())).status).toBe(202);
    await expect.poll(() => arrived).toBe(1);
    const closing = svc.close();
    const refused = await svc.handle(input({ ...validBeacon, uniqueEventId: 'evt-after-close' }));
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    await closing;
    expect(delivered).toEqual([validBeacon.uniqueEventId]);
    expect(standIn.leads).toHaveLength(1);
    slow.closeAllConnections();
    await new Promise((resolve) => slow.close(resolve));
  });

  it('closes within shutdownTimeoutMs while LeadTrackr hangs, leaving the lead pending', async () => {
    standIn.fail({ kind: 'hang' });
    const path = `${tmp.dir}/outbox.db`;
    const svc = create({ shutdownTimeoutMs: 300, timeoutMs: 5_000, leaseMs: 10_000 });
    expect((await svc.handle(input())).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await svc.close();
    expect(Date.now() - started).toBeLessThan(1_500);
    const db = openNodeSqlite(path, 0);
    expect(db.prepare('SELECT status FROM leadbeacon_outbox').all()).toEqual([{ status: 'pending' }]);
    db.close();
  });
});
