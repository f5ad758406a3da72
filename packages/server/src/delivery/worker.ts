import { backoffDelayMs, retryAfterFloorMs, retryDelayMs } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import type { LeadEvents } from '../events.js';
import type { Forwarder } from './forward.js';
import type { Logger } from '../logger.js';
import type { DeliveryOptions } from '../options-delivery.js';
import type { LeasedLead, Outbox } from './outbox/outbox.js';
import { createWarnOnce } from '../warn-once.js';

/** The worker's settings are the delivery options' (options-delivery.ts documents their defaults). */
type WorkerSettings = Pick<DeliveryOptions, 'concurrency' | 'backoffBaseMs' | 'backoffMaxMs' | 'maxAttempts' | 'maxAgeMs' | 'leaseMs' | 'pollIntervalMs' | 'keepDeliveredMs'>;

export interface DeliveryWorkerOptions extends WorkerSettings {
  outbox: Outbox;
  forwarder: Forwarder;
  events: LeadEvents;
  logger: Logger;
  clock?: Clock;
  random?: () => number;
}

export interface DeliveryWorker {
  start(): void;
  /** Looks for due leads now instead of at the next poll (a lead was just stored). */
  wake(): void;
  /** Stops leasing; resolves when deliveries in flight finished or `deadlineMs` passed. */
  stop(deadlineMs: number): Promise<void>;
  /**
   * Delivers what is due now, batch after batch, without the background loop (hosts without a
   * long-lived process: a request, a cron job). Leases no batch after `leaseUntil` and at most
   * `maxBatches`; stops early when nothing is due or a whole batch failed transiently (LeadTrackr
   * is down). Never rejects: failures stay in the outbox, as in the loop.
   */
  drain(options: { leaseUntil: number; maxBatches?: number }): Promise<DrainResult>;
}

/** What one drain did, by outcome. */
export interface DrainResult {
  delivered: number;
  retried: number;
  deadLettered: number;
}

/** LeadTrackr's answers that no retry mends and that every later lead will get too (../shared/reference/leadtrackr.md). */
const REFUSED_KEY_FIX: Record<number, string> = {
  401: 'LeadTrackr refused the API key (401): set LEADTRACKR_API_KEY (apiKey) to the key of your LeadTrackr account; `leadbeacon doctor` checks it',
  403: "LeadTrackr refused the request (403): the account's subscription is inactive, or the key has no access to this project",
};
// Purging hourly keeps each purge small (an hour of deliveries) and its cost out of every poll.
const PURGE_EVERY_MS = 3_600_000;

type Outcome = { kind: 'delivered' | 'dead' | 'lost' } | { kind: 'retry'; nextAttemptAt: number; retryAfterMs: number };

/**
 * Delivers leads from the outbox to LeadTrackr: keeps up to `concurrency` due leads in flight,
 * leased oldest first, and acknowledges, reschedules or dead-letters each. The outbox's retries
 * are the only ones (the forwarder never retries).
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { outbox, forwarder, events, logger } = options;
  const clock = options.clock ?? systemClock;
  const warnOnce = createWarnOnce(logger, undefined, () => clock.now());
  const backoff = { baseMs: options.backoffBaseMs, maxMs: options.backoffMaxMs };
  let stopping = false;
  let wakeUp = new AbortController();
  let woken = abortedOf(wakeUp.signal);
  let loop: Promise<void> | undefined;
  // A due time past anything this worker sets by a day: no backoff (backoffMaxMs) nor lease
  // (leaseMs, this or another instance's) explains it. nextDueAt counts leases too, so a bound
  // within leaseMs would take leads other instances are delivering.
  const farAheadMs = Math.max(options.backoffMaxMs, options.leaseMs) + 24 * 3_600_000;
  // When a whole batch failed transiently and nothing got through meanwhile, LeadTrackr is
  // probably down: pause, then probe with the oldest due lead instead of trying every newer one, so
  // the backlog drains in order of acceptance once it is back. The pause has a backoff of its own
  // (batches that failed in a row), not the failed leads' (which may be ten minutes each): a lead
  // that keeps failing on its own holds back the others for one short pause at most. A Retry-After
  // (cut to backoffMaxMs) is LeadTrackr asking everyone to wait, so it lengthens the pause.
  let pausedUntil = 0;
  let nextPurgeAt = 0;
  let failedRounds = 0;
  let successes = 0;
  /** Deliveries under way, one promise per lead; at most `concurrency`. */
  const inFlight = new Set<Promise<unknown>>();

  async function sleep(ms: number): Promise<void> {
    if (stopping || ms <= 0) return;
    await clock.sleep(ms, wakeUp.signal);
    renewWakeUp();
  }

  function renewWakeUp(): void {
    if (!wakeUp.signal.aborted) return;
    wakeUp = new AbortController();
    woken = abortedOf(wakeUp.signal);
  }

  /**
   * Keeps up to `concurrency` leads in flight: leases as many as there are free slots as soon as
   * any delivery ends, instead of waiting for a whole batch. Under load every step of a delivery
   * waits its turn behind the requests being accepted, so what keeps delivery abreast of acceptance
   * is how many leads are under way at once, not how fast one of them goes.
   */
  async function run(): Promise<void> {
    while (!stopping) {
      const now = clock.now();
      if (now >= nextPurgeAt) {
        nextPurgeAt = now + PURGE_EVERY_MS;
        await purgeDelivered(now);
      }
      if (pausedUntil > now) {
        await sleep(pausedUntil - now);
        continue;
      }
      const free = options.concurrency - inFlight.size;
      // Lease in batches of at least half the slots: every lease is a write to the outbox (an fsync
      // with SQLite's synchronous=FULL), so leasing one lead per freed slot doubled the writes.
      if (free <= 0 || (inFlight.size > 0 && free < options.concurrency / 2)) {
        await Promise.race(inFlight);
        continue;
      }
      let batch: LeasedLead[];
      try {
        batch = await outbox.lease(free, options.leaseMs, now);
      } catch (error) {
        logger.error({ code: (error as { code?: string }).code, err: (error as Error).message }, 'outbox lease failed');
        await sleep(options.pollIntervalMs);
        continue;
      }
      if (batch.length > 0) {
        send(batch);
        continue;
      }
      if (inFlight.size > 0) {
        // Nothing due now: look again when a delivery ends or a lead is stored.
        await Promise.race([...inFlight, woken]);
        renewWakeUp();
        continue;
      }
      const next = await outbox.nextDueAt().catch(() => null);
      if (next !== null && next > now + farAheadMs) {
        await recallFarAhead(next, now);
        continue;
      }
      await sleep(next === null ? options.pollIntervalMs : Math.min(Math.max(next - now, 1), options.pollIntervalMs));
    }
    await Promise.all(inFlight);
  }

  /** Starts delivering a leased batch; when all of it is done, decides whether to pause. */
  function send(batch: LeasedLead[]): void {
    const successesAtLease = successes;
    const deliveries = batch.map((row) => {
      const delivery = deliver(row).then((outcome) => {
        if (outcome.kind !== 'retry') successes++;
        return outcome;
      });
      const tracked = delivery.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      return delivery;
    });
    void Promise.all(deliveries).then((outcomes) => {
      if (!outcomes.every((o) => o.kind === 'retry')) {
        failedRounds = 0;
        return;
      }
      // Another lead got through meanwhile: LeadTrackr is up, this batch's leads have their own problem.
      if (successes !== successesAtLease) return;
      failedRounds++;
      const retryAfterMs = Math.max(...outcomes.map((o) => (o.kind === 'retry' ? o.retryAfterMs : 0)));
      // Without jitter: each probe is due by then (its own delay is a jittered share of the same ceiling).
      const pauseMs = Math.max(backoffDelayMs(failedRounds, backoff, () => 1), retryAfterMs);
      pausedUntil = Math.max(pausedUntil, clock.now() + Math.min(pauseMs, options.backoffMaxMs));
    });
  }

  /**
   * Brings back a pending lead scheduled far past any delay this worker sets (an older version
   * honoured a Retry-After of years): leases it as of its due time, then makes it due now (or
   * dead-letters it by `maxAgeMs`). Runs only when no pending lead is due or leased sooner, so it
   * never jumps the queue nor takes a lead another worker holds.
   */
  async function recallFarAhead(dueAt: number, now: number): Promise<void> {
    try {
      const [row] = await outbox.lease(1, options.leaseMs, dueAt);
      if (!row) return;
      logger.warn({ uniqueEventId: row.id, dueInMs: dueAt - now }, 'lead scheduled too far ahead; due now');
      if (now - row.acceptedAt > options.maxAgeMs) await giveUp(row, tooOld(row, now));
      else await outbox.reschedule(row, now, 'rescheduled: was due too far ahead');
    } catch (error) {
      logger.error({ code: (error as { code?: string }).code, err: (error as Error).message }, 'outbox update failed');
      await sleep(options.pollIntervalMs);
    }
  }

  function tooOld(row: LeasedLead, now: number): string {
    return `too old: accepted ${Math.round((now - row.acceptedAt) / 3_600_000)} h ago, maxAgeMs is ${options.maxAgeMs}`;
  }

  async function deliver(row: LeasedLead): Promise<Outcome> {
    const { id: uniqueEventId, attempts } = row;
    const startedAt = clock.now();
    try {
      if (startedAt - row.acceptedAt > options.maxAgeMs) {
        return await giveUp(row, tooOld(row, startedAt));
      }
      let result;
      try {
        result = await forwarder.forward(row.lead);
      } catch (error) {
        const err = error as { code?: string; status?: number; message?: string; location?: string };
        const delay = attempts < options.maxAttempts ? retryDelayMs(error, attempts, backoff, options.random) : undefined;
        events.emit('failed', { uniqueEventId, attempts, code: err.code ?? 'LB_ERR_UNKNOWN', status: err.status, retryInMs: delay });
        // A redirect's target (scheme, host, path only; forward.ts strips the rest) tells the operator what to fix.
        const redirect = err.location ? { location: err.location } : {};
        logger.warn({ uniqueEventId, attempts, code: err.code, status: err.status, retryInMs: delay, ...redirect }, 'delivery failed');
        const fix = err.status === undefined ? undefined : REFUSED_KEY_FIX[err.status];
        if (fix) warnOnce(`upstream ${err.status}`, { status: err.status }, fix);
        if (delay === undefined) {
          return await giveUp(row, attempts >= options.maxAttempts ? `${attempts} attempts (maxAttempts), last: ${err.message}` : (err.message ?? String(error)));
        }
        const nextAttemptAt = clock.now() + delay;
        const kept = await outbox.reschedule(row, nextAttemptAt, err.message ?? String(error));
        return kept ? { kind: 'retry', nextAttemptAt, retryAfterMs: retryAfterFloorMs(error, backoff) } : { kind: 'lost' };
      }
      const kept = await outbox.acknowledge(row, result.leadId, clock.now());
      events.emit('delivered', { uniqueEventId, leadId: result.leadId, attempts });
      logger.info({ uniqueEventId, leadId: result.leadId, attempts, acknowledged: kept }, 'lead delivered');
      return { kind: kept ? 'delivered' : 'lost' };
    } catch (error) {
      // The outbox failed mid-delivery: the lease runs out and the lead is delivered again
      // (LeadTrackr updates by uniqueEventId, so a second delivery is harmless).
      logger.error({ uniqueEventId, code: (error as { code?: string }).code, err: (error as Error).message }, 'outbox update failed');
      return { kind: 'lost' };
    }
  }

  /** Delivered rows past `keepDeliveredMs` go, so the outbox does not grow forever. */
  async function purgeDelivered(now: number): Promise<void> {
    try {
      const purged = await outbox.purge('delivered', now - options.keepDeliveredMs);
      if (purged) logger.info({ purged, keepDeliveredMs: options.keepDeliveredMs }, 'delivered leads purged');
    } catch (error) {
      logger.error({ code: (error as { code?: string }).code, err: (error as Error).message }, 'outbox purge failed');
    }
  }

  async function giveUp(row: LeasedLead, reason: string): Promise<Outcome> {
    const kept = await outbox.deadLetter(row, reason, clock.now());
    if (kept) {
      events.emit('deadLettered', { uniqueEventId: row.id, attempts: row.attempts, reason });
      // The reason may quote LeadTrackr's message, which may quote the lead: it stays in the outbox
      // (`leadbeacon outbox list --dead`) and the event, never in the log.
      logger.error({ uniqueEventId: row.id, attempts: row.attempts }, 'lead dead-lettered');
    }
    return { kind: kept ? 'dead' : 'lost' };
  }

  async function drain({ leaseUntil, maxBatches = Infinity }: { leaseUntil: number; maxBatches?: number }): Promise<DrainResult> {
    const result: DrainResult = { delivered: 0, retried: 0, deadLettered: 0 };
    for (let batches = 0; batches < maxBatches && !stopping && clock.now() <= leaseUntil; batches++) {
      let batch: LeasedLead[];
      try {
        batch = await outbox.lease(options.concurrency, options.leaseMs, clock.now());
      } catch (error) {
        logger.error({ code: (error as { code?: string }).code, err: (error as Error).message }, 'outbox lease failed');
        break;
      }
      if (batch.length === 0) break;
      const outcomes = await Promise.all(batch.map(deliver));
      for (const o of outcomes) {
        if (o.kind === 'delivered') result.delivered++;
        else if (o.kind === 'retry') result.retried++;
        else if (o.kind === 'dead') result.deadLettered++;
      }
      if (outcomes.every((o) => o.kind === 'retry')) break;
    }
    return result;
  }

  return {
    drain,
    start() {
      loop ??= run().catch((error: unknown) => logger.error({ err: (error as Error).message }, 'delivery worker stopped'));
    },
    wake() {
      wakeUp.abort();
    },
    async stop(deadlineMs) {
      stopping = true;
      wakeUp.abort();
      if (!loop) return;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
      await Promise.race([loop, deadline]);
      clearTimeout(timer);
    },
  };
}

/** Resolves when `signal` aborts; one promise per signal, so waiting on it adds no listener. */
function abortedOf(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
