// `node bench/page-cost-direct.mjs`: the page cost of bench/page-cost.mjs, with nothing attached to
// Chromium. Playwright drives Chromium over the DevTools protocol, and with it attached Chromium's
// blocking cookie read measured about three times slower (docs/benchmarks.md). Here Chromium is
// started directly, headless, and the pages drive themselves: each page view times the inlined
// script between two performance.now() marks, posts the figure to this server, and goes where the
// answer says. Same page, host and scenarios as page-cost.mjs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { benchPage, clearing, executablePath, quantile, runInChromium } from './direct-chromium.mjs';

const RUNS = Number(process.env.RUNS ?? 200);
const WARMUP = 10;
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
  res.end(benchPage(scenarios[plan[step].k].code, step));
});
const load = await runInChromium({ name: 'page-cost-direct', server, path: '/start', finished, stop: () => done() });

console.log(`Chromium (${executablePath}) started directly, nothing attached; ${cpus().length} cores, load average ${load.map((n) => n.toFixed(1)).join(' ')}`);
console.log(`${RUNS} page views per row after ${WARMUP} warm-up loads; main-thread ms, parse + run:`);
console.log('| scenario | median ms | p95 ms | views |\n| --- | --- | --- | --- |');
scenarios.forEach((scenario, k) => {
  const times = samples[k].sort((a, b) => a - b);
  console.log(`| ${scenario.name} | ${quantile(times, 0.5)?.toFixed(2)} | ${quantile(times, 0.95)?.toFixed(2)} | ${times.length} |`);
});
if (step < plan.length) {
  console.error(`page-cost-direct: timed out after ${step} of ${plan.length} views`);
  process.exitCode = 1;
}

