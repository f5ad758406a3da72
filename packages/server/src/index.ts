export { createLeadRouter, type LeadRouter } from './express.js';
export { LeadbeaconError, UpstreamStatusError, type LeadbeaconErrorCode } from './errors.js';
export { createLeadEvents, type LeadEventMap, type LeadEvents } from './events.js';
export type { AcceptResult, HandleInput, HandleResult } from './handle.js';
export { createLeadService, type DeliveryStats, type LeadService } from './service.js';
export type { Logger } from './logger.js';
export type { LeadRouterOptions } from './options.js';
export type { Beacon } from './schema.js';
