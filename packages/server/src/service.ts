import { createDirectDelivery } from './deliver-direct.js';
import { createLeadEvents, type LeadEvents } from './events.js';
import { createForwarder } from './forward.js';
import { createHandler, type HandleInput, type HandleResult } from './handle.js';
import { resolveOptions, type LeadRouterOptions } from './options.js';

/** The endpoint without a framework: what every adapter (Express, fetch, standalone) wraps. */
export interface LeadService {
  handle(input: HandleInput): Promise<HandleResult>;
  /** Lead lifecycle events for the host app. */
  readonly events: LeadEvents;
  /** Stops accepting, lets work in flight finish, closes connections. */
  close(): Promise<void>;
}

/** The composition root: resolves options once and wires core, delivery and collaborators. */
export function createLeadService(options: LeadRouterOptions = {}): LeadService {
  const resolved = resolveOptions(options);
  const events = createLeadEvents();
  const forwarder = createForwarder(resolved);
  const handle = createHandler({
    projectId: resolved.projectId,
    allowedOrigins: resolved.allowedOrigins,
    accept: createDirectDelivery(forwarder, events),
    events,
    logger: resolved.logger,
  });
  return { handle, events, close: () => forwarder.close() };
}
