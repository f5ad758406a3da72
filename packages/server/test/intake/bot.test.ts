import { describe, expect, it } from 'vitest';
import { botReason } from '../../src/intake/bot.js';
import type { Beacon } from '../../src/intake/schema.js';

const beacon = (extra: Partial<Beacon>): Beacon => ({ uniqueEventId: 'evt-12345678', userData: {}, attributionData: {}, formData: {}, ...extra });
const on = { honeypot: true, minPageMs: 1500 };

describe('botReason', () => {
  it('flags a filled honeypot', () => expect(botReason(beacon({ hp: 'http://spam' }), on)).toBe('bot_honeypot'));
  it('flags a submit sooner than the minimum time on page', () => expect(botReason(beacon({ pageMs: 300 }), on)).toBe('bot_too_fast'));
  it('passes a person', () => expect(botReason(beacon({ hp: '', pageMs: 8000 }), on)).toBeUndefined());
  it('passes a beacon that reports no time on page', () => expect(botReason(beacon({}), on)).toBeUndefined());
  it('skips the checks that are turned off', () => {
    expect(botReason(beacon({ hp: 'x', pageMs: 10 }), { honeypot: false, minPageMs: 0 })).toBeUndefined();
  });
});
