/**
 * LeadTrackr's attribution rules as pure functions: the channel of a page view, the channel flow,
 * the registrable domain, the click ids of a URL, consent. The script tag (script-set cookies) and
 * the endpoint (server-set cookies) both run these, so a rule exists once.
 */
export type { FlowEntry } from './flow-entry.js';
export { channelFor, type Channel } from './channel.js';
export { nextCookies, parseFlow, type FlowCookies, type FlowInput } from './channel-flow.js';
export { decodeCookie } from './cookie-value.js';
export { findCookieDomain, registrableDomain } from './domain.js';
export { fbcFor, idCookies, urlIds } from './click-ids.js';
export { consentFromCmp, consentFromConsentMode, mergeConsent, pickConsent, type Consent, type Signal } from './consent.js';
export { signalFor } from './consent-gate.js';
export { normalize } from './normalize.js';
