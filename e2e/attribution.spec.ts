import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { useCookieMode } from './support/cookie-mode.js';
import { expect, leadsAfter, test } from './support/fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The session timeout passing: LeadTrackr's `lt_session` cookie is gone. */
async function expireSession(context: BrowserContext) {
  await context.clearCookies({ name: 'lt_session' });
}

async function cookieMap(context: BrowserContext) {
  return Object.fromEntries((await context.cookies()).map((cookie) => [cookie.name, cookie]));
}

for (const mode of ['script', 'server'] as const) {
test(`an ad click, a direct return and an organic visit end in a lead with the full flow and every id (${mode} mode)`, async ({ page, demo, context }) => {
  const url = demo.url;
  await useCookieMode(page, mode);
  await context.addCookies([
    { name: '_ga', value: 'GA1.1.1234567890.1712345678', url },
    { name: '_ga_E2ETEST01', value: 'GS2.1.s1712345678$o3$g1$t1712345999$j60$l0$h0', url },
    { name: '_fbp', value: 'fb.1.1712345678000.1234567890', url },
    { name: 'cmplz_marketing', value: 'deny', url },
    { name: 'cmplz_statistics', value: 'allow', url },
  ]);
  const start = Date.now();

  // Visit 1: an ad click. The Google and Meta tags are not on this site: the script keeps the ids itself.
  await page.goto(`${url}/?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0KCQiA-e2e_GcLiD&fbclid=IwAR_e2e-FbClid`);
  // Server mode: the cookies come with the page-view request's answer, after the load.
  await expect.poll(async () => (await cookieMap(context)).lb_fbc).toBeTruthy();
  const afterAdClick = await cookieMap(context);
  expect(afterAdClick.lb_gclid?.value).toBe('Cj0KCQiA-e2e_GcLiD');
  expect(afterAdClick.lb_gclid!.expires * 1000 - Date.now()).toBeGreaterThan(89 * DAY_MS);
  expect(afterAdClick.lt_session!.expires * 1000 - Date.now()).toBeLessThan(31 * 60 * 1000);
  expect(afterAdClick.lt_channelflow!.expires * 1000 - Date.now()).toBeGreaterThan(394 * DAY_MS);
  expect(afterAdClick.lt_channelflow!.sameSite).toBe('Lax');
  expect(afterAdClick.lb_probe, 'the domain probe cleans up').toBeUndefined();

  // Visit 2: a direct return after the session expired.
  await expireSession(context);
  await page.goto(`${url}/index.html`);
  await expect.poll(async () => (await cookieMap(context)).lt_session).toBeTruthy();

  // Visit 3: organic, from Google UK, after another session expired.
  await expireSession(context);
  await page.goto(`${url}/`, { referer: 'https://www.google.co.uk/' });
  await expect.poll(async () => (await cookieMap(context)).lt_session).toBeTruthy();
  expect(await page.evaluate(() => document.referrer)).toBe('https://www.google.co.uk/');

  await page.getByLabel('First name').fill('Jane');
  await page.getByLabel('Last name').fill('Smith');
  await page.getByLabel('Email').fill('jane@example.com');
  const [lead] = await leadsAfter(demo, async () => {
    await page.getByRole('button', { name: 'Get my free assessment' }).click();
    await page.waitForURL('**/thank-you');
  });

  const flow = lead!.channelFlow as { t: number; ch: Record<string, string>; lp: string }[];
  expect(flow.map(({ ch, lp }) => ({ ch, lp }))).toEqual([
    { ch: { s: 'google', m: 'cpc', cm: 'spring' }, lp: '/' },
    { ch: { s: 'direct', m: 'none' }, lp: '/index.html' },
    { ch: { s: 'google', m: 'organic' }, lp: '/' },
  ]);
  expect(flow[0]!.t).toBeGreaterThanOrEqual(start);
  expect(flow[1]!.t).toBeGreaterThan(flow[0]!.t);
  expect(flow[2]!.t).toBeGreaterThan(flow[1]!.t);

  const fbc = lead!.attributionData.fbc as string;
  expect(fbc).toMatch(/^fb\.1\.\d{13}\.IwAR_e2e-FbClid$/);
  expect(Number(fbc.split('.')[2])).toBeGreaterThanOrEqual(start);
  const { port } = new URL(url);
  expect(lead!.attributionData).toEqual({
    gclid: 'Cj0KCQiA-e2e_GcLiD',
    fbc,
    cid: '1234567890.1712345678',
    fbp: 'fb.1.1712345678000.1234567890',
    conversionPage: `127.0.0.1:${port}/`,
    consent: { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'granted' },
  });
});
}

test('with data-consent="required" no cookie is written before consent, and the API queues, sends and gates', async ({ page, demo, context }) => {
  // Script mode's consent gate: cookies held in memory, written by the script once allowed.
  const fixture = readFileSync(new URL('./fixtures/attribution-api.html', import.meta.url), 'utf8').replace('data-endpoint=', 'data-cookies="script" data-endpoint=');
  await page.route(`${demo.url}/api-fixture*`, (route) => route.fulfill({ contentType: 'text/html', body: fixture }));

  await page.goto(`${demo.url}/api-fixture?gclid=Cj0KCQiA-before_consent&utm_source=google&utm_medium=cpc`);
  await page.waitForFunction(() => typeof (window as { queuedAttribution?: unknown }).queuedAttribution == 'object');
  expect(Object.keys(await cookieMap(context)), 'no cookie before consent').toEqual([]);

  // The queued getAttribution ran after the queued setUniqueIdentifier, from memory alone.
  const queued = await page.evaluate(() => (window as { queuedAttribution?: any }).queuedAttribution);
  expect(queued.uniqueIdentifier).toBe('crm-42');
  expect(queued.attributionData.gclid).toBe('Cj0KCQiA-before_consent');

  const [before] = await leadsAfter(demo, () =>
    page.evaluate(() => (window as any).leadbeacon('send', { email: 'chat@example.com', budget: 5000, topics: ['solar', 'battery'] })),
  );
  expect(before!.attributionData).toMatchObject({ gclid: 'Cj0KCQiA-before_consent' });
  expect(before!.attributionData.consent).toBeUndefined();
  expect(before!.channelFlow).toEqual([{ t: expect.any(Number), ch: { s: 'google', m: 'cpc' }, lp: '/api-fixture' }]);
  expect(before!.uniqueIdentifier).toBe('crm-42');
  expect(before!.userData).toEqual({ email: 'chat@example.com' });
  expect(before!.formData).toMatchObject({ budget: '5000', topics: ['solar', 'battery'] });
  expect(Object.keys(await cookieMap(context)), 'sending writes no cookie either').toEqual([]);

  // Analytics consent releases the channel-flow cookies; the click id waits for ad_storage.
  await page.evaluate(() => (window as any).leadbeacon('consent', { analytics_storage: 'granted', ad_storage: 'denied' }));
  let cookies = await cookieMap(context);
  expect(Object.keys(cookies).sort()).toEqual(['lt_channelflow', 'lt_session']);
  expect(JSON.parse(decodeURIComponent(cookies.lt_channelflow!.value))).toEqual(before!.channelFlow);

  await page.evaluate(() => (window as any).leadbeacon('consent', { ad_storage: 'granted' }));
  cookies = await cookieMap(context);
  expect(cookies.lb_gclid?.value).toBe('Cj0KCQiA-before_consent');

  const [after] = await leadsAfter(demo, () => page.evaluate(() => (window as any).leadbeacon('send', { email: 'chat@example.com' })));
  expect(after!.attributionData.consent).toEqual({ analytics_storage: 'granted', ad_storage: 'granted' });
});

test("a server-side GTM's HttpOnly cookies reach the endpoint on the site's own origin and name the lead's ids", async ({ page, demo, context }) => {
  const url = demo.url;
  await context.addCookies([
    { name: 'FPGCLAW', value: '2.1.kCj0KCQiA-server_side$i1712345678', url, httpOnly: true },
    { name: 'FPID', value: 'FPID2.2.AbCdEf%3D.1712345678', url, httpOnly: true },
  ]);
  await page.goto(`${url}/ajax.html?gad_source=1&gad_campaignid=21436587`);
  expect(await page.evaluate(() => document.cookie), 'the script cannot see them').not.toContain('FP');
  await page.getByLabel('Full name').fill('Jane Smith');
  await page.getByLabel('Work email').fill('jane@example.com');
  await page.getByLabel('Phone').fill('+31612345678');
  const [lead] = await leadsAfter(demo, () => page.getByRole('button', { name: 'Request demo' }).click());
  expect(lead!.attributionData).toMatchObject({ gclid: 'Cj0KCQiA-server_side', cid: 'AbCdEf=.1712345678', gad_source: '1', gad_campaignid: '21436587' });
});
