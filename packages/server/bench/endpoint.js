// `pnpm bench`: the endpoint's accepted requests per second and latency under load (autocannon),
// beside a bare Express route that only answers 204, in the same run. Goal (issue #5): at least
// 50 % of bare throughput with p99 under 10 ms at 100 connections. Beside acceptance, the leads
// the in-process worker delivered to LeadTrackr's stand-in while the load ran (delivered/s), the
// backlog left when it stopped, and how long the worker took to clear it: delivery should keep pace.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const duration = Number(process.env.BENCH_DURATION_S ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_S ?? 3);

const target = fork(fileURLToPath(new URL('./target.js', import.meta.url)), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const urls = await new Promise((resolve) => target.once('message', resolve));

const beacon = {
  userData: { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.com', phone: '+31687654321' },
  attributionData: { gclid: 'Cj0KCQ-bench', cid: '1234567890.1712345678' },
  formData: { formName: 'Contact', formMessage: 'Call me back about the offer', budget: '10k' },
  channelFlow: [{ t: 1700000000000, ch: { s: 'google', m: 'cpc' }, lp: '/' }],
  pageMs: 8000,
  hp: '',
};
let sequence = 0;

function run(url, seconds, withBody) {
  return autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { origin: urls.origin, 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'autocannon' },
    requests: [
      {
        // A fresh uniqueEventId per request, as real submissions have (no deduplication shortcut).
        setupRequest: (req) => ({ ...req, body: withBody ? JSON.stringify({ ...beacon, uniqueEventId: `bench-${process.pid}-${++sequence}` }) : JSON.stringify(beacon) }),
      },
    ],
  });
}

/** The target's delivered count and outbox backlog right now. */
function count() {
  target.send('count');
  return new Promise((resolve) => target.once('message', resolve));
}

async function measure(name, url, withDelivery = false) {
  if (warmup > 0) await run(url, warmup, true);
  const before = withDelivery ? await count() : undefined;
  const result = await run(url, duration, true);
  const after = withDelivery ? await count() : undefined;
  const accepted = result['2xx'] / (result.duration || duration);
  const delivery = withDelivery ? { delivered: (after.delivered - before.delivered) / ((after.at - before.at) / 1_000), backlog: after.pending } : undefined;
  return { name, accepted, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, delivery };
}

/** How long the worker takes to empty the outbox once the load stopped (at most `limitS`). */
async function drainSeconds(limitS = 120) {
  const start = performance.now();
  for (;;) {
    const { pending } = await count();
    const seconds = (performance.now() - start) / 1_000;
    if (pending === 0 || seconds > limitS) return { seconds, pending };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const bare = await measure('bare Express 204', urls.bare);
const endpoint = await measure('leadbeacon endpoint', urls.endpoint, true);
const drain = await drainSeconds();
target.send('stop');
const { leads } = await new Promise((resolve) => target.once('message', resolve));

const row = (r) => `| ${r.name} | ${r.accepted.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors + r.timeouts} |`;
console.log(`node ${process.version}, ${connections} connections, ${duration} s each after ${warmup} s warm-up`);
console.log('| target | 2xx req/s | p50 ms | p99 ms | non-2xx | errors |');
console.log('|---|---|---|---|---|---|');
console.log(row(bare));
console.log(row(endpoint));
console.log(`ratio: ${(100 * endpoint.accepted / bare.accepted).toFixed(1)} % of bare throughput (goal ≥ 50 %); endpoint p99 ${endpoint.p99} ms (goal < 10 ms)`);
const { delivery } = endpoint;
console.log(
  `delivery while the load ran: ${delivery.delivered.toFixed(0)} delivered/s beside ${endpoint.accepted.toFixed(0)} accepted/s ` +
    `(${(100 * delivery.delivered / endpoint.accepted).toFixed(0)} %); backlog when it stopped: ${delivery.backlog}; ` +
    `drained in ${drain.seconds.toFixed(1)} s${drain.pending ? ` (${drain.pending} still pending)` : ''}`,
);
console.log(`leads received by the stand-in: ${leads}`);
