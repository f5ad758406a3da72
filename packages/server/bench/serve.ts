/** The benchmark's server process: the lead router on the outbox named by BENCH_OUTBOX, no worker. */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createPostgresOutbox, createSqliteOutbox } from '../src/index.js';
import { createLeadRouter } from '../src/express.js';

const spec = process.env.BENCH_OUTBOX!;
const noop = () => {};
const router = createLeadRouter({
  apiKey: 'bench-key',
  projectId: 'bench',
  apiUrl: 'http://127.0.0.1:9',
  allowedOrigins: ['https://bench.example'],
  logger: { debug: noop, info: noop, warn: noop, error: noop },
  worker: false, // only the accept path is measured here
  rateLimit: false, // every request comes from 127.0.0.1
  outbox: spec.startsWith('postgres')
    ? createPostgresOutbox({ connectionString: spec.split('?')[0]!, schema: new URL(spec).searchParams.get('schema')! })
    : createSqliteOutbox({ path: spec, synchronous: process.env.BENCH_SYNCHRONOUS === 'normal' ? 'normal' : 'full' }),
});
const app = express();
app.use('/leadbeacon', router);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon\n`));
process.once('SIGTERM', () => void router.close().then(() => process.exit(0)));
