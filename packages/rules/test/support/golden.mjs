// LeadTrackr's own integrations replayed on the same visits (channelflow-golden.json.gz in the
// project's shared compatibility data, ../shared/compat/ beside the repository, whose README
// describes it): what each leaves after every page view.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createCookieJar } from './cookie-jar.mjs';

export const INTEGRATIONS = ['gtm', 'wp', 'leadbot'];

/** Where the data is: LEADBEACON_COMPAT_DIR, else `shared/compat` beside the repository (as CI lays it out). */
export const GOLDEN_FILE = process.env.LEADBEACON_COMPAT_DIR
  ? `${process.env.LEADBEACON_COMPAT_DIR}/channelflow-golden.json.gz`
  : new URL('../../../../../shared/compat/channelflow-golden.json.gz', import.meta.url).pathname;

/** Why the replay cannot run here, printed by the tests that skip; undefined when it can. */
export const GOLDEN_MISSING = existsSync(GOLDEN_FILE) ? undefined : `${GOLDEN_FILE} is missing: set LEADBEACON_COMPAT_DIR to the shared compatibility data`;

export function loadGolden() {
  return JSON.parse(gunzipSync(readFileSync(GOLDEN_FILE)).toString('utf8'));
}

const canonicalCache = new Map();
/** Sorted-key JSON: the golden file's equality of two flows. */
function canonical(text) {
  if (!canonicalCache.has(text)) canonicalCache.set(text, canonicalOf(text));
  return canonicalCache.get(text);
}

function canonicalOf(text) {
  try {
    return JSON.stringify(JSON.parse(text), (_, value) =>
      value && typeof value == 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
    );
  } catch {
    return 'raw:' + text;
  }
}

/**
 * Replays every sequence: a jar with the sequence's `init` cookies, then `view(jar, pv)` per page
 * view (it runs the code under test), then the state compared with each integration's. Returns the
 * agreement per integration, on consensus page views, and byte for byte with the GTM tag, plus
 * the first mismatches on consensus page views.
 */
export function replay(golden, view) {
  const tally = { consensus: [0, 0], bytesGtm: [0, 0], ...Object.fromEntries(INTEGRATIONS.map((name) => [name, [0, 0]])) };
  const mismatches = [];
  for (const sequence of [...golden.sequences, ...golden.scenarios]) {
    const jar = createCookieJar();
    const first = sequence.pvs[0];
    for (const [name, value, domain] of sequence.init) {
      const host = domain ? 'www.' + domain : 'www.shop.nl';
      jar.set(`${name}=${value}; max-age=${name == 'lt_session' ? 1800 : 395 * 86400}${domain ? '; domain=' + domain : ''}`, host, first.now - 1000);
    }
    for (const pv of sequence.pvs) {
      const host = new URL(pv.url).hostname;
      view(jar, pv);
      const flow = jar.find('lt_channelflow', host, pv.now);
      const session = jar.find('lt_session', host, pv.now);
      let cf = flow ? flow.value : null;
      try {
        cf = cf && decodeURIComponent(cf);
      } catch {
        // The golden file keeps the raw value when it does not decode.
      }
      const ttl = session && Math.round((session.expiresMs - pv.now) / 1000);
      for (const name of INTEGRATIONS) {
        const expected = pv[name] == '=gtm' ? pv.gtm : pv[name];
        const equal =
          (cf === null ? expected.cf === null : expected.cf !== null && canonical(expected.cf) == canonical(cf)) &&
          expected.s === (session ? session.value : null) &&
          (!session || Math.abs((expected.ttl ?? 1800) - ttl) <= 1) &&
          (!flow || expected.dom == (flow.hostOnly ? 'host-only:' + flow.domain : flow.domain));
        tally[name][equal ? 0 : 1]++;
        if (name == 'gtm') {
          tally.bytesGtm[equal && expected.cf === cf && (flow ? (expected.raw ?? encodeURIComponent(expected.cf)) == flow.value : true) ? 0 : 1]++;
          if (pv.consensus) {
            tally.consensus[equal ? 0 : 1]++;
            if (!equal && mismatches.length < 5) mismatches.push({ seed: sequence.seed ?? sequence.name, url: pv.url, ref: pv.ref, expected, cf, session: session && session.value });
          }
        }
      }
    }
  }
  return { tally, mismatches };
}

/** One line per measure: "gtm 8,720 / 8,720 (100.00 %)". */
export function report(label, tally) {
  const line = ([ok, bad]) => `${ok.toLocaleString('en')} / ${(ok + bad).toLocaleString('en')} (${((100 * ok) / (ok + bad)).toFixed(2)} %)`;
  return [
    `${label}: agreement with LeadTrackr's integrations`,
    `  consensus page views: ${line(tally.consensus)}`,
    ...INTEGRATIONS.map((name) => `  ${name.padEnd(8)} ${line(tally[name])}`),
    `  gtm, byte for byte: ${line(tally.bytesGtm)}`,
  ].join('\n');
}
