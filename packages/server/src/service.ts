import { createOutboxAccept } from './delivery/accept.js';
import { systemClock, type Clock } from './delivery/clock.js';
import { createLeadEvents, type LeadEvents } from './events.js';
import { createForwarder } from './delivery/forward.js';
import { createHandler, type HandleInput, type HandleResult } from './intake/handle.js';
import { resolveOptions, type LeadRouterOptions } from './options.js';
import { openOutbox } from './delivery/outbox/open.js';
import { createRateLimiter } from './intake/rate-limit.js';
import { createDeliveryWorker, type DrainResult } from './delivery/worker.js';
import { createInspector, type Inspector } from './inspector/inspector.js';
import { createRecentLeads } from './inspector/recent.js';

/** The endpoint without a framework: what every adapter (Express, fetch, standalone) wraps. */
export interface LeadService {
  handle(input: HandleInput): Promise<HandleResult>;
  /** Lead lifecycle events for the host app. */
  readonly events: LeadEvents;
  /** What is waiting for delivery, for metrics and health checks; rejects when the outbox is unreachable. */
  stats(): Promise<DeliveryStats>;
  /** The lead inspector, when the `inspector` option turned it on. */
  readonly inspect: Inspector | undefined;
  /**
   * Delivers what is due within `budgetMs` (a cron job's call on hosts without a long-lived
   * process): leases no batch that could still be running when the budget ends.
   */
  drain(budgetMs: number): Promise<DrainResult>;
  /**
   * Readiness: the stats, once a write probe showed that a lead would be stored now; rejects when
   * the outbox cannot write (locked, read-only, full, INSERT not granted) or is unreachable.
   */
  ready(): Promise<DeliveryStats>;
  /**
   * Stops accepting (leads get 503 with Retry-After), lets deliveries in flight finish within
   * `shutdownTimeoutMs`, closes the outbox and connections.
   */
  close(): Promise<void>;
}

export interface DeliveryStats {
  /** Leads accepted and not yet confirmed by LeadTrackr. */
  pending: number;
  /** Leads given up on (dead letters). */
  dead: number;
  /** Age of the oldest pending lead, or null when none is pending. */
  oldestPendingAgeMs: number | null;
}

/** The composition root: resolves options once and wires core, outbox, worker and collaborators. */
export function createLeadService(options: LeadRouterOptions = {}, clock: Clock = systemClock, events: LeadEvents = createLeadEvents()): LeadService {
  const resolved = resolveOptions(options);
  const forwarder = createForwarder(resolved);
  const outbox = resolved.outbox ?? openOutbox(resolved.outboxPath);
  // Without a long-lived process, background timers may never fire: the request and drain() deliver.
  const deliverer = createDeliveryWorker({ ...resolved, outbox, forwarder, events, clock });
  const worker = resolved.worker && !resolved.serverless ? deliverer : undefined;
  const onStored = resolved.serverless ? () => deliverer.drain({ leaseUntil: Infinity, maxBatches: 1 }) : () => worker?.wake();
  const accepting = createOutboxAccept({ ...resolved, outbox, events, clock, onStored });
  const recent = resolved.inspector ? createRecentLeads() : undefined;
  const inspect = resolved.inspector && recent ? createInspector({ recent, outbox, access: resolved.inspector, now: () => clock.now() }) : undefined;
  const rateLimiter = resolved.rateLimit ? createRateLimiter(resolved.rateLimit, resolved.logger, resolved.rateLimit.ownsStore) : undefined;
  const handle = createHandler({
    projectId: resolved.projectId,
    allowedOrigins: resolved.allowedOrigins,
    accept: accepting.accept,
    events,
    logger: resolved.logger,
    ...endpointDeps(resolved, clock),
    ...(rateLimiter ? { rateLimiter } : {}),
    recent,
  });
  worker?.start();

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    accepting.stop();
    const deadline = Date.now() + resolved.shutdownTimeoutMs;
    await deliverer.stop(resolved.shutdownTimeoutMs);
    // A request still hanging past the deadline keeps its lease, which expires: another worker retries it.
    await Promise.race([forwarder.close(), new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
    await rateLimiter?.close();
    await outbox.close();
  }

  return {
    handle,
    events,
    inspect,
    stats: () => outbox.stats(clock.now()),
    drain: (budgetMs) => deliverer.drain({ leaseUntil: clock.now() + Math.max(0, budgetMs - resolved.timeoutMs) }),
    ready: async () => {
      await outbox.probeWrite();
      return outbox.stats(clock.now());
    },
    close: () => (closing ??= close()),
  };
}

/** The core's trust, abuse and hook collaborators, compiled once by resolveOptions. */
function endpointDeps(resolved: ReturnType<typeof resolveOptions>, clock: Clock) {
  const { isOriginAllowed, projectIdFor, clientIp, anonymizeIp, honeypot, minPageMs, transform, cookieDomain } = resolved;
  return { isOriginAllowed, projectIdFor, clientIp, anonymizeIp, bots: { honeypot, minPageMs }, transform, pageView: { cookieDomain, now: () => clock.now() } };
}
