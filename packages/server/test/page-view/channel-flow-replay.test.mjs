// Server mode replayed on LeadTrackr's own integrations' behaviour (the rules package's
// test/support/golden.mjs, over ../shared/compat/channelflow-golden.json.gz): every page view goes
// through the endpoint's page-view handler with the jar's cookies in its Cookie header, and the
// answer's Set-Cookie headers go back into the jar, as a browser does. The rules module and the
// built script get the same replay (packages/rules/test, packages/browser/test).
// Plain .mjs: the replay's support files are plain JavaScript.
import { describe, expect, it } from 'vitest';
import { createPageViewHandler } from '../../src/page-view/handle-page-view.js';
import { loadGolden, replay, report } from '../../../rules/test/support/golden.mjs';

let nowMs = 0;
// The handler itself: synchronous, so the replay's jar sees each answer before the next view.
const handlePageView = createPageViewHandler({ cookieDomain: undefined, now: () => nowMs });
const reject = (status, _headers, error, message) => {
  throw new Error(`${status} ${error}: ${message}`);
};

/** One page view: a request from the page at `pv.url` to an endpoint on its own origin. */
function view(jar, pv) {
  const url = new URL(pv.url);
  nowMs = pv.now;
  const input = { method: 'POST', headers: { origin: url.origin, cookie: jar.header(url.hostname, pv.now) }, body: '', ip: '127.0.0.1', selfOrigin: url.origin, pageView: true };
  const body = { u: pv.url, r: pv.ref ?? '', ...(pv.attrs?.['data-utm-params'] ? { p: pv.attrs['data-utm-params'].split(/ *, */) } : {}) };
  const out = handlePageView(input, url.origin, body, {}, reject);
  expect(out.status).toBe(204);
  for (const cookie of out.cookies) jar.set(cookie, url.hostname, pv.now);
}

describe("server mode's page view replayed on LeadTrackr's integrations", () => {
  // ~8,700 page views: a few seconds.
  it('sets the cookies they leave on every page view where they agree', { timeout: 120_000 }, () => {
    const { tally, mismatches } = replay(loadGolden(), view);
    console.info(report('endpoint (server mode page view)', tally));
    expect(mismatches).toEqual([]);
    expect(tally.consensus[1]).toBe(0);
  });
});
