import type { BrowserContext, Page } from '@playwright/test';
import { startDemo, type Demo } from '@leadbeacon/demo';
import { demoOptions, expect, leadsAfter, pagesDir, test } from './support/fixtures.js';
import { startSite, type Site } from './support/site.js';

// www.lb.test, api.lb.test and leads.other.test all resolve to this machine, so the page, an
// endpoint on its own origin, one on a subdomain of its site and one on another site are real
// hosts to Chromium's cookie rules. A launch option: its own worker.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP *.lb.test 127.0.0.1, MAP *.other.test 127.0.0.1'],
  },
});

const DAY_S = 86_400;
const AD_CLICK = '?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0KCQiA-server_GcLiD&fbclid=IwAR_server-FbClid';

/** Records every document.cookie read and write the page's scripts make, from before the first script runs. */
async function watchDocumentCookie(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
    const seen: { reads: number; writes: string[] } = { reads: 0, writes: [] };
    (window as unknown as { cookieUse: typeof seen }).cookieUse = seen;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      get() {
        seen.reads++;
        return native.get!.call(this);
      },
      set(value: string) {
        seen.writes.push(value);
        native.set!.call(this, value);
      },
    });
  });
}

const cookieUse = (page: Page) => page.evaluate(() => (window as unknown as { cookieUse: { reads: number; writes: string[] } }).cookieUse);

/** The Set-Cookie headers of an answer, by cookie name. */
function setCookies(headers: { name: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(headers.filter((h) => h.name.toLowerCase() == 'set-cookie').map((h) => [h.value.split('=')[0]!, h.value]));
}

/**
 * Eight days on, as Safari would leave the cookies: one a script wrote would be gone (capped at 7
 * days); one an HTTP answer set keeps its lifetime. Chromium has no such cap, so the test moves
 * every cookie eight days closer to its end and drops the ones that end sooner.
 */
async function eightDaysLater(context: BrowserContext): Promise<void> {
  const cookies = await context.cookies();
  await context.clearCookies();
  const shift = 8 * DAY_S;
  const now = Date.now() / 1000;
  await context.addCookies(cookies.filter((c) => c.expires == -1 || c.expires - shift > now).map((c) => ({ ...c, expires: c.expires == -1 ? -1 : c.expires - shift })));
}

async function fillAjaxForm(page: Page): Promise<void> {
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31687654321');
}

test.describe('server mode', () => {
  let endpoint: Demo;
  let site: Site | undefined;
  test.afterEach(async () => {
    await endpoint?.close();
    await site?.close();
  });

  for (const where of ['the site’s own origin', 'a subdomain of the site'] as const) {
    test(`with the endpoint on ${where}: the answer sets the cookies with full lifetimes, the script touches none, and the lead outlives script cookies`, async ({ page, context }) => {
      let pageOrigin: string;
      let endpointHost: string;
      if (where == 'the site’s own origin') {
        // No allowedOrigins: the endpoint's own origin is the one it allows by default.
        endpoint = await startDemo(demoOptions({ pagesDir }));
        pageOrigin = `http://www.lb.test:${new URL(endpoint.url).port}`;
        endpointHost = 'www.lb.test';
      } else {
        let endpointUrl = '';
        site = await startSite(() => endpointUrl);
        pageOrigin = `http://www.lb.test:${new URL(site.url).port}`;
        endpoint = await startDemo(demoOptions({ allowedOrigins: [pageOrigin] }));
        endpointUrl = `http://api.lb.test:${new URL(endpoint.url).port}/leadbeacon`;
        endpointHost = 'api.lb.test';
      }
      await watchDocumentCookie(context);

      // Visit 1: an ad click. The page view's answer carries the cookies.
      const answer = page.waitForResponse((r) => r.url().includes('/leadbeacon?pv'));
      await page.goto(`${pageOrigin}/ajax.html${AD_CLICK}`);
      const response = await answer;
      expect(new URL(response.url()).hostname).toBe(endpointHost);
      expect(response.status()).toBe(204);
      const set = setCookies(await response.headersArray());
      expect(Object.keys(set).sort()).toEqual(['lb_fbc', 'lb_gclid', 'lt_channelflow', 'lt_session']);
      expect(set.lt_channelflow).toMatch(new RegExp(`; Max-Age=${395 * DAY_S}; Domain=lb\\.test; Path=/; SameSite=Lax$`));
      expect(set.lt_session).toMatch(/^lt_session=1; Max-Age=1800; Domain=lb\.test; Path=\/; SameSite=Lax$/);
      expect(set.lb_gclid).toMatch(new RegExp(`^lb_gclid=Cj0KCQiA-server_GcLiD; Max-Age=${90 * DAY_S}; Domain=lb\\.test; Path=/; HttpOnly; SameSite=Lax$`));
      expect(set.lb_fbc).toMatch(/^lb_fbc=fb\.1\.\d{13}\.IwAR_server-FbClid; Max-Age=7776000; Domain=lb\.test;/);
      const jar = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
      expect(jar.lt_channelflow!.expires - Date.now() / 1000).toBeGreaterThan(394 * DAY_S);
      expect(jar.lb_gclid!.httpOnly).toBe(true);
      expect(jar.lt_channelflow!.httpOnly).toBe(false);
      expect(await cookieUse(page), 'the page view neither reads nor writes document.cookie').toEqual({ reads: 0, writes: [] });

      // Eight days later a direct return: what a script had written would be gone by now in Safari.
      await eightDaysLater(context);
      expect((await context.cookies()).map((c) => c.name).sort()).toEqual(['lb_fbc', 'lb_gclid', 'lt_channelflow']);
      const second = page.waitForResponse((r) => r.url().includes('/leadbeacon?pv'));
      await page.goto(`${pageOrigin}/ajax.html`);
      await second;
      await fillAjaxForm(page);
      const [lead] = await leadsAfter(endpoint, () => page.getByRole('button', { name: 'Request demo' }).click());

      expect(lead!.attributionData).toMatchObject({ gclid: 'Cj0KCQiA-server_GcLiD', fbc: expect.stringMatching(/^fb\.1\.\d{13}\.IwAR_server-FbClid$/) });
      const flow = lead!.channelFlow as { ch: Record<string, string>; lp: string }[];
      expect(flow.map(({ ch, lp }) => ({ ch, lp }))).toEqual([
        { ch: { s: 'google', m: 'cpc', cm: 'spring' }, lp: '/ajax.html' },
        { ch: { s: 'direct', m: 'none' }, lp: '/ajax.html' },
      ]);
      expect((await cookieUse(page)).writes, 'the script never writes document.cookie').toEqual([]);
    });
  }

  test('with data-consent="required" the endpoint sets only what consent allows, as consent arrives', async ({ page, context }) => {
    endpoint = await startDemo(demoOptions({ pagesDir }));
    const pageOrigin = `http://www.lb.test:${new URL(endpoint.url).port}`;
    await watchDocumentCookie(context);
    const names = async () => (await context.cookies()).map((c) => c.name).sort();
    // The fixture names no icon: the browser's /favicon.ico would be a 404 in the console.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));

    const first = page.waitForResponse((r) => r.url().includes('/leadbeacon?pv'));
    await page.goto(`${pageOrigin}/attribution-api.html?gclid=Cj0KCQiA-consent&utm_source=google&utm_medium=cpc`);
    expect(setCookies(await (await first).headersArray()), 'no consent yet: no cookie').toEqual({});
    expect(await names()).toEqual([]);

    // Analytics consent: the page view is told again, and the channel flow is set; the click id waits for ad_storage.
    const analytics = page.waitForResponse((r) => r.url().includes('/leadbeacon?pv'));
    await page.evaluate(() => (window as any).leadbeacon('consent', { analytics_storage: 'granted', ad_storage: 'denied' }));
    expect(Object.keys(setCookies(await (await analytics).headersArray())).sort()).toEqual(['lt_channelflow', 'lt_session']);

    const ads = page.waitForResponse((r) => r.url().includes('/leadbeacon?pv'));
    await page.evaluate(() => (window as any).leadbeacon('consent', { ad_storage: 'granted' }));
    await ads;
    expect(await names()).toEqual(['lb_gclid', 'lt_channelflow', 'lt_session']);
    const flow = JSON.parse(decodeURIComponent((await context.cookies()).find((c) => c.name == 'lt_channelflow')!.value));
    expect(flow.map((e: { ch: unknown }) => e.ch), 'one entry: the repeated page view is the same session and channel').toEqual([{ s: 'google', m: 'cpc' }]);
    expect((await cookieUse(page)).writes).toEqual([]);
  });

  test.describe('when the endpoint is down at submit', () => {
    test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED/] });

    test('keeps the lead and delivers it once after a later page view is answered, with no marker cookie', async ({ page, context }) => {
      let endpointUrl = '';
      site = await startSite(() => endpointUrl);
      const pageOrigin = `http://www.lb.test:${new URL(site.url).port}`;
      endpoint = await startDemo(demoOptions({ allowedOrigins: [pageOrigin] }));
      const port = Number(new URL(endpoint.url).port);
      endpointUrl = `http://api.lb.test:${port}/leadbeacon`;
      await watchDocumentCookie(context);
      await endpoint.close();

      await page.goto(`${pageOrigin}/ajax.html`);
      await fillAjaxForm(page);
      await page.getByRole('button', { name: 'Request demo' }).click();
      await expect.poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('leadbeacon_queue') ?? '[]').length)).toBe(1);

      endpoint = await startDemo(demoOptions({ allowedOrigins: [pageOrigin], port }));
      const [lead] = await leadsAfter(endpoint, () => page.goto(`${pageOrigin}/next.html`));
      expect(lead!.userData).toMatchObject({ email: 'jane@example.com' });
      await expect.poll(() => page.evaluate(() => localStorage.getItem('leadbeacon_queue'))).toBe('[]');
      expect((await cookieUse(page)).writes).toEqual([]);
    });
  });

  test('with the endpoint on another site, the script keeps the cookies itself and the lead still has them', async ({ page, context }) => {
    let endpointUrl = '';
    site = await startSite(() => endpointUrl);
    const pageOrigin = `http://www.lb.test:${new URL(site.url).port}`;
    endpoint = await startDemo(demoOptions({ allowedOrigins: [pageOrigin] }));
    endpointUrl = `http://leads.other.test:${new URL(endpoint.url).port}/leadbeacon`;
    await watchDocumentCookie(context);
    const pageViews: string[] = [];
    page.on('request', (r) => void (r.url().includes('?pv') && pageViews.push(r.url())));

    await page.goto(`${pageOrigin}/ajax.html${AD_CLICK}`);
    const writes = (await cookieUse(page)).writes.map((w) => w.split('=')[0]);
    expect(writes).toEqual(expect.arrayContaining(['lt_channelflow', 'lt_session', 'lb_gclid', 'lb_fbc']));
    const jar = Object.fromEntries((await context.cookies()).map((c) => [c.name, c]));
    expect(jar.lt_channelflow!.domain).toBe('.lb.test');
    await fillAjaxForm(page);
    const [lead] = await leadsAfter(endpoint, () => page.getByRole('button', { name: 'Request demo' }).click());
    expect(lead!.attributionData).toMatchObject({ gclid: 'Cj0KCQiA-server_GcLiD', fbc: expect.stringMatching(/IwAR_server-FbClid$/) });
    expect((lead!.channelFlow as { ch: unknown }[]).map((e) => e.ch)).toEqual([{ s: 'google', m: 'cpc', cm: 'spring' }]);
    expect(pageViews, 'no page-view request to another site').toEqual([]);
  });
});

