/**
 * `pnpm --filter @leadbeacon/server bench`: accepted leads per second and p99 latency with the
 * SQLite outbox (synchronous FULL and NORMAL) and PostgreSQL, then delivery throughput from a
 * SQLite outbox to the stand-in. Prints a Markdown table for docs/benchmarks.md.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStandIn } from '@leadbeacon/stand-in';
import { createLeadEvents } from '../src/events.js';
import { createForwarder } from '../src/delivery/forward.js';
import { createSqliteOutbox } from '../src/delivery/outbox/sqlite.js';
import { createDeliveryWorker } from '../src/delivery/worker.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
const PG_URL = process.env.LEADBEACON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = await mkdtemp(join(tmpdir(), 'leadbeacon-bench-'));
const rows: string[] = [];

async function accept(label: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./serve.ts', import.meta.url))], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => /listening (\S+)/.test(String(d)) && resolve(/listening (\S+)/.exec(String(d))![1]!)));
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: 'POST',
    headers: { origin: 'https://bench.example', 'content-type': 'text/plain' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ uniqueEventId: `evt-bench-${process.pid}-${n++}`, userData: { email: 'bench@example.com' }, formData: { formName: 'bench' } }) }) }],
  });
  child.kill('SIGTERM');
  const ok = result['2xx'];
  rows.push(`| accept, ${label} | ${Math.round(ok / DURATION_S)} leads/s | p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms | ${result.non2xx} non-2xx, ${result.errors} errors |`);
}

async function deliver(count: number, concurrency: number): Promise<void> {
  const standIn = createStandIn({ apiKey: 'bench-key' });
  const apiUrl = await standIn.listen();
  const outbox = createSqliteOutbox({ path: join(dir, `deliver-${concurrency}.db`) });
  for (let i = 0; i < count; i++) {
    await outbox.append({ projectId: 'bench', userData: { email: 'b@example.com' }, attributionData: {}, formData: { uniqueEventId: `evt-deliver-${i}` }, deviceData: { ipAddress: '127.0.0.1', userAgent: 'bench' } }, Date.now());
  }
  const forwarder = createForwarder({ apiUrl, apiKey: 'bench-key', timeoutMs: 10_000 });
  const noop = () => {};
  const worker = createDeliveryWorker({
    outbox, forwarder, events: createLeadEvents(), logger: { debug: noop, info: noop, warn: noop, error: noop },
    concurrency, backoffBaseMs: 1_000, backoffMaxMs: 600_000, maxAttempts: 2_000, maxAgeMs: 7 * 86_400_000, leaseMs: 60_000, pollIntervalMs: 1_000, keepDeliveredMs: 3 * 86_400_000,
  });
  const started = performance.now();
  worker.start();
  while (standIn.leads.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1_000;
  await worker.stop(1_000);
  await forwarder.close();
  await outbox.close();
  await standIn.close();
  rows.push(`| deliver ${count} leads, SQLite → stand-in, concurrency ${concurrency} | ${Math.round(count / seconds)} leads/s | ${seconds.toFixed(2)} s total | |`);
}

await accept('SQLite synchronous=FULL', { BENCH_OUTBOX: join(dir, 'full.db'), BENCH_SYNCHRONOUS: 'full' });
await accept('SQLite synchronous=NORMAL', { BENCH_OUTBOX: join(dir, 'normal.db'), BENCH_SYNCHRONOUS: 'normal' });
const schema = `lb_bench_${process.pid}`;
const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
try {
  await client.connect();
  await accept('PostgreSQL (local, pool of 10)', { BENCH_OUTBOX: `${PG_URL}?schema=${schema}` });
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
} catch (error) {
  rows.push(`| accept, PostgreSQL | skipped: ${(error as Error).message} | | |`);
} finally {
  await client.end().catch(() => undefined);
}
await deliver(5_000, 4);
await deliver(5_000, 16);
await rm(dir, { recursive: true, force: true });

process.stdout.write(
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, ${CONNECTIONS} connections, ${DURATION_S} s per accept run\n\n` +
    `| run | throughput | latency / time | notes |\n|---|---|---|---|\n${rows.join('\n')}\n`,
);
