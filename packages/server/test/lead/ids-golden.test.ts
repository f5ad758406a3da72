import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLeadEvents } from '../../src/events.js';
import { createHandler } from '../../src/intake/handle.js';
import type { LeadTrackrLead } from '../../src/lead/map-lead.js';
import { runInFakePage, shippedScript } from '../support/fake-page.js';
import { createMemoryLogger } from '../support/setup.js';

type Vendor = 'gtm' | 'leadbot' | 'leadbotPR' | 'wp' | 'wp107' | 'sgtm';
interface GoldenCase {
  name: string;
  url: string;
  cookies: Record<string, string>;
  keys: { key: string; vendors: Record<Vendor, string | null>; agreeCurrent: boolean }[];
}

/**
 * `ids-golden.json` lives in the project's shared folder (../shared/compat, README there): beside
 * the clone in CI and for the main checkout, further up for a worktree. Found by walking up from
 * the repository; missing, the test fails rather than pass on nothing.
 */
function findShared(file: string): string {
  for (let dir = fileURLToPath(new URL('../../../../', import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'shared', file);
    if (existsSync(path)) return path;
    if (dirname(dir) == dir) throw new Error(`shared/${file} not found above the repository`);
  }
}

const golden = JSON.parse(readFileSync(findShared('compat/ids-golden.json'), 'utf8')) as { now: number; cases: GoldenCase[] };

/**
 * Where LeadTrackr's current integrations (GTM tag, WordPress plugin, LeadBot) disagree, the one
 * followed. The WordPress plugin 1.1 reads the most ids and formats (server-side GTM's HttpOnly
 * cookies, Google's newer cookie format, `uet_msclkid`, the older `rdt_cid`, OpenAI's, a `_ga`
 * with a fifth part as the GTM tag reads it too). It builds no fbc from fbclid: there the
 * server-side GTM tag, which builds it by Meta's rules (subdomain index of the cookie's domain),
 * except that a `_fbc` whose segment 3 is the fbclid is kept, creation time and all (Meta's
 * parameter builder appends a fifth segment), as the plugin keeps it.
 */
function followed(testCase: GoldenCase, key: string): Vendor {
  if (key == 'fbc' && !testCase.name.startsWith('5-segment')) return 'sgtm';
  return 'wp';
}

/** HttpOnly cookies a server-side GTM sets: the page's JavaScript never sees them, the request to the endpoint carries them. */
const isHttpOnly = (name: string) => /^FP/.test(name);

let script = '';
beforeAll(async () => {
  script = await shippedScript();
}, 60_000);

/**
 * One case as it happens: the shipped script runs its page view on the case's URL and cookies
 * (script mode: it keeps the cookies itself, as LeadTrackr's own tags do),
 * the page sends a lead through `leadbeacon('send')`, and the endpoint's handler gets that exact
 * body with the Cookie header the browser would send to an endpoint on the site's own origin
 * (the cookies after the page view, HttpOnly ones included).
 */
async function leadOf(url: string, cookies: Record<string, string>): Promise<LeadTrackrLead> {
  const origin = new URL(url).origin;
  const visible = Object.fromEntries(Object.entries(cookies).filter(([name]) => !isHttpOnly(name)));
  const page = runInFakePage(script, { url, cookies: visible, nowMs: golden.now, attributes: { 'data-endpoint': `${origin}/leadbeacon`, 'data-cookies': 'script' } });
  page.leadbeacon('send', { email: 'lead@example.com' });
  expect(page.requests).toHaveLength(1);
  const jar = { ...Object.fromEntries(page.jar), ...Object.fromEntries(Object.entries(cookies).filter(([name]) => isHttpOnly(name))) };
  const leads: LeadTrackrLead[] = [];
  const handle = createHandler({
    projectId: 'proj',
    allowedOrigins: [origin],
    accept: async (lead) => (leads.push(lead), { outcome: 'accepted' }),
    events: createLeadEvents(),
    logger: createMemoryLogger(),
  });
  const cookieHeader = Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  const out = await handle({
    method: 'POST',
    headers: { origin, 'content-type': 'text/plain;charset=UTF-8', cookie: cookieHeader },
    body: page.requests[0]!.body,
    ip: '198.51.100.4',
    // The endpoint on the page's own origin: the request's cookies are the page's.
    selfOrigin: origin,
  });
  expect(out.status).toBe(202);
  return leads[0]!;
}

const rows = golden.cases.flatMap((testCase) => testCase.keys.map((entry) => ({ testCase, ...entry })));

describe('ids as LeadTrackr reads them (../shared/compat/ids-golden.json), through the shipped script and the endpoint', () => {
  it.each(rows.filter((row) => row.agreeCurrent).map((row) => [row.testCase.name, row.key, row]))(
    '%s: %s as the GTM tag, the WordPress plugin and LeadBot all send it',
    async (_name, key, { testCase, vendors }) => {
      const lead = await leadOf(testCase.url, testCase.cookies);
      expect(lead.attributionData[key] ?? null).toBe(vendors.gtm);
    },
  );

  it.each(rows.filter((row) => !row.agreeCurrent).map((row) => [row.testCase.name, row.key, followed(row.testCase, row.key), row]))(
    '%s: %s as the %s column sends it, where LeadTrackr\'s integrations disagree',
    async (_name, key, vendor, { testCase, vendors }) => {
      const lead = await leadOf(testCase.url, testCase.cookies);
      expect(lead.attributionData[key] ?? null).toBe(vendors[vendor]);
    },
  );

  it('covers every key of every case, 24 of them where the three agree', () => {
    expect(rows.filter((row) => row.agreeCurrent)).toHaveLength(24);
    expect(rows).toHaveLength(golden.cases.reduce((n, c) => n + c.keys.length, 0));
  });
});

describe('beyond LeadTrackr, through the same path', () => {
  it("keeps Google's gad_source and gad_campaignid, which survive when a browser strips gclid", async () => {
    const lead = await leadOf('https://www.shop.nl/landing?gad_source=1&gad_campaignid=21436587', {});
    expect(lead.attributionData).toMatchObject({ gad_source: '1', gad_campaignid: '21436587' });
    expect(lead.attributionData.gclid).toBeUndefined();
  });

  it('sends them with a lead made pages later, from the script\'s own cookies', async () => {
    const first = runInFakePage(script, { url: 'https://www.shop.nl/landing?gad_source=1&gad_campaignid=21436587', nowMs: golden.now });
    const lead = await leadOf('https://www.shop.nl/contact', Object.fromEntries(first.jar));
    expect(lead.attributionData).toMatchObject({ gad_source: '1', gad_campaignid: '21436587' });
  });
});
