import type { Fault, StandIn } from '@leadbeacon/stand-in';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLeadEvents, type LeadEventMap } from '../../src/events.js';
import { createForwarder, type Forwarder } from '../../src/delivery/forward.js';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import type { Outbox } from '../../src/delivery/outbox/outbox.js';
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from '../../src/delivery/worker.js';
import { createManualClock } from '../support/manual-clock.js';
import { createMemoryLogger, leadFor, startStandIn } from '../support/setup.js';

const HOUR = 3_600_000;

describe('delivery worker', () => {
  let standIn: StandIn;
  let forwarder: Forwarder;
  let outbox: Outbox;
  let worker: DeliveryWorker | undefined;
  let clock: ReturnType<typeof createManualClock>;
  let logger: ReturnType<typeof createMemoryLogger>;
  const seen: { failed: LeadEventMap['failed'][0][]; dead: LeadEventMap['deadLettered'][0][]; delivered: string[] } = { failed: [], dead: [], delivered: [] };

  beforeEach(async () => {
    const started = await startStandIn();
    standIn = started.standIn;
    // 300 ms stands for LeadTrackr's timeout so a hang is quick to prove.
    forwarder = createForwarder({ apiUrl: started.apiUrl, apiKey: standIn.apiKey, timeoutMs: 300 });
    outbox = createMemoryOutbox();
    clock = createManualClock();
    seen.failed = [];
    seen.dead = [];
    seen.delivered = [];
  });
  afterEach(async () => {
    await worker?.stop(1_000);
    worker = undefined;
    await forwarder.close();
    await standIn.close();
  });

  function start(overrides: Partial<DeliveryWorkerOptions> = {}) {
    const events = createLeadEvents();
    logger = createMemoryLogger();
    events.on('failed', (e) => seen.failed.push(e));
    events.on('deadLettered', (e) => seen.dead.push(e));
    events.on('delivered', (e) => seen.delivered.push(e.uniqueEventId));
    worker = createDeliveryWorker({
      outbox, forwarder, events, clock, logger, random: () => 0.5,
      concurrency: 4, backoffBaseMs: 1_000, backoffMaxMs: 600_000, maxAttempts: 2_000, maxAgeMs: 7 * 24 * HOUR, leaseMs: 60_000, pollIntervalMs: 1_000, keepDeliveredMs: 3 * 24 * HOUR,
      ...overrides,
    });
    worker.start();
    return clock.idle();
  }

  /** Advances the clock in steps until `done` or `maxMs` of fake time passed. */
  async function runUntil(done: () => boolean, maxMs: number, stepMs = 1_000): Promise<void> {
    for (let t = 0; t < maxMs && !done(); t += stepMs) await clock.advance(stepMs);
  }

  // Proof (b): each upstream fault gets the right retry or dead-letter behaviour.
  const faults: { name: string; fault: Fault; count: number; code: string; status?: number; retried: boolean; minRetryMs?: number; message?: RegExp }[] = [
    { name: '500s', fault: { kind: 'status', status: 500 }, count: 3, code: 'LB_ERR_UPSTREAM_STATUS', status: 500, retried: true },
    { name: '503', fault: { kind: 'status', status: 503 }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 503, retried: true },
    { name: '408', fault: { kind: 'status', status: 408 }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 408, retried: true },
    { name: '429 with Retry-After', fault: { kind: 'status', status: 429, retryAfterSeconds: 120 }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 429, retried: true, minRetryMs: 120_000 },
    { name: 'a 301 redirect', fault: { kind: 'status', status: 301, location: 'https://moved.example/api' }, count: 2, code: 'LB_ERR_UPSTREAM_STATUS', status: 301, retried: true },
    { name: 'a 302 redirect', fault: { kind: 'status', status: 302 }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 302, retried: true },
    { name: 'a hang', fault: { kind: 'hang' }, count: 2, code: 'LB_ERR_UPSTREAM_TIMEOUT', retried: true },
    { name: 'a connection reset', fault: { kind: 'reset' }, count: 2, code: 'LB_ERR_UPSTREAM_NETWORK', retried: true },
    { name: '401', fault: { kind: 'status', status: 401, message: 'Invalid or missing API key' }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 401, retried: false, message: /401 Unauthorized: Invalid or missing API key/ },
    { name: '400', fault: { kind: 'status', status: 400, message: 'projectId is required' }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 400, retried: false, message: /projectId is required/ },
    { name: '404', fault: { kind: 'status', status: 404, message: 'Project not found' }, count: 1, code: 'LB_ERR_UPSTREAM_STATUS', status: 404, retried: false, message: /Project not found/ },
  ];

  it.each(faults)('handles $name: retried=$retried', async ({ fault, count, code, status, retried, minRetryMs, message }) => {
    standIn.fail(fault, count);
    await outbox.append(leadFor('evt-fault-0001'), clock.now());
    await start();
    await runUntil(() => seen.delivered.length + seen.dead.length > 0, 2 * HOUR, 1_000);

    expect(seen.failed[0]).toMatchObject({ code, status, attempts: 1 });
    if (retried) {
      expect(seen.failed).toHaveLength(count);
      expect(seen.failed.every((f) => f.retryInMs !== undefined && f.retryInMs >= (minRetryMs ?? 0))).toBe(true);
      expect(seen.delivered).toEqual(['evt-fault-0001']);
      expect(standIn.leads).toHaveLength(1);
    } else {
      expect(seen.failed).toEqual([expect.objectContaining({ retryInMs: undefined })]);
      expect(seen.dead).toEqual([expect.objectContaining({ uniqueEventId: 'evt-fault-0001', attempts: 1, reason: expect.stringMatching(message!) })]);
      expect(await outbox.list({ status: 'dead', limit: 5 })).toMatchObject([{ lastError: expect.stringMatching(message!) }]);
      expect(standIn.received).toHaveLength(1);
    }
  });

  it('says at warn level, once, that LeadTrackr refused the API key', async () => {
    const logger = createMemoryLogger();
    standIn.fail({ kind: 'status', status: 401, message: 'Invalid or missing API key' }, 2);
    await outbox.append(leadFor('evt-key-0001'), clock.now());
    await outbox.append(leadFor('evt-key-0002'), clock.now());
    await start({ logger });
    await runUntil(() => seen.dead.length === 2, HOUR);
    const fixes = logger.lines.filter((l) => l.level === 'warn' && /LEADTRACKR_API_KEY/.test(l.msg ?? ''));
    expect(fixes).toEqual([{ level: 'warn', obj: { status: 401 }, msg: expect.stringMatching(/^LeadTrackr refused the API key \(401\)/) }]);
  });

  it('waits for Retry-After before the next attempt', async () => {
    standIn.fail({ kind: 'status', status: 429, retryAfterSeconds: 120 });
    await outbox.append(leadFor('evt-retry-after'), clock.now());
    await start();
    await clock.advance(119_000);
    expect(standIn.received).toHaveLength(1);
    await clock.advance(1_000);
    expect(standIn.leads).toHaveLength(1);
  });

  it('logs where a redirect pointed, without its query', async () => {
    standIn.fail({ kind: 'status', status: 308, location: 'https://moved.example/api/leads?key=secret' }, 1);
    await outbox.append(leadFor('evt-redirect-01'), clock.now());
    await start();
    await runUntil(() => seen.delivered.length > 0, HOUR);
    const warned = logger.lines.find((l) => l.msg === 'delivery failed');
    expect(warned?.obj).toMatchObject({ status: 308, location: 'https://moved.example/api/leads' });
    expect(JSON.stringify(logger.lines)).not.toContain('secret');
  });

  // An upstream 429 with `Retry-After: 99999999999` once parked the worker on that lead for good.
  it('caps a huge Retry-After at backoffMaxMs and keeps delivering the leads that come after', async () => {
    standIn.fail({ kind: 'status', status: 429, retryAfterSeconds: 99_999_999_999 }, 1);
    await outbox.append(leadFor('evt-huge-retry'), clock.now());
    await start({ backoffMaxMs: 60_000 });
    expect(seen.failed).toEqual([expect.objectContaining({ status: 429, retryInMs: 60_000 })]);
    await outbox.append(leadFor('evt-after-huge'), clock.now());
    worker!.wake();
    await runUntil(() => seen.delivered.length === 2, 2 * 60_000);
    expect(seen.delivered.sort()).toEqual(['evt-after-huge', 'evt-huge-retry']);
  });

  it('keeps delivering new leads while one lead waits out its backoff', async () => {
    standIn.fail({ kind: 'status', status: 503 }, 1);
    await outbox.append(leadFor('evt-backs-off'), clock.now());
    // Nineteen attempts behind it already, so its next backoff is nearly the 10-minute cap.
    for (let i = 0; i < 19; i++) await outbox.reschedule((await outbox.lease(1, 60_000, clock.now()))[0]!, clock.now(), 'earlier 503');
    await start({ random: () => 0.99 });
    expect(seen.failed).toEqual([expect.objectContaining({ uniqueEventId: 'evt-backs-off', attempts: 20, retryInMs: 594_000 })]);
    for (let i = 0; i < 3; i++) {
      await outbox.append(leadFor(`evt-fresh-000${i}`), clock.now());
      worker!.wake();
      await runUntil(() => seen.delivered.length > i, 5_000);
    }
    expect(seen.delivered).toEqual(['evt-fresh-0000', 'evt-fresh-0001', 'evt-fresh-0002']);
  });

  /** A row an older version scheduled 1,157,407 days ahead, as a restart finds it. */
  async function appendScheduledFarAhead(id: string, acceptedAt: number): Promise<void> {
    await outbox.append(leadFor(id), acceptedAt);
    const [row] = await outbox.lease(1, 60_000, clock.now());
    await outbox.reschedule(row!, clock.now() + 99_999_999_999_000, 'POST … → 429 Too Many Requests');
  }

  it('brings a lead scheduled absurdly far ahead back within backoffMaxMs', async () => {
    await appendScheduledFarAhead('evt-far-ahead', clock.now());
    await start({ backoffMaxMs: 60_000 });
    await runUntil(() => seen.delivered.length > 0, 2 * 60_000);
    expect(seen.delivered).toEqual(['evt-far-ahead']);
  });

  it('never takes a lead another worker holds, however much longer leaseMs is than backoffMaxMs', async () => {
    await outbox.append(leadFor('evt-held-else'), clock.now());
    await outbox.lease(1, 60_000, clock.now()); // another instance is delivering it
    await start({ backoffMaxMs: 500, leaseMs: 60_000 });
    await runUntil(() => false, 30_000);
    expect(standIn.received).toHaveLength(0);
  });

  it('dead-letters a lead scheduled absurdly far ahead once it is older than maxAgeMs', async () => {
    await appendScheduledFarAhead('evt-far-stale', clock.now() - 8 * 24 * HOUR);
    await start({ backoffMaxMs: 60_000 });
    await runUntil(() => seen.dead.length > 0, 2 * 60_000);
    expect(seen.dead).toEqual([expect.objectContaining({ uniqueEventId: 'evt-far-stale', reason: expect.stringMatching(/^too old/) })]);
    expect(standIn.received).toHaveLength(0);
  });

  it('fills a slot as soon as it frees: a hanging delivery holds only its own', async () => {
    standIn.fail({ kind: 'hang' }, 1);
    for (const id of ['evt-slot-00001', 'evt-slot-00002', 'evt-slot-00003', 'evt-slot-00004']) await outbox.append(leadFor(id), clock.now());
    const deliveredWhenHangEnded = new Promise<number>((resolve) => {
      const check = setInterval(() => seen.failed.length > 0 && (clearInterval(check), resolve(seen.delivered.length)), 5);
    });
    void start({ concurrency: 2 });
    // The hung request times out after 300 ms (the forwarder's timeoutMs here); by then the other slot carried the other three.
    expect(await deliveredWhenHangEnded).toBe(3);
  });

  it('dead-letters after maxAttempts', async () => {
    standIn.fail({ kind: 'status', status: 503 }, 10);
    await outbox.append(leadFor('evt-max-attempts'), clock.now());
    await start({ maxAttempts: 3 });
    await runUntil(() => seen.dead.length > 0, HOUR);
    expect(standIn.received).toHaveLength(3);
    expect(seen.dead[0]?.reason).toMatch(/^3 attempts \(maxAttempts\), last: POST .* 503/);
  });

  it('dead-letters a lead older than maxAgeMs without sending it', async () => {
    await outbox.append(leadFor('evt-too-old-01'), clock.now() - 8 * 24 * HOUR);
    await start();
    expect(seen.dead).toEqual([expect.objectContaining({ uniqueEventId: 'evt-too-old-01', reason: expect.stringMatching(/^too old/) })]);
    expect(standIn.received).toHaveLength(0);
  });

  it('purges delivered leads once they are older than keepDeliveredMs, and keeps newer and dead ones', async () => {
    await outbox.append(leadFor('evt-delivered-old'), clock.now());
    await start({ keepDeliveredMs: 24 * HOUR });
    await runUntil(() => seen.delivered.length === 1, 10_000);
    const [dead] = await (async () => (await outbox.append(leadFor('evt-dead-0001'), clock.now()), outbox.lease(1, 60_000, clock.now())))();
    await outbox.deadLetter(dead!, 'gone', clock.now());
    await clock.advance(23 * HOUR);
    expect((await outbox.list({ status: 'delivered', limit: 10 })).map((r) => r.id)).toEqual(['evt-delivered-old']);
    await runUntil(() => false, 2 * HOUR, 60_000);
    expect(await outbox.list({ status: 'delivered', limit: 10 })).toEqual([]);
    expect((await outbox.list({ status: 'dead', limit: 10 })).map((r) => r.id)).toEqual(['evt-dead-0001']);
  });

  it('never retries inside the forwarder: one request per attempt', async () => {
    standIn.fail({ kind: 'reset' }, 1);
    await outbox.append(leadFor('evt-one-layer'), clock.now());
    await start();
    expect(standIn.received.length + seen.failed.length).toBeLessThanOrEqual(2);
    expect(seen.failed).toHaveLength(1);
    expect(standIn.leads).toHaveLength(0);
  });

  it('picks up a lead whose lease a crashed worker left behind, once the lease expires', async () => {
    await outbox.append(leadFor('evt-crashed-01'), clock.now());
    await outbox.lease(1, 60_000, clock.now()); // a worker that died holding the lease
    await start();
    await clock.advance(59_000);
    expect(standIn.leads).toHaveLength(0);
    await clock.advance(1_000);
    expect(standIn.leads.map((l) => l.formData.uniqueEventId)).toEqual(['evt-crashed-01']);
  });

  // Proof (c): LeadTrackr down for hours, then back; everything arrives, in order of acceptance.
  it('delivers a backlog from a long outage in order of acceptance, probing only the oldest lead meanwhile', async () => {
    standIn.fail({ kind: 'status', status: 503, message: 'maintenance' }, 1_000_000);
    await start({ concurrency: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const id = `evt-outage-${String(i).padStart(3, '0')}`;
      ids.push(id);
      await outbox.append(leadFor(id), clock.now());
      worker!.wake();
      await clock.advance(12 * 60_000); // a lead every 12 minutes: 6 hours of leads
    }
    await runUntil(() => false, 2 * HOUR, 60_000);
    expect(new Set(standIn.received.map((r) => r.status))).toEqual(new Set([503]));
    expect(standIn.received.length).toBeGreaterThan(20);
    expect(seen.failed.every((f) => f.uniqueEventId === ids[0])).toBe(true);

    standIn.reset(); // LeadTrackr is back
    await runUntil(() => standIn.leads.length === ids.length, 2 * HOUR, 60_000);
    expect(standIn.leads.map((l) => l.formData.uniqueEventId)).toEqual(ids);
    expect(seen.dead).toEqual([]);
  });

  describe('drain (no background loop)', () => {
    function drainer(overrides: Partial<DeliveryWorkerOptions> = {}) {
      const events = createLeadEvents();
      events.on('delivered', (e) => seen.delivered.push(e.uniqueEventId));
      return createDeliveryWorker({
        outbox, forwarder, events, clock, logger: createMemoryLogger(), random: () => 0.5,
        concurrency: 2, backoffBaseMs: 1_000, backoffMaxMs: 600_000, maxAttempts: 2_000, maxAgeMs: 7 * 24 * HOUR, leaseMs: 60_000, pollIntervalMs: 1_000, keepDeliveredMs: 3 * 24 * HOUR,
        ...overrides,
      });
    }

    it('delivers every due lead, batch after batch, and reports what it did', async () => {
      for (let i = 0; i < 5; i++) await outbox.append(leadFor(`evt-drain-000${i}`), clock.now());
      const result = await drainer().drain({ leaseUntil: clock.now() });
      expect(result).toEqual({ delivered: 5, retried: 0, deadLettered: 0 });
      expect(standIn.leads).toHaveLength(5);
      expect((await outbox.stats(clock.now())).pending).toBe(0);
    });

    it('leases at most maxBatches batches', async () => {
      for (let i = 0; i < 5; i++) await outbox.append(leadFor(`evt-drain-000${i}`), clock.now());
      expect(await drainer().drain({ leaseUntil: clock.now(), maxBatches: 1 })).toEqual({ delivered: 2, retried: 0, deadLettered: 0 });
      expect((await outbox.stats(clock.now())).pending).toBe(3);
    });

    it('stops when a whole batch fails transiently and leaves those leads for later', async () => {
      standIn.fail({ kind: 'status', status: 503 }, 2);
      for (let i = 0; i < 4; i++) await outbox.append(leadFor(`evt-drain-000${i}`), clock.now());
      expect(await drainer().drain({ leaseUntil: clock.now() })).toEqual({ delivered: 0, retried: 2, deadLettered: 0 });
      expect(standIn.received).toHaveLength(2);
      expect((await outbox.stats(clock.now())).pending).toBe(4);
    });

    it('leases nothing once leaseUntil has passed', async () => {
      await outbox.append(leadFor('evt-drain-late'), clock.now());
      expect(await drainer().drain({ leaseUntil: clock.now() - 1 })).toEqual({ delivered: 0, retried: 0, deadLettered: 0 });
      expect(standIn.received).toHaveLength(0);
    });
  });
});
