import { createDirectDelivery } from './deliver-direct.js';
import { createLeadEvents, type LeadEvents } from './events.js';
import { createForwarder } from './forward.js';
import { createHandler, type HandleInput, type HandleResult } from './handle.js';
import { resolveOptions, type LeadRouterOptions } from './options.js';
import { createRateLimiter } from './rate-limit.js';

/** The endpoint without a framework: what every adapter (Express, fetch, standalone) wraps. */
export interface LeadService {
  handle(input: HandleInput): Promise<HandleResult>;
  /** Lead lifecycle events for the host app. */
  readonly events: LeadEvents;
  /** What is waiting for delivery, for metrics and health checks. */
  stats(): Promise<DeliveryStats>;
  /** Stops accepting, lets work in flight finish, closes connections. */
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

/** The composition root: resolves options once and wires core, delivery and collaborators. */
export function createLeadService(options: LeadRouterOptions = {}): LeadService {
  const resolved = resolveOptions(options);
  const events = createLeadEvents();
  const forwarder = createForwarder(resolved);
  const rateLimiter = resolved.rateLimit ? createRateLimiter(resolved.rateLimit, resolved.logger, resolved.rateLimit.ownsStore) : undefined;
  const handle = createHandler({
    projectId: resolved.projectId,
    allowedOrigins: resolved.allowedOrigins,
    accept: createDirectDelivery(forwarder, events),
    events,
    logger: resolved.logger,
    ...endpointDeps(resolved),
    ...(rateLimiter ? { rateLimiter } : {}),
  });
  // Direct delivery answers only after LeadTrackr did, so nothing is ever pending or dead here.
  const stats = async (): Promise<DeliveryStats> => ({ pending: 0, dead: 0, oldestPendingAgeMs: null });
  const close = async () => {
    await rateLimiter?.close();
    await forwarder.close();
  };
  return { handle, events, stats, close };
}

/** The core's trust, abuse and hook collaborators, compiled once by resolveOptions. */
function endpointDeps(resolved: ReturnType<typeof resolveOptions>) {
  const { isOriginAllowed, projectIdFor, clientIp, anonymizeIp, honeypot, minPageMs, transform } = resolved;
  return { isOriginAllowed, projectIdFor, clientIp, anonymizeIp, bots: { honeypot, minPageMs }, transform };
}
