// The servers under load, in a process of their own so autocannon does not share its event loop:
// a bare Express route answering 204, and the endpoint as configured by default, delivering to
// LeadTrackr's stand-in (itself in a third process).
import express from 'express';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLeadRouter } from '../dist/express.js';

const ORIGIN = 'https://www.site.example';

const standIn = fork(fileURLToPath(new URL('./stand-in.js', import.meta.url)), { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
const { apiUrl, apiKey } = await new Promise((resolve) => standIn.once('message', resolve));

const bare = express();
bare.post('/bare', (_req, res) => res.status(204).end());

const app = express();
// Defaults throughout (the SQLite outbox with synchronous=FULL, the in-process worker, pino),
// except the per-IP limit, since every bench request comes from 127.0.0.1, and the outbox file,
// which lives in a fresh temp folder so each run starts empty.
const dir = mkdtempSync(join(tmpdir(), 'leadbeacon-bench-'));
const router = createLeadRouter({
  apiKey,
  projectId: 'bench-project',
  apiUrl,
  allowedOrigins: [ORIGIN],
  rateLimit: { limit: 1_000_000_000 },
  outboxPath: join(dir, 'outbox.db'),
  // BENCH_CONCURRENCY to compare worker settings (docs/benchmarks.md); the default otherwise.
  ...(process.env.BENCH_CONCURRENCY ? { concurrency: Number(process.env.BENCH_CONCURRENCY) } : {}),
});
app.use('/leadbeacon', router);
// Delivery is counted here, where the worker runs, so the bench can read it while the load runs.
let delivered = 0;
router.events.on('delivered', () => delivered++);

const listen = (server) => new Promise((resolve) => { const s = server.listen(0, '127.0.0.1', () => resolve(s)); });
const [bareServer, appServer] = await Promise.all([listen(bare), listen(app)]);
// endpointHost: server mode's page views name the endpoint as a subdomain of the page's site (Host header).
process.send({ bare: `http://127.0.0.1:${bareServer.address().port}/bare`, endpoint: `http://127.0.0.1:${appServer.address().port}/leadbeacon`, origin: ORIGIN, endpointHost: 'api.site.example' });

process.on('message', async (message) => {
  if (message === 'count') {
    const { pending } = await router.stats();
    process.send({ delivered, pending, at: performance.now() });
    return;
  }
  if (message !== 'stop') return;
  bareServer.close();
  appServer.closeAllConnections();
  appServer.close();
  await router.close();
  rmSync(dir, { recursive: true, force: true });
  standIn.send('stop');
  process.send(await new Promise((resolve) => standIn.once('message', resolve)));
  process.exit(0);
});
