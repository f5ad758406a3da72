// The rules module replayed on LeadTrackr's own integrations' behaviour (support/golden.mjs), the
// way the endpoint will call it: the request's cookies as a cookie parser reads them, the values
// to set URL-encoded as a cookie writer does. The script's bytes get the same replay
// (packages/browser/test/channel-flow-replay.test.mjs).
import { describe, expect, it } from 'vitest';
import { findCookieDomain, nextCookies } from '../src/index.ts';
import { GOLDEN_MISSING, loadGolden, replay, report } from './support/golden.mjs';

/** `cookie.parse`'s decoding, the GTM tag's too: URL-decoded as a whole, or as it is when that fails. */
function parsed(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

describe("nextCookies replayed on LeadTrackr's integrations", () => {
  // ~8,700 page views: about 3 s here.
  if (GOLDEN_MISSING) console.warn(`skipping the replay: ${GOLDEN_MISSING}`);
  it.skipIf(GOLDEN_MISSING)('leaves the cookies they leave on every page view where they agree', { timeout: 60_000 }, () => {
    const { tally, mismatches } = replay(loadGolden(), (jar, pv) => {
      const { hostname } = new URL(pv.url);
      const cookie = (name) => jar.find(name, hostname, pv.now);
      const next = nextCookies({
        flowCookie: cookie('lt_channelflow') && parsed(cookie('lt_channelflow').value),
        sessionCookie: cookie('lt_session') && parsed(cookie('lt_session').value),
        url: pv.url,
        referrer: pv.ref || '',
        nowMs: pv.now,
      });
      const domain = findCookieDomain(hostname, (candidate) => jar.set(`lb_probe=1; domain=${candidate}; max-age=0`, hostname, pv.now));
      const set = (name, value, seconds) => jar.set(`${name}=${encodeURIComponent(value)}; max-age=${seconds}${domain ? '; domain=' + domain : ''}`, hostname, pv.now);
      set('lt_channelflow', next.flowCookie, 395 * 86400);
      set('lt_session', next.sessionCookie, 1800);
    });
    console.info(report('rules (nextCookies)', tally));
    expect(mismatches).toEqual([]);
    expect(tally.consensus[1]).toBe(0);
  });
});
