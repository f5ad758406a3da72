// `node bench/page-cost-server.mjs`: server mode's main-thread cost per page view beside script
// mode, the peers and the floors, interleaved in one run (one view of each scenario per round, so
// the machine's load drifts over all of them alike), in Chromium started directly with nothing
// attached (as bench/page-cost-direct.mjs). Every view is a first visit from an ad click: the
// answer that takes the figure deletes the cookies the view left. This server answers server
// mode's page view as the endpoint does (204 with the Set-Cookie headers) and Plausible's event.
// Goals (server mode): below Plausible's tracker, and at most 1.5 × an empty script plus one fetch.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { build } from 'esbuild';
import { benchPage, clearing, executablePath, quantile, runInChromium } from './direct-chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 80);
const WARMUP = 5;
const require = createRequire(import.meta.url);
const read = (file) => readFileSync(new URL(file, import.meta.url), 'utf8');
const full = read('../dist/leadbeacon.js');
const serverOnly = read('../dist/leadbeacon.server.js');
const sourcebuster = readFileSync(require.resolve('sourcebuster/dist/sourcebuster.min.js'), 'utf8') + ';sbjs.init();';
// Plausible's npm tracker is ESM with an init(): bundled as the page would (esbuild, IIFE), sending its page view to this server.
const plausible = (
  await build({
    stdin: { contents: `import { init } from '@plausible-analytics/tracker'; init({ domain: 'shop.example', endpoint: '/api/event' });`, resolveDir: new URL('.', import.meta.url).pathname },
    bundle: true,
    minify: true,
    format: 'iife',
    write: false,
    logLevel: 'error',
  })
).outputFiles[0].text;
const adClick = '/offer?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0KCQ_bench&fbclid=IwAR_bench';

const scenarios = [
  { name: 'leadbeacon.js, server mode (endpoint on the page’s origin)', code: full },
  { name: 'leadbeacon.server.js (server mode only)', code: serverOnly },
  { name: 'leadbeacon.js, script mode (data-cookies="script")', code: full, attrs: 'data-cookies="script"' },
  { name: 'sourcebuster 1.1.0', code: sourcebuster },
  { name: 'Plausible tracker 0.4.6 (npm, init + page view)', code: plausible },
  { name: 'floor: an empty script', code: '' },
  { name: 'floor: an empty script plus one fetch', code: `fetch('/leadbeacon?pv',{method:'POST',body:'{}',keepalive:true,credentials:'include'})` },
  { name: 'floor: one cookie read, two channel-flow writes', code: `document.cookie;document.cookie='lt_channelflow=x;path=/;max-age=34128000;samesite=lax';document.cookie='lt_session=1;path=/;max-age=1800;samesite=lax'` },
];

// Round-robin: round r shows every scenario once.
const plan = Array.from({ length: WARMUP + RUNS }, (_, r) => scenarios.map((_, k) => ({ k, counts: r >= WARMUP }))).flat();
const samples = scenarios.map(() => []);
let step = 0;
let done;
const finished = new Promise((resolve) => (done = resolve));


const server = createServer((req, res) => {
  const headers = { 'cache-control': 'no-store' };
  const respond = (status, extra = {}, body = '') => res.writeHead(status, { ...headers, ...extra }).end(body);
  if (req.url.startsWith('/leadbeacon?pv')) {
    // What the endpoint answers an ad click's page view (packages/server/src/page-view).
    req.resume();
    return respond(204, {
      'set-cookie': [
        'lt_channelflow=%5B%7B%22t%22%3A1700000000000%2C%22ch%22%3A%7B%22s%22%3A%22google%22%2C%22m%22%3A%22cpc%22%2C%22cm%22%3A%22spring%22%7D%2C%22lp%22%3A%22%2Foffer%22%7D%5D; Max-Age=34128000; Domain=shop.example; Path=/; SameSite=Lax',
        'lt_session=1; Max-Age=1800; Domain=shop.example; Path=/; SameSite=Lax',
        'lb_gclid=Cj0KCQ_bench; Max-Age=7776000; Domain=shop.example; Path=/; HttpOnly; SameSite=Lax',
      ],
    });
  }
  if (req.url.startsWith('/api/event')) return req.resume(), respond(202);
  if (req.url == '/report') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { k, counts } = plan[step];
      if (counts) samples[k].push(Number(body));
      step++;
      respond(200, { 'content-type': 'text/plain', 'set-cookie': clearing(req.headers.cookie) }, step < plan.length ? adClick : '');
      if (step == plan.length) done();
    });
    return;
  }
  if (step >= plan.length || !req.url.startsWith('/offer')) return respond(404);
  const { code, attrs = '' } = scenarios[plan[step].k];
  respond(200, { 'content-type': 'text/html; charset=utf-8' }, benchPage(code, step, { attrs, delayMs: 50 }));
});
const load = await runInChromium({ name: 'page-cost-server', server, path: adClick, finished, stop: () => done() });

const median = (k) => {
  const times = samples[k].slice().sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), views: times.length };
};
const rows = scenarios.map((scenario, k) => ({ name: scenario.name, ...median(k) }));
console.log(`Chromium (${executablePath}) started directly, nothing attached; ${cpus().length} cores, load average ${load.map((n) => n.toFixed(1)).join(' ')}`);
console.log(`${RUNS} page views per row (interleaved) after ${WARMUP} warm-up rounds; every view a first visit from an ad click; main-thread ms, parse + run:`);
console.log('| scenario | median ms | p95 ms | views |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.name} | ${r.median?.toFixed(2)} | ${r.p95?.toFixed(2)} | ${r.views} |`);
const [server0, server1, , , plausibleRow, , fetchFloor] = rows;
for (const r of [server0, server1]) {
  console.log(
    `${r.name}: ${r.median < plausibleRow.median ? 'below' : 'NOT below'} Plausible (${plausibleRow.median.toFixed(2)} ms); ${(r.median / fetchFloor.median).toFixed(2)} × an empty script plus one fetch (goal ≤ 1.5)`,
  );
}
if (step < plan.length) {
  console.error(`page-cost-server: timed out after ${step} of ${plan.length} views`);
  process.exitCode = 1;
}
