import type { Beacon } from './schema.js';

export interface BotSettings {
  honeypot: boolean;
  minPageMs: number;
}

/**
 * Names why a beacon looks automated, or returns undefined. A beacon without `pageMs` (an older
 * script, a host that posts by hand) is given the benefit of the doubt: losing a real lead costs more.
 */
export function botReason(beacon: Beacon, settings: BotSettings): 'bot_honeypot' | 'bot_too_fast' | undefined {
  if (settings.honeypot && beacon.hp) return 'bot_honeypot';
  if (beacon.pageMs !== undefined && beacon.pageMs < settings.minPageMs) return 'bot_too_fast';
  return undefined;
}
