import { describe, expect, it } from 'vitest';
import { createLeadEvents } from '../../src/events.js';
import { createHandler, isPageView, type HandleInput, type HandlerDeps } from '../../src/intake/handle.js';
import { createMemoryStore } from '../../src/intake/rate-limit.js';
import { createRateLimiter } from '../../src/intake/rate-limit.js';
import type { LeadTrackrLead } from '../../src/lead/map-lead.js';
import { createMemoryLogger, validFieldsBeacon } from '../support/setup.js';

const PAGE = 'https://www.lb.test';
const ENDPOINT = 'https://api.lb.test';
const NOW = Date.UTC(2026, 10, 30, 12);

function setup(extra: Partial<HandlerDeps> = {}) {
  const stored: LeadTrackrLead[] = [];
  const handle = createHandler({
    projectId: 'proj',
    allowedOrigins: [PAGE],
    accept: async (lead) => {
      stored.push(lead);
      return { outcome: 'accepted' };
    },
    events: createLeadEvents(),
    logger: createMemoryLogger(),
    pageView: { cookieDomain: undefined, now: () => NOW },
    ...extra,
  });
  return { handle, stored };
}

const view = (body: object, overrides: Partial<HandleInput> = {}): HandleInput => ({
  method: 'POST',
  headers: { origin: PAGE, 'content-type': 'text/plain;charset=UTF-8' },
  body: JSON.stringify(body),
  ip: '198.51.100.4',
  selfOrigin: ENDPOINT,
  pageView: true,
  ...overrides,
});

interface SetCookie {
  value: string;
  maxAge?: number;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
}

/** A Set-Cookie value read back as a browser reads it (RFC 6265 §5.2): the value URL-decoded, attribute names case-insensitive. */
function parseSetCookie(header: string): [string, SetCookie] {
  const [pair, ...attributes] = header.split(/; */);
  const at = pair!.indexOf('=');
  const cookie: SetCookie = { value: decodeURIComponent(pair!.slice(at + 1)) };
  for (const attribute of attributes) {
    const [key, value = ''] = attribute.split('=');
    const name = key!.toLowerCase();
    if (name == 'max-age') cookie.maxAge = Number(value);
    else if (name == 'domain') cookie.domain = value;
    else if (name == 'path') cookie.path = value;
    else if (name == 'secure') cookie.secure = true;
    else if (name == 'httponly') cookie.httpOnly = true;
    else if (name == 'samesite') cookie.sameSite = value.toLowerCase();
  }
  return [pair!.slice(0, at), cookie];
}

/** The Set-Cookie values by name, parsed back. */
const byName = (cookies: string[] = []) => Object.fromEntries(cookies.map(parseSetCookie));

describe('page view (server mode)', () => {
  it('answers 204 with lt_channelflow, lt_session and the click-id copies for an ad click, on the shared domain', async () => {
    const { handle, stored } = setup();
    const out = await handle(view({ u: `${PAGE}/landing?gclid=Cj0-test&fbclid=IwAR-test`, r: 'https://www.google.com/' }));
    expect(out.status).toBe(204);
    expect(out.headers).toMatchObject({ 'access-control-allow-origin': PAGE, 'access-control-allow-credentials': 'true', 'cache-control': 'no-store' });
    const set = byName(out.cookies);
    expect(Object.keys(set)).toEqual(['lt_channelflow', 'lt_session', 'lb_gclid', 'lb_fbc']);
    expect(JSON.parse(set.lt_channelflow!.value)).toEqual([{ t: NOW, ch: { s: 'google', m: 'cpc' }, lp: '/landing' }]);
    expect(set.lt_channelflow).toMatchObject({ maxAge: 395 * 86_400, domain: 'lb.test', path: '/', secure: true, sameSite: 'lax' });
    expect(set.lt_channelflow!.httpOnly).toBeFalsy();
    expect(set.lt_session).toMatchObject({ value: '1', maxAge: 1_800, domain: 'lb.test' });
    expect(set.lb_gclid).toMatchObject({ value: 'Cj0-test', maxAge: 90 * 86_400, httpOnly: true });
    expect(set.lb_fbc!.value).toBe(`fb.1.${NOW}.IwAR-test`);
    expect(stored).toEqual([]);
  });

  it('continues the flow the request cookies hold, with the page’s session and click-id lifetimes', async () => {
    const { handle } = setup();
    const flow = [{ t: 1, ch: { s: 'google', m: 'cpc' }, lp: '/' }];
    const cookie = `lt_channelflow=${encodeURIComponent(JSON.stringify(flow))}; lt_session=1; lb_gclid=Cj0-test`;
    const out = await handle(view({ u: `${PAGE}/pricing?gclid=Cj0-test`, r: `${PAGE}/`, s: 45, k: 30 }, { headers: { origin: PAGE, cookie } }));
    const set = byName(out.cookies);
    expect(JSON.parse(set.lt_channelflow!.value)).toEqual(flow);
    expect(set.lt_session!.maxAge).toBe(45 * 60);
    // The same click id is kept as it is: no rewrite.
    expect(set.lb_gclid).toBeUndefined();
  });

  it('sets only what consent allows under data-consent="required": the page’s state, then the CMP cookie', async () => {
    const { handle } = setup();
    const u = `${PAGE}/?gclid=Cj0-test`;
    const analyticsOnly = await handle(view({ u, q: true, c: { analytics_storage: 'granted' } }));
    expect(Object.keys(byName(analyticsOnly.cookies))).toEqual(['lt_channelflow', 'lt_session']);
    const none = await handle(view({ u, q: true }));
    expect(none.cookies).toEqual([]);
    const cookiebot = encodeURIComponent("{stamp:'x',necessary:true,statistics:false,marketing:true}");
    const fromCmp = await handle(view({ u, q: true }, { headers: { origin: PAGE, cookie: `CookieConsent=${cookiebot}` } }));
    expect(Object.keys(byName(fromCmp.cookies))).toEqual(['lb_gclid']);
  });

  it('sets host-only cookies, without Secure, for a page and an endpoint on one http host', async () => {
    const { handle } = setup({ allowedOrigins: ['http://127.0.0.1:8080'] });
    const out = await handle(view({ u: 'http://127.0.0.1:8080/' }, { headers: { origin: 'http://127.0.0.1:8080' }, selfOrigin: 'http://127.0.0.1:8080' }));
    const set = byName(out.cookies);
    expect(set.lt_session!.domain).toBeUndefined();
    expect(set.lt_session!.secure).toBeFalsy();
  });

  it('refuses with 403 and sets no cookie when the endpoint is on another site', async () => {
    const { handle } = setup();
    const out = await handle(view({ u: `${PAGE}/?gclid=x` }, { selfOrigin: 'https://leads.other.test' }));
    expect(out.status).toBe(403);
    expect(JSON.parse(out.body).error).toBe('not_same_site');
    expect(out.cookies).toBeUndefined();
  });

  it('refuses with 403 a page view from an origin not allowed', async () => {
    const { handle } = setup();
    const out = await handle(view({ u: 'https://evil.lb.test/' }, { headers: { origin: 'https://evil.lb.test' } }));
    expect(out.status).toBe(403);
    expect(out.cookies).toBeUndefined();
  });

  it('answers 400 for a page URL of another origin than the sender', async () => {
    const { handle } = setup();
    const out = await handle(view({ u: 'https://shop.lb.test/' }));
    expect(out.status).toBe(400);
    expect(JSON.parse(out.body).error).toBe('invalid_page_view');
  });

  it('answers 204 to the body the script sends when consent is not required', async () => {
    const { handle } = setup();
    const out = await handle(view({ u: `${PAGE}/`, r: '', q: false, c: {}, l: {}, s: 30, k: 90 }));
    expect(out.status).toBe(204);
    expect(out.cookies).toHaveLength(2);
  });

  it('answers 400 with the issues for a body that is not a page view', async () => {
    const { handle } = setup();
    const out = await handle(view({ u: `${PAGE}/`, s: -1 }));
    expect(out.status).toBe(400);
    expect(JSON.parse(out.body).issues[0].path).toBe('s');
  });

  it('counts page views apart from leads: over their limit they get 429, a lead still goes through', async () => {
    const rateLimiter = createRateLimiter({ limit: 1, pageViewLimit: 2, windowMs: 60_000, store: createMemoryStore() }, createMemoryLogger(), true);
    const { handle, stored } = setup({ rateLimiter, bots: { honeypot: true, minPageMs: 0 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await handle(view({ u: `${PAGE}/` }))).status);
    expect(statuses).toEqual([204, 204, 429]);
    const lead = await handle(view(validFieldsBeacon, { pageView: false }));
    expect(lead.status).toBe(202);
    expect(stored).toHaveLength(1);
    await rateLimiter.close();
  });
});

describe('lead with the request cookies', () => {
  it('takes the id cookies from the Cookie header, HttpOnly ones included, under what the page read', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    const beacon = { ...validFieldsBeacon, attributionData: {}, cookies: { _fbp: 'fb.1.1.page' } };
    const cookie = 'lb_gclid=Cj0-server; lb_fbc=fb.1.2.IwAR; _fbp=fb.1.1.header; secret_session=abc';
    await handle(view(beacon, { pageView: false, headers: { origin: PAGE, 'content-type': 'text/plain', cookie } }));
    expect(stored[0]!.attributionData).toMatchObject({ gclid: 'Cj0-server', fbc: 'fb.1.2.IwAR', fbp: 'fb.1.1.page' });
  });

  it('takes the channel flow from lt_channelflow when the page sent none (server mode)', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    const flow = [{ t: 1, ch: { s: 'google', m: 'cpc' }, lp: '/' }, { t: 2, ch: { s: 'direct', m: 'none' }, lp: '/contact' }];
    const cookie = `lt_channelflow=${encodeURIComponent(JSON.stringify(flow))}`;
    await handle(view({ ...validFieldsBeacon, channelFlow: [] }, { pageView: false, headers: { origin: PAGE, 'content-type': 'text/plain', cookie } }));
    expect(stored[0]!.channelFlow).toBe(JSON.stringify(flow));
  });

  it('reads the click ids of the page’s URL by the script’s rules, keeping the fbc cookie of the same fbclid (server mode)', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    const headers = { origin: PAGE, 'content-type': 'text/plain', cookie: 'lb_fbc=fb.1.1000.IwAR-same' };
    const beacon = { ...validFieldsBeacon, attributionData: {}, url: `${PAGE}/landing?gclid=Cj0-url&fbclid=IwAR-same` };
    await handle(view(beacon, { pageView: false, headers }));
    expect(stored[0]!.attributionData).toMatchObject({ gclid: 'Cj0-url', fbc: 'fb.1.1000.IwAR-same' });
    await handle(view({ ...beacon, uniqueEventId: 'evt-other-12345678', url: `${PAGE}/?fbclid=IwAR-new` }, { pageView: false, headers }));
    expect(stored[1]!.attributionData.fbc).toBe(`fb.1.${NOW}.IwAR-new`);
  });

  it('fills the consent signals the page did not send from the CMP’s cookie', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    const cookiebot = encodeURIComponent("{stamp:'x',necessary:true,statistics:true,marketing:false}");
    const beacon = { ...validFieldsBeacon, attributionData: { consent: { ad_storage: 'granted' } } };
    await handle(view(beacon, { pageView: false, headers: { origin: PAGE, 'content-type': 'text/plain', cookie: `CookieConsent=${cookiebot}` } }));
    expect(stored[0]!.attributionData.consent).toEqual({ ad_storage: 'granted', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' });
  });

  it('ignores a page URL of another origin than the sender', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    await handle(view({ ...validFieldsBeacon, attributionData: {}, url: 'https://shop.lb.test/?gclid=x' }, { pageView: false }));
    expect(stored[0]!.attributionData.gclid).toBeUndefined();
  });

  it('ignores the Cookie header of a request from another site', async () => {
    const { handle, stored } = setup({ bots: { honeypot: true, minPageMs: 0 } });
    const beacon = { ...validFieldsBeacon, attributionData: {} };
    await handle(view(beacon, { pageView: false, selfOrigin: 'https://leads.other.test', headers: { origin: PAGE, 'content-type': 'text/plain', cookie: 'lb_gclid=Cj0-x' } }));
    expect(stored[0]!.attributionData.gclid).toBeUndefined();
  });
});

describe('isPageView', () => {
  it('is true for a target whose query has pv', () => {
    expect(isPageView('/leadbeacon?pv')).toBe(true);
    expect(isPageView('https://api.lb.test/leadbeacon?x=1&pv=1')).toBe(true);
    expect(isPageView('/leadbeacon')).toBe(false);
    expect(isPageView('/leadbeacon?pvx=1')).toBe(false);
  });
});
