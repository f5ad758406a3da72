/**
 * `@leadbeacon/server`: the framework-free core, the fetch handler and the outboxes. Importing it
 * opens nothing and reads no secret; Express users import the router from `@leadbeacon/server/express`.
 */
export { createFetchHandler, type FetchHandler, type FetchHandlerOptions, type FetchRequestInfo } from './adapters/fetch.js';
export type { DrainResult } from './delivery/worker.js';
export type { TrustProxy } from './intake/client-ip.js';
export type { LeadTrackrLead } from './lead/map-lead.js';
export type { RateLimitStore } from './intake/rate-limit.js';
export type { TransformContext, TransformLead } from './lead/transform.js';
export { LeadbeaconError, OutboxUnavailableError, UpstreamStatusError, type LeadbeaconErrorCode } from './errors.js';
export { createLeadEvents, type LeadEventMap, type LeadEvents } from './events.js';
export type { AcceptResult, HandleInput, HandleResult } from './intake/handle.js';
export { createLeadService, type DeliveryStats, type LeadService } from './service.js';
export { createDefaultLogger, type Logger } from './logger.js';
export { createMetrics, type LeadMetrics, type MetricsOptions, type MetricsSource } from './metrics.js';
export type { LeadRouterOptions } from './options.js';
export type { Beacon } from './intake/schema.js';
export { createMemoryOutbox, type MemoryOutboxOptions } from './delivery/outbox/memory.js';
export { createPostgresOutbox, migratePostgresOutbox, type PgPoolLike, type PostgresOutboxOptions } from './delivery/outbox/postgres.js';
export { createSqliteOutbox, migrateSqliteOutbox, type SqliteOutboxOptions } from './delivery/outbox/sqlite.js';
export type { AppendResult, LeasedLead, LeaseRef, Outbox, OutboxRow, OutboxStats, OutboxStatus } from './delivery/outbox/outbox.js';
