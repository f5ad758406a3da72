import { useCookieMode } from './support/cookie-mode.js';
import { expect, test } from './support/fixtures.js';

// www.shop.test and app.shop.test resolve to the demo, so the script meets a host whose cookie
// domain must be probed (127.0.0.1 takes host-only cookies). A launch option: its own worker. Pages
// served through a route count as public to Chromium, which then refuses their loopback subresources:
// the local-network checks are off here.
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP *.shop.test 127.0.0.1', '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests'],
  },
});

test('probes the highest cookie domain, remembers it in lb_domain, writes every cookie there and builds fbc with its index', async ({ page, demo, context }) => {
  const site = `http://www.shop.test:${new URL(demo.url).port}`;
  // The probe is script mode's: the endpoint on the page's origin would otherwise keep the cookies.
  await useCookieMode(page, 'script');
  await page.goto(`${site}/?fbclid=IwAR_probe-Test`);
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name == 'lb_probe'), 'the probe cleans up').toBeUndefined();
  expect(Object.fromEntries(cookies.map((cookie) => [cookie.name, cookie.domain]))).toEqual({
    lb_domain: '.shop.test',
    lt_channelflow: '.shop.test',
    lt_session: '.shop.test',
    lb_fbc: '.shop.test',
  });
  expect(cookies.find((cookie) => cookie.name == 'lb_domain')!.value).toBe('shop.test');

  // Another subdomain of the site shares the flow, and its internal referrer starts no new channel.
  await page.goto(`http://app.shop.test:${new URL(demo.url).port}/`, { referer: `${site}/` });
  const flow = await page.evaluate(() => (window as any).leadbeacon('getAttribution').channelFlow);
  expect(flow).toHaveLength(1);

  // Without fbclid in this URL, the script's own copy goes to the endpoint in the raw id cookies.
  const fbc = await page.evaluate(() => (window as any).leadbeacon('getAttribution').cookies.lb_fbc);
  expect(fbc).toMatch(/^fb\.1\.\d{13}\.IwAR_probe-Test$/);
});
