import { expect, test } from './support/fixtures.js';

// An older LeadBot wrote lt_channelflow as raw JSON; a landing path cut at 100 characters can end
// inside an escape. LeadTrackr's tags keep such a flow whole: the script must too, in the browser itself.
test('keeps and extends an older LeadBot raw JSON lt_channelflow whose landing path ends in a broken escape', async ({ page, demo, context }) => {
  const old = '[{"t":1700000000000,"ch":{"s":"google","m":"cpc"},"lp":"/%C3%B1%C3%B1%C3"}]';
  await page.goto(`${demo.url}/index.html`);
  await page.evaluate((value) => (document.cookie = `lt_channelflow=${value}; path=/`), old);
  expect((await context.cookies()).find((cookie) => cookie.name == 'lt_channelflow')?.value, 'Chromium takes raw JSON').toBe(old);

  // The session timeout passing: the next page view starts an entry.
  await context.clearCookies({ name: 'lt_session' });
  await page.goto(`${demo.url}/?utm_source=news&utm_campaign=may`);

  const cookie = (await context.cookies()).find((c) => c.name == 'lt_channelflow')!;
  const flow = JSON.parse(decodeURIComponent(cookie.value));
  expect(flow).toEqual([
    { t: 1700000000000, ch: { s: 'google', m: 'cpc' }, lp: '/%C3%B1%C3%B1%C3' },
    { t: expect.any(Number), ch: { s: 'news', cm: 'may', m: '(not set)' }, lp: '/' },
  ]);
  expect(cookie.value).toBe(encodeURIComponent(JSON.stringify(flow)));
});
