import type { Signal } from './consent.js';

/**
 * Which consent signal a cookie waits for under `data-consent="required"`: LeadTrackr's channel
 * flow (`lt_*`) is analytics, every click-id copy is advertising. One rule for the script's own
 * writes and for the cookies the endpoint sets.
 */
export function signalFor(cookieName: string): Signal {
  return cookieName.startsWith('lt_') ? 'analytics_storage' : 'ad_storage';
}
