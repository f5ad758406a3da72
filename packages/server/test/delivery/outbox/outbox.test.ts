import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxUnavailableError } from '../../../src/errors.js';
import { createMemoryOutbox } from '../../../src/delivery/outbox/memory.js';
import type { Outbox } from '../../../src/delivery/outbox/outbox.js';
import { createPostgresOutbox } from '../../../src/delivery/outbox/postgres.js';
import { createSqliteOutbox } from '../../../src/delivery/outbox/sqlite.js';
import { dropSchema, PG_URL, postgresUnavailable, testSchemaName } from '../../support/postgres.js';
import { createMemoryLogger, leadFor, tempDir } from '../../support/setup.js';

const T0 = Date.UTC(2025, 0, 6, 9);
const pgSkip = await postgresUnavailable();
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Every implementation, each made fresh per test; the suite below is the Outbox contract. */
const implementations: [string, () => Promise<Outbox>, string | undefined][] = [
  ['memory', async () => createMemoryOutbox({ logger: createMemoryLogger() }), undefined],
  [
    'sqlite',
    async () => {
      const tmp = await tempDir();
      cleanups.push(tmp.remove);
      return createSqliteOutbox({ path: `${tmp.dir}/outbox.db` });
    },
    undefined,
  ],
  [
    'postgres',
    async () => {
      const schema = testSchemaName();
      cleanups.push(() => dropSchema(schema));
      return createPostgresOutbox({ connectionString: PG_URL, schema });
    },
    pgSkip,
  ],
];

describe.each(implementations)('%s outbox', (_name, create, skip) => {
  let outbox: Outbox;
  beforeEach(async (ctx) => {
    if (skip) return ctx.skip();
    outbox = await create();
  });
  afterEach(async () => {
    await outbox?.close();
  });

  it('stores a new lead and leases it with its body intact', async () => {
    expect(await outbox.append(leadFor('evt-aaaaaaaa'), T0)).toEqual({ outcome: 'stored' });
    const [leased] = await outbox.lease(10, 60_000, T0);
    expect(leased).toMatchObject({ id: 'evt-aaaaaaaa', attempts: 1, acceptedAt: T0, lead: leadFor('evt-aaaaaaaa') });
  });

  it('answers a repeat with the same body as a duplicate of the pending lead', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    expect(await outbox.append(leadFor('evt-aaaaaaaa'), T0 + 5)).toEqual({ outcome: 'duplicate', status: 'pending', leadId: undefined });
    expect((await outbox.stats(T0)).pending).toBe(1);
  });

  it('updates a pending lead sent again with a different body, and drops its lease', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [first] = await outbox.lease(1, 60_000, T0);
    expect(await outbox.append(leadFor('evt-aaaaaaaa', { budget: '20k' }), T0 + 1)).toEqual({ outcome: 'updated' });
    expect(await outbox.acknowledge(first!, 1, T0 + 2)).toBe(false);
    const [again] = await outbox.lease(1, 60_000, T0 + 3);
    expect(again?.lead.formData.budget).toBe('20k');
  });

  it('makes one row of 100 concurrent copies of one lead', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => outbox.append(leadFor('evt-concurrent'), T0)));
    expect(results.filter((r) => r.outcome === 'stored')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(99);
    expect(await outbox.lease(100, 60_000, T0)).toHaveLength(1);
  });

  it('leases due leads oldest first, at most the limit', async () => {
    for (const [i, id] of ['evt-cccccccc', 'evt-aaaaaaaa', 'evt-bbbbbbbb'].entries()) await outbox.append(leadFor(id), T0 + i);
    expect((await outbox.lease(2, 60_000, T0 + 10)).map((l) => l.id)).toEqual(['evt-cccccccc', 'evt-aaaaaaaa']);
    expect((await outbox.lease(2, 60_000, T0 + 10)).map((l) => l.id)).toEqual(['evt-bbbbbbbb']);
  });

  it('leases a leased lead again only once its lease has expired, counting attempts', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    await outbox.lease(1, 60_000, T0);
    expect(await outbox.lease(1, 60_000, T0 + 59_999)).toEqual([]);
    const [again] = await outbox.lease(1, 60_000, T0 + 60_000);
    expect(again?.attempts).toBe(2);
  });

  it('refuses to acknowledge a lease that expired and was taken by another worker', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [stale] = await outbox.lease(1, 1_000, T0);
    const [fresh] = await outbox.lease(1, 1_000, T0 + 1_000);
    expect(await outbox.acknowledge(stale!, 1, T0 + 1_001)).toBe(false);
    expect(await outbox.acknowledge(fresh!, 1, T0 + 1_001)).toBe(true);
  });

  it('marks an acknowledged lead delivered and answers a repeat with its leadId', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [leased] = await outbox.lease(1, 60_000, T0);
    expect(await outbox.acknowledge(leased!, 42, T0 + 1)).toBe(true);
    expect(await outbox.append(leadFor('evt-aaaaaaaa'), T0 + 2)).toEqual({ outcome: 'duplicate', status: 'delivered', leadId: 42 });
    expect(await outbox.stats(T0 + 2)).toEqual({ pending: 0, dead: 0, oldestPendingAgeMs: null });
    expect(await outbox.list({ status: 'delivered', limit: 10 })).toMatchObject([{ id: 'evt-aaaaaaaa', leadId: 42, finishedAt: T0 + 1 }]);
  });

  it('makes a delivered lead pending again when it comes back changed, so LeadTrackr updates it', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [first] = await outbox.lease(1, 60_000, T0);
    await outbox.acknowledge(first!, 42, T0 + 1);
    expect(await outbox.append(leadFor('evt-aaaaaaaa', { phone: 'added after a validation error' }), T0 + 2)).toEqual({ outcome: 'updated' });
    const [again] = await outbox.lease(1, 60_000, T0 + 2);
    expect(again).toMatchObject({ id: 'evt-aaaaaaaa', attempts: 1, lead: leadFor('evt-aaaaaaaa', { phone: 'added after a validation error' }) });
    expect(await outbox.acknowledge(again!, 42, T0 + 3)).toBe(true);
    expect(await outbox.stats(T0 + 3)).toEqual({ pending: 0, dead: 0, oldestPendingAgeMs: null });
  });

  it('makes a dead lead pending again when it comes back changed', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [first] = await outbox.lease(1, 60_000, T0);
    await outbox.deadLetter(first!, '400 Bad Request: invalid phone', T0 + 1);
    expect(await outbox.append(leadFor('evt-aaaaaaaa'), T0 + 2)).toMatchObject({ outcome: 'duplicate', status: 'dead' });
    expect(await outbox.append(leadFor('evt-aaaaaaaa', { phone: 'corrected' }), T0 + 3)).toEqual({ outcome: 'updated' });
    expect(await outbox.stats(T0 + 3)).toMatchObject({ pending: 1, dead: 0 });
  });

  it('leases a rescheduled lead only once it is due', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [leased] = await outbox.lease(1, 60_000, T0);
    expect(await outbox.reschedule(leased!, T0 + 5_000, 'POST … → 503')).toBe(true);
    expect(await outbox.lease(1, 60_000, T0 + 4_999)).toEqual([]);
    expect(await outbox.nextDueAt()).toBe(T0 + 5_000);
    expect(await outbox.list({ status: 'pending', limit: 10 })).toMatchObject([{ lastError: 'POST … → 503', nextAttemptAt: T0 + 5_000 }]);
    expect(await outbox.lease(1, 60_000, T0 + 5_000)).toHaveLength(1);
  });

  it('keeps a dead lead with its reason, never leases it, and retries it on request', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    const [leased] = await outbox.lease(1, 60_000, T0);
    expect(await outbox.deadLetter(leased!, '401 Invalid or missing API key', T0 + 1)).toBe(true);
    expect(await outbox.lease(1, 60_000, T0 + 1e9)).toEqual([]);
    expect(await outbox.list({ status: 'dead', limit: 10 })).toMatchObject([{ id: 'evt-aaaaaaaa', lastError: '401 Invalid or missing API key', attempts: 1 }]);
    expect(await outbox.retry({ id: 'evt-aaaaaaaa' }, T0 + 2)).toBe(1);
    expect(await outbox.lease(1, 60_000, T0 + 2)).toMatchObject([{ id: 'evt-aaaaaaaa', attempts: 1 }]);
  });

  it('retries every dead lead at once', async () => {
    for (const id of ['evt-aaaaaaaa', 'evt-bbbbbbbb']) await outbox.append(leadFor(id), T0);
    for (const leased of await outbox.lease(2, 60_000, T0)) await outbox.deadLetter(leased, 'gone', T0);
    expect(await outbox.retry({ allDead: true }, T0)).toBe(2);
    expect(await outbox.stats(T0)).toMatchObject({ pending: 2, dead: 0 });
  });

  it('counts pending and dead leads and reports the oldest pending age', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    await outbox.append(leadFor('evt-bbbbbbbb'), T0 + 1_000);
    const [first] = await outbox.lease(1, 60_000, T0 + 1_000);
    await outbox.deadLetter(first!, 'gone', T0 + 1_000);
    expect(await outbox.stats(T0 + 3_000)).toEqual({ pending: 1, dead: 1, oldestPendingAgeMs: 2_000 });
  });

  it('purges dead leads finished before a time and keeps the rest', async () => {
    for (const id of ['evt-aaaaaaaa', 'evt-bbbbbbbb']) await outbox.append(leadFor(id), T0);
    const [a, b] = await outbox.lease(2, 60_000, T0);
    await outbox.deadLetter(a!, 'old', T0);
    await outbox.deadLetter(b!, 'new', T0 + 10_000);
    expect(await outbox.purge('dead', T0 + 5_000)).toBe(1);
    expect((await outbox.list({ status: 'dead', limit: 10 })).map((r) => r.id)).toEqual(['evt-bbbbbbbb']);
  });

  it('purges delivered leads finished before a time, and a resent one is then stored anew', async () => {
    for (const id of ['evt-aaaaaaaa', 'evt-bbbbbbbb']) await outbox.append(leadFor(id), T0);
    const [a, b] = await outbox.lease(2, 60_000, T0);
    await outbox.acknowledge(a!, 1, T0);
    await outbox.acknowledge(b!, 2, T0 + 10_000);
    expect(await outbox.purge('delivered', T0 + 5_000)).toBe(1);
    expect((await outbox.list({ status: 'delivered', limit: 10 })).map((r) => r.id)).toEqual(['evt-bbbbbbbb']);
    expect(await outbox.append(leadFor('evt-aaaaaaaa'), T0 + 20_000)).toEqual({ outcome: 'stored' });
  });

  it('probes a write without leaving a row or taking a place in the order', async () => {
    await outbox.append(leadFor('evt-aaaaaaaa'), T0);
    await outbox.probeWrite();
    await outbox.append(leadFor('evt-bbbbbbbb'), T0);
    expect(await outbox.stats(T0)).toEqual({ pending: 2, dead: 0, oldestPendingAgeMs: 0 });
    expect(await outbox.list({ status: 'delivered', limit: 10 })).toEqual([]);
    expect((await outbox.lease(10, 60_000, T0)).map((l) => l.id)).toEqual(['evt-aaaaaaaa', 'evt-bbbbbbbb']);
  });

  it('rejects with OutboxUnavailableError once closed', async () => {
    await outbox.close();
    await expect(outbox.append(leadFor('evt-aaaaaaaa'), T0)).rejects.toBeInstanceOf(OutboxUnavailableError);
    await expect(outbox.stats(T0)).rejects.toBeInstanceOf(OutboxUnavailableError);
    await expect(outbox.probeWrite()).rejects.toBeInstanceOf(OutboxUnavailableError);
  });
});
