import { describe, expect, it } from 'vitest';
import type { FlowEntry } from '../src/flow-entry.js';
import { channelFor } from '../src/channel.js';
import { fitFlow, nextFlow, parseFlow } from '../src/channel-flow.js';
import { idCookies } from '../src/click-ids.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1, 9);

/**
 * A browser as LeadTrackr's reference scenarios describe it: `lt_channelflow` stored URL-encoded,
 * `lt_session` gone 30 minutes after the last page view. Each visit runs the script's page-view rules.
 */
function createBrowser(cookie?: string) {
  let stored = cookie;
  let sessionUntil = -Infinity;
  return {
    visit(now: number, url: string, referrer = '') {
      const { hostname, pathname, search } = new URL(url);
      const flow = nextFlow(
        parseFlow(stored === undefined ? undefined : decodeURIComponent(stored)),
        now,
        now < sessionUntil,
        channelFor(new URLSearchParams(search), hostname, referrer),
        pathname,
      );
      stored = encodeURIComponent(JSON.stringify(flow));
      sessionUntil = now + 30 * MINUTE;
      return flow;
    },
    get cookie() {
      return stored!;
    },
  };
}

describe('the reference scenarios (../shared/reference/leadtrackr.md)', () => {
  it('day 1, 5 and 20 direct: 3 entries', () => {
    const browser = createBrowser();
    browser.visit(T0, 'https://www.shop.nl/');
    browser.visit(T0 + 4 * DAY, 'https://www.shop.nl/');
    const flow = browser.visit(T0 + 19 * DAY, 'https://www.shop.nl/');
    expect(flow).toEqual([
      { t: T0, ch: { s: 'direct', m: 'none' }, lp: '/' },
      { t: T0 + 4 * DAY, ch: { s: 'direct', m: 'none' }, lp: '/' },
      { t: T0 + 19 * DAY, ch: { s: 'direct', m: 'none' }, lp: '/' },
    ]);
  });

  it('google/cpc, then direct 5 days later: 2 entries', () => {
    const browser = createBrowser();
    browser.visit(T0, 'https://www.shop.nl/offer?utm_source=google&utm_medium=cpc&utm_campaign=spring');
    const flow = browser.visit(T0 + 5 * DAY, 'https://www.shop.nl/contact');
    expect(flow).toEqual([
      { t: T0, ch: { s: 'google', m: 'cpc', cm: 'spring' }, lp: '/offer' },
      { t: T0 + 5 * DAY, ch: { s: 'direct', m: 'none' }, lp: '/contact' },
    ]);
  });

  it('reloading a landing page with the same UTMs: 1 entry', () => {
    const browser = createBrowser();
    const url = 'https://www.shop.nl/lp?utm_source=newsletter&utm_medium=email&utm_campaign=may';
    browser.visit(T0, url);
    browser.visit(T0 + MINUTE, url, url);
    expect(browser.visit(T0 + 2 * MINUTE, url, url)).toHaveLength(1);
  });

  it('another campaign within the same session: 2 entries', () => {
    const browser = createBrowser();
    browser.visit(T0, 'https://www.shop.nl/?utm_source=newsletter&utm_medium=email&utm_campaign=may');
    const flow = browser.visit(T0 + 5 * MINUTE, 'https://www.shop.nl/?utm_source=facebook&utm_medium=paid_social&utm_campaign=june', 'https://l.facebook.com/');
    expect(flow.map((entry) => entry.ch)).toEqual([
      { s: 'newsletter', m: 'email', cm: 'may' },
      { s: 'facebook', m: 'paid_social', cm: 'june' },
    ]);
  });

  it('gclid in the URL without UTMs: google/cpc', () => {
    expect(createBrowser().visit(T0, 'https://www.shop.nl/?gclid=Cj0KCQ_abc', 'https://www.google.com/')[0]!.ch).toEqual({ s: 'google', m: 'cpc' });
  });

  it('gclid only in _gcl_aw: no cpc entry (the lead still carries the gclid)', () => {
    const cookies = { _gcl_aw: 'GCL.1712345678.Cj0KCQ_abc' };
    expect(createBrowser().visit(T0, 'https://www.shop.nl/')[0]!.ch).toEqual({ s: 'direct', m: 'none' });
    // The page sends the cookie raw; the endpoint reads the gclid out of it (packages/server/test/attribution.test.ts).
    expect(idCookies(cookies)).toEqual(cookies);
  });

  it.each(['https://www.google.nl/', 'https://www.google.co.uk/'])('referrer %s: google/organic', (referrer) => {
    expect(createBrowser().visit(T0, 'https://www.shop.nl/', referrer)[0]!.ch).toEqual({ s: 'google', m: 'organic' });
  });

  it('referrer facebook.com: facebook.com / referral', () => {
    expect(createBrowser().visit(T0, 'https://www.shop.nl/', 'https://facebook.com/some/post')[0]!.ch).toEqual({ s: 'facebook.com', m: 'referral' });
  });

  it('www.shop.nl → app.shop.nl after a timeout: direct/none', () => {
    const browser = createBrowser();
    browser.visit(T0, 'https://www.shop.nl/', 'https://www.google.nl/');
    const flow = browser.visit(T0 + 45 * MINUTE, 'https://app.shop.nl/login', 'https://www.shop.nl/');
    expect(flow[1]).toEqual({ t: T0 + 45 * MINUTE, ch: { s: 'direct', m: 'none' }, lp: '/login' });
  });

  it('26th session: first touch kept, entry 1 dropped', () => {
    const browser = createBrowser();
    let flow: FlowEntry[] = [];
    for (let day = 0; day < 26; day++) flow = browser.visit(T0 + day * DAY, `https://www.shop.nl/day-${day}`);
    expect(flow).toHaveLength(25);
    expect(flow[0]!.lp).toBe('/day-0');
    expect(flow[1]!.lp).toBe('/day-2');
    expect(flow[24]!.lp).toBe('/day-25');
  });

  it('old-format cookie: converted, nothing lost', () => {
    const legacy = [
      { timestamp: T0, channel: { source: 'google', medium: 'cpc', campaign: 'spring', content: 'ad-1', term: 'solar panels' } },
      { timestamp: T0 + DAY, channel: { source: 'direct', medium: 'none' } },
    ];
    const browser = createBrowser(encodeURIComponent(JSON.stringify(legacy)));
    const flow = browser.visit(T0 + DAY + MINUTE, 'https://www.shop.nl/');
    expect(flow.slice(0, 2)).toEqual([
      { t: T0, ch: { s: 'google', m: 'cpc', cm: 'spring', ct: 'ad-1', tm: 'solar panels' }, lp: '' },
      { t: T0 + DAY, ch: { s: 'direct', m: 'none' }, lp: '' },
    ]);
    expect(decodeURIComponent(browser.cookie)).toContain('"ch":{"s":"google","m":"cpc","cm":"spring","ct":"ad-1","tm":"solar panels"}');
    expect(decodeURIComponent(browser.cookie)).not.toContain('timestamp');
  });
});

describe('parseFlow', () => {
  it('treats invalid JSON as empty', () => {
    expect(parseFlow('[{"t":1,')).toEqual([]);
    expect(parseFlow(undefined)).toEqual([]);
    expect(parseFlow('{"t":1}')).toEqual([]);
  });

  it('skips an entry without a channel or a time, keeping the rest', () => {
    expect(parseFlow(JSON.stringify([null, { t: 5 }, { ch: { s: 'a', m: 'b' } }, { t: 7, ch: { s: 'x', m: 'y' }, lp: '/' }]))).toEqual([
      { t: 7, ch: { s: 'x', m: 'y' }, lp: '/' },
    ]);
  });

  it('reads an ISO timestamp in the legacy format', () => {
    expect(parseFlow(JSON.stringify([{ timestamp: '2026-01-01T09:00:00.000Z', channel: { source: 'a', medium: 'b' } }]))[0]!.t).toBe(T0);
  });
});

describe('nextFlow', () => {
  const ch = { s: 'direct', m: 'none' };

  it('adds nothing within a session without a campaign signal', () => {
    const flow = [{ t: T0, ch: { s: 'google', m: 'organic' }, lp: '/' }];
    expect(nextFlow(flow, T0 + MINUTE, true, [{ s: 'bing', m: 'organic' }, false], '/x')).toEqual(flow);
  });

  it('cuts the landing path at 100 characters', () => {
    expect(nextFlow([], T0, false, [ch, false], '/' + 'a'.repeat(150))[0]!.lp).toHaveLength(100);
  });
});

describe('fitFlow', () => {
  it('drops entry 1 while over 3,500 URL-encoded characters, keeping the first touch', () => {
    const entry = (i: number): FlowEntry => ({ t: T0 + i, ch: { s: 'source-' + i, m: 'medium', cm: 'é'.repeat(100) }, lp: '/' });
    const flow = fitFlow(Array.from({ length: 10 }, (_, i) => entry(i)));
    expect(encodeURIComponent(JSON.stringify(flow)).length).toBeLessThanOrEqual(3500);
    expect(encodeURIComponent(JSON.stringify([...flow, entry(99)])).length).toBeGreaterThan(3500);
    expect(flow[0]!.t).toBe(T0);
    expect(flow[flow.length - 1]!.t).toBe(T0 + 9);
  });
});
