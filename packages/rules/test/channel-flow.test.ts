import { describe, expect, it } from 'vitest';
import type { FlowEntry } from '../src/flow-entry.js';
import { nextCookies, parseFlow } from '../src/channel-flow.js';
import { decodeCookie } from '../src/cookie-value.js';
import { idCookies } from '../src/click-ids.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.UTC(2026, 0, 1, 9);

/**
 * A browser as LeadTrackr's reference scenarios describe it: `lt_channelflow` stored URL-encoded,
 * `lt_session` gone 30 minutes after the last page view. Each visit runs nextCookies.
 */
function createBrowser(cookie?: string) {
  let stored = cookie;
  let sessionUntil = -Infinity;
  return {
    visit(now: number, url: string, referrer = '') {
      const flowCookie = stored === undefined ? undefined : decodeCookie(stored);
      const next = nextCookies({ flowCookie, sessionCookie: now < sessionUntil ? '1' : undefined, url, referrer, nowMs: now });
      stored = encodeURIComponent(next.flowCookie);
      sessionUntil = now + 30 * MINUTE;
      return next.flow;
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
      { t: T0, ch: { s: 'google', m: 'cpc', cm: 'spring', ct: 'ad-1', tm: 'solar panels' } },
      { t: T0 + DAY, ch: { s: 'direct', m: 'none' } },
    ]);
    expect(decodeURIComponent(browser.cookie)).toContain('"ch":{"s":"google","m":"cpc","cm":"spring","ct":"ad-1","tm":"solar panels"}');
    expect(decodeURIComponent(browser.cookie)).not.toContain('timestamp');
  });
});

/** A decoded lt_channelflow. */
const cookieOf = (flow: unknown) => JSON.stringify(flow);
/** One page view at T0; `sessionCookie` null: no lt_session. */
const view = (flowCookie: string | undefined, url = 'https://www.shop.nl/', sessionCookie: string | null = '1') =>
  nextCookies({ flowCookie, sessionCookie: sessionCookie ?? undefined, url, referrer: '', nowMs: T0 });

describe('parseFlow: entries read from the cookie pass through untouched', () => {
  it('adds no lp to an entry that has none', () => {
    expect(parseFlow(JSON.stringify([{ t: 5, ch: { s: 'a', m: 'b' } }]))).toEqual([{ t: 5, ch: { s: 'a', m: 'b' } }]);
  });

  it('adds no (not set) to an entry without source or medium', () => {
    expect(parseFlow(JSON.stringify([{ t: 5, ch: { cm: 'spring' } }]))[0]!.ch).toEqual({ cm: 'spring' });
  });

  it('coerces no value and keeps unknown keys', () => {
    const entry = { t: 5, ch: { s: 123, m: null, cm: '', x: [1] }, lp: 7, extra: { a: 1 } };
    expect(parseFlow(JSON.stringify([entry]))).toEqual([entry]);
  });

  it('does not cut an existing lp again', () => {
    const lp = '/' + 'a'.repeat(150);
    expect(parseFlow(JSON.stringify([{ t: 5, ch: { s: 'a', m: 'b' }, lp }]))[0]!.lp).toBe(lp);
  });

  it('keeps t as written, and drops an entry whose t is 0 as the GTM tag does (no year-2000 date; ARCHITECTURE.md)', () => {
    expect(parseFlow(JSON.stringify([{ t: '2026-01-01', ch: { s: 'a', m: 'b' } }, { t: 0, ch: { s: 'c', m: 'd' } }]))).toEqual([
      { t: '2026-01-01', ch: { s: 'a', m: 'b' } },
    ]);
  });

  it('writes an unchanged flow back byte for byte, key order included', () => {
    const text = '[{"ch":{"m":"b","s":"a","zz":1},"t":5,"q":null},{"t":6,"ch":{"s":"c","m":"d"},"lp":""}]';
    expect(view(text).flowCookie).toBe(text);
  });

  it('converts the legacy long form as LeadTrackr does: filled fields only, timestamp as it is, no lp', () => {
    const legacy = [
      { timestamp: T0, channel: { source: '', medium: '', campaign: 'only-campaign', content: '', term: '' } },
      { timestamp: '2026-01-01T09:00:00.000Z', channel: { source: 'a', medium: 'b', extra: 'x' }, lp: '/kept?' },
    ];
    expect(parseFlow(JSON.stringify(legacy))).toEqual([
      { t: T0, ch: { cm: 'only-campaign' } },
      { t: '2026-01-01T09:00:00.000Z', ch: { s: 'a', m: 'b' } },
    ]);
  });

  it('drops entries that are neither format, and reads no JSON that is not an array as a flow', () => {
    expect(parseFlow(JSON.stringify([null, 1, 'x', { t: 5 }, { ch: { s: 'a' } }, { t: 7, ch: { s: 'x', m: 'y' } }]))).toEqual([{ t: 7, ch: { s: 'x', m: 'y' } }]);
    expect(parseFlow('[{"t":1,')).toEqual([]);
    expect(parseFlow('{"t":1}')).toEqual([]);
    expect(parseFlow(undefined)).toEqual([]);
  });
});

describe('decodeCookie', () => {
  it('reads raw, unencoded JSON (older LeadBot) as it is', () => {
    const text = '[{"t":5,"ch":{"s":"a","m":"b"},"lp":"/"}]';
    expect(parseFlow(decodeCookie(text))).toEqual([{ t: 5, ch: { s: 'a', m: 'b' }, lp: '/' }]);
  });

  it('keeps a raw JSON cookie with a broken escape whole: no escape in it decoded, the cookie not lost', () => {
    const lp = '/%C3%B1%C3%B1%C3';
    expect(parseFlow(decodeCookie(`[{"t":5,"ch":{"s":"a","m":"b"},"lp":"${lp}"}]`))[0]!.lp).toBe(lp);
  });

  it('decodes a raw JSON cookie whose escapes all decode, as the GTM tag does', () => {
    // The WordPress plugin and LeadBot would keep '/caf%C3%A9': the integrations disagree, the GTM tag is followed (ARCHITECTURE.md).
    expect(decodeCookie('[{"lp":"/caf%C3%A9"}]')).toBe('[{"lp":"/café"}]');
  });

  it('reads an encoded cookie with a broken escape as no flow', () => {
    expect(parseFlow(decodeCookie('%5B%7B%22t%22%3A5%E0'))).toEqual([]);
  });
});

describe('nextCookies', () => {
  it('treats an lt_session with an empty value as a running session', () => {
    const flowCookie = cookieOf([{ t: 5, ch: { s: 'a', m: 'b' } }]);
    expect(view(flowCookie, 'https://www.shop.nl/', '').flowCookie).toBe(flowCookie);
    expect(view(flowCookie, 'https://www.shop.nl/', null).flow).toHaveLength(2);
  });

  it('sets lt_session to 1 on every page view', () => {
    expect(view(undefined).sessionCookie).toBe('1');
  });

  it('writes a new entry as {t, ch, lp}, the landing path cut at 100 characters', () => {
    const { flowCookie } = view(undefined, 'https://www.shop.nl/' + 'a'.repeat(150) + '?utm_campaign=x');
    expect(flowCookie).toBe(`[{"t":${T0},"ch":{"cm":"x","s":"(not set)","m":"(not set)"},"lp":"/${'a'.repeat(99)}"}]`);
  });

  it('keeps a long channel value whole (no 200-character cut)', () => {
    const campaign = 'c'.repeat(300);
    expect(view(undefined, `https://www.shop.nl/?utm_source=a&utm_campaign=${campaign}`).flow[0]!.ch).toEqual({ s: 'a', m: '(not set)', cm: campaign });
  });

  it('compares channels by their five fields, as strings or empty', () => {
    const flowCookie = cookieOf([{ t: 5, ch: { s: 'news', m: 'email', cm: '', x: 1 } }]);
    expect(view(flowCookie, 'https://www.shop.nl/?utm_source=news&utm_medium=email').flow).toHaveLength(1);
    expect(view(cookieOf([{ t: 5, ch: { s: 123, m: 'email' } }]), 'https://www.shop.nl/?utm_source=123&utm_medium=email').flow).toHaveLength(2);
  });

  it('applies no limit when no entry is added: a longer flow from the cookie is written back whole', () => {
    const flowCookie = cookieOf(Array.from({ length: 30 }, (_, i) => ({ t: i + 1, ch: { s: 'direct', m: 'none' } })));
    expect(view(flowCookie).flowCookie).toBe(flowCookie);
  });

  it('applies the limits when an entry is added: 25 entries, entry 1 dropped', () => {
    const flow = Array.from({ length: 30 }, (_, i) => ({ t: i + 1, ch: { s: 'direct', m: 'none' } }));
    const next = view(cookieOf(flow), 'https://www.shop.nl/', null).flow;
    expect(next).toHaveLength(25);
    expect(next.map((entry) => entry.t).slice(0, 3)).toEqual([1, 8, 9]);
  });

  it('measures the 3,500 characters on the cookie as written (URL-encoded)', () => {
    // 'é' is 6 characters encoded: 10 entries of 100 are ~6,500 characters written, ~2,000 as JSON.
    const flow = Array.from({ length: 10 }, (_, i) => ({ t: i + 1, ch: { s: 'a', m: 'b', cm: 'é'.repeat(100) } }));
    const { flowCookie, flow: next } = view(cookieOf(flow), 'https://www.shop.nl/', null);
    expect(encodeURIComponent(flowCookie!).length).toBeLessThanOrEqual(3500);
    expect(encodeURIComponent(cookieOf([...next.slice(0, -1), flow[next.length - 1], next.at(-1)])).length).toBeGreaterThan(3500);
    expect(next[0]!.t).toBe(1);
    expect(next.at(-1)!.t).toBe(T0);
  });

  it('cuts no value to fit a cookie: an entry alone over 4 KB is for the browser to refuse, keeping the old cookie', () => {
    const source = 's'.repeat(5000);
    expect(view(undefined, `https://www.shop.nl/?utm_source=${source}`).flow[0]!.ch).toEqual({ s: source, m: '(not set)' });
  });

  it('reads only the configured campaign parameters (utmParams)', () => {
    const utmParams = ['src', '', 'camp'];
    const next = (url: string) => nextCookies({ flowCookie: undefined, sessionCookie: undefined, url, referrer: '', nowMs: T0, utmParams }).flow[0]!.ch;
    expect(next('https://www.shop.nl/?src=news&utm_medium=email&camp=may')).toEqual({ s: 'news', m: 'email', cm: 'may' });
    expect(next('https://www.shop.nl/?utm_source=news&utm_campaign=may')).toEqual({ s: 'direct', m: 'none' });
  });
});

describe('a page view within a session', () => {
  it('adds nothing without a campaign signal', () => {
    const flowCookie = cookieOf([{ t: 5, ch: { s: 'google', m: 'organic' }, lp: '/' }]);
    expect(nextCookies({ flowCookie, sessionCookie: '1', url: 'https://www.shop.nl/x', referrer: 'https://www.bing.com/', nowMs: T0 }).flowCookie).toBe(flowCookie);
  });
});
