/** `@leadbeacon/server/express`: the Express router, the only entry point that loads Express. */
export { createLeadRouter, type LeadRouter } from './adapters/express.js';
