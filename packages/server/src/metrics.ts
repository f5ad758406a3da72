import { Counter, Gauge, Registry } from 'prom-client';
import type { LeadEventMap, LeadEvents } from './events.js';
import type { DeliveryStats } from './service.js';

/** Anything with lead events and delivery stats: a LeadService, the Express router, the fetch handler. */
export interface MetricsSource {
  readonly events: LeadEvents;
  stats(): Promise<DeliveryStats>;
}

export interface MetricsOptions {
  /** The registry to register on; a host app may pass its own to serve one /metrics. @default a new Registry */
  registry?: Registry;
  /** Prefix of every metric name. @default 'leadbeacon_' */
  prefix?: string;
}

export interface LeadMetrics {
  readonly registry: Registry;
  /** The Content-Type to serve `render()` with. */
  readonly contentType: string;
  /** The Prometheus text exposition of the registry. */
  render(): Promise<string>;
  /** Stops listening to the source's events. */
  close(): void;
}

/**
 * Prometheus metrics (prom-client, on a registry of their own unless one is given): counters follow
 * the source's events; the outbox gauges read `stats()` on each scrape, so they are never stale.
 */
export function createMetrics(source: MetricsSource, options: MetricsOptions = {}): LeadMetrics {
  const registry = options.registry ?? new Registry();
  const prefix = options.prefix ?? 'leadbeacon_';
  const registers = [registry];

  const accepted = new Counter({ name: `${prefix}leads_accepted_total`, help: 'Leads accepted (stored or delivered) and answered 2xx', registers });
  const rejected = new Counter({
    name: `${prefix}leads_rejected_total`,
    help: 'Beacons refused before storing, by reason (bots and transform drops are answered 2xx but counted here)',
    labelNames: ['reason'],
    registers,
  });
  const delivered = new Counter({ name: `${prefix}leads_delivered_total`, help: 'Leads LeadTrackr confirmed', registers });
  const failed = new Counter({ name: `${prefix}delivery_failures_total`, help: 'Failed delivery attempts, by error code', labelNames: ['code'], registers });
  const retried = new Counter({ name: `${prefix}delivery_retries_total`, help: 'Failed delivery attempts that will be retried', registers });
  const deadLettered = new Counter({ name: `${prefix}leads_dead_lettered_total`, help: 'Leads given up on, by reason', labelNames: ['reason'], registers });

  // A store that cannot answer shows as NaN rather than failing the whole scrape.
  const gauge = (name: string, help: string, pick: (stats: DeliveryStats) => number | null) =>
    new Gauge({
      name: `${prefix}${name}`,
      help,
      registers,
      async collect() {
        const stats = await source.stats().catch(() => undefined);
        this.set(stats ? (pick(stats) ?? 0) : Number.NaN);
      },
    });
  gauge('outbox_pending_leads', 'Leads accepted and not yet confirmed by LeadTrackr', (s) => s.pending);
  gauge('outbox_dead_leads', 'Leads in the dead-letter store', (s) => s.dead);
  gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest pending lead (0 when none is pending)', (s) =>
    s.oldestPendingAgeMs === null ? 0 : s.oldestPendingAgeMs / 1000,
  );

  const listeners: { [K in keyof LeadEventMap]?: (...args: LeadEventMap[K]) => void } = {
    accepted: () => accepted.inc(),
    rejected: (e) => rejected.inc({ reason: e.reason }),
    delivered: () => delivered.inc(),
    failed: (e) => {
      failed.inc({ code: e.code });
      if (e.retryInMs !== undefined) retried.inc();
    },
    deadLettered: (e) => deadLettered.inc({ reason: e.reason }),
  };
  const entries = Object.entries(listeners) as [keyof LeadEventMap, (...args: unknown[]) => void][];
  for (const [event, listener] of entries) source.events.on(event, listener as never);

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    close: () => {
      for (const [event, listener] of entries) source.events.off(event, listener as never);
    },
  };
}
