// `node bench/page-cost-direct.mjs`: the page cost of bench/page-cost.mjs, with nothing attached to
// Chromium. Playwright drives Chromium over the DevTools protocol, and with it attached Chromium's
// blocking cookie read measured about three times slower (docs/benchmarks.md). Here Chromium is
// started directly, headless, and the pages drive themselves: each page view times the inlined
// script between two performance.now() marks, posts the figure to this server, and goes where the
// answer says. Same page, host and scenarios as page-cost.mjs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 200);
const WARMUP = 10;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const script = readFileSync(new URL('../dist/leadbeacon.js', import.meta.url), 'utf8');
const adClick = '/offer?utm_source=google&utm_medium=cpc&utm_campaign=spring&gclid=Cj0KCQ_bench&fbclid=IwAR_bench';

const scenarios = [
  { name: 'leadbeacon.js, first visit from an ad click', code: script, path: adClick, fresh: true },
  { name: 'leadbeacon.js, returning visit (cookies set)', code: script, path: '/contact' },
  { name: 'floor: one document.cookie read', code: 'document.cookie', path: '/contact' },
  { name: 'floor: an empty script', code: '', path: '/contact' },
];

// Every view of every scenario in order; the first of each scenario starts from no cookies.
const plan = scenarios.flatMap((scenario, k) => Array.from({ length: WARMUP + RUNS }, (_, i) => ({ k, first: i == 0, counts: i >= WARMUP })));
const samples = scenarios.map(() => []);
let step = 0;
let done;
const finished = new Promise((resolve) => (done = resolve));

/** Set-Cookie headers that delete every cookie the request carried, on the site's domain and host-only. */
const clearing = (header = '') =>
  header
    .split('; ')
    .filter(Boolean)
    .flatMap((pair) => {
      const name = pair.split('=')[0];
      return [`${name}=; Max-Age=0; Path=/; Domain=shop.example`, `${name}=; Max-Age=0; Path=/`];
    });

const nextUrl = () => (plan[step].first ? '/start' : scenarios[plan[step].k].path);

const server = createServer((req, res) => {
  const headers = { 'cache-control': 'no-store' };
  if (req.url == '/start') {
    // A blank page that clears the cookies, then opens the scenario's first view.
    res.writeHead(200, { ...headers, 'content-type': 'text/html', 'set-cookie': clearing(req.headers.cookie) });
    plan[step].first = false;
    return res.end(`<!doctype html><script>setTimeout(() => location.replace(${JSON.stringify(nextUrl())}), 50)</script>`);
  }
  if (req.url == '/report') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { k, counts } = plan[step];
      if (counts) samples[k].push(Number(body));
      step++;
      // A first visit every time: the report's answer deletes what the view wrote.
      res.writeHead(200, { ...headers, 'content-type': 'text/plain', 'set-cookie': scenarios[k].fresh ? clearing(req.headers.cookie) : [] });
      res.end(step < plan.length ? nextUrl() : '');
      if (step == plan.length) done();
    });
    return;
  }
  if (step >= plan.length || req.url.startsWith('/favicon')) {
    // Anything after the last view, or a request that is not a view.
    res.writeHead(404, headers);
    return res.end();
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  // A unique trailing comment per view, so V8's compilation cache never serves an earlier load's code.
  res.end(`<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>
<script>window.t0 = performance.now()</script>
<script data-endpoint="/leadbeacon">${scenarios[plan[step].k].code}/*${step}*/</script>
<script>window.t1 = performance.now()</script>
</head><body><form><input name="email"></form>
<script>addEventListener('load', () => setTimeout(async () => {
  const next = await (await fetch('/report', { method: 'POST', body: String(t1 - t0) })).text();
  if (next) location.replace(next);
}))</script></body></html>`);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://www.shop.example:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'leadbeacon-page-cost-'));
const chromium = spawn(
  executablePath,
  [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profile}`, '--host-resolver-rules=MAP *.shop.example 127.0.0.1', `${origin}/start`,
  ],
  { stdio: 'ignore' },
);
const load = loadavg();
const timeout = setTimeout(() => done(), 15 * 60_000);
await finished;
clearTimeout(timeout);
chromium.kill();
await new Promise((resolve) => chromium.once('exit', resolve));
server.close();

console.log(`Chromium (${executablePath}) started directly, nothing attached; ${cpus().length} cores, load average ${load.map((n) => n.toFixed(1)).join(' ')}`);
console.log(`${RUNS} page views per row after ${WARMUP} warm-up loads; main-thread ms, parse + run:`);
console.log('| scenario | median ms | p95 ms | views |\n| --- | --- | --- | --- |');
scenarios.forEach((scenario, k) => {
  const times = samples[k].sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`| ${scenario.name} | ${at(0.5)?.toFixed(2)} | ${at(0.95)?.toFixed(2)} | ${times.length} |`);
});
if (step < plan.length) {
  console.error(`page-cost-direct: timed out after ${step} of ${plan.length} views`);
  process.exitCode = 1;
}

// Chromium's helper processes may still write to the profile for a moment after it exits.
await new Promise((resolve) => setTimeout(resolve, 1500));
try {
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
} catch {
  console.error(`page-cost-direct: could not remove ${profile}`);
}
