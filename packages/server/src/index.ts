export { createLeadRouter, type LeadRouter } from './express.js';
export { LeadbeaconError, UpstreamStatusError, type LeadbeaconErrorCode } from './errors.js';
export { createHandler, type HandleInput, type HandleResult } from './handle.js';
export type { Logger } from './logger.js';
export type { LeadRouterOptions } from './options.js';
export type { Beacon } from './schema.js';
