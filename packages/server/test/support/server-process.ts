/**
 * A real server process for the kill/restart and two-instance proofs: Express with the lead
 * router from src, configured by LEADTRACKR_* and LEADBEACON_* like an app would be. Prints
 * `listening <url>` once it accepts requests; SIGTERM closes it gracefully.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createLeadRouter } from '../../src/express.js';

const noop = () => {};
const router = createLeadRouter({
  logger: { debug: noop, info: noop, warn: noop, error: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`) },
  pollIntervalMs: 100,
  rateLimit: false, // every request comes from 127.0.0.1
  // Short leases by default, so the leads a killed process held are picked up within the test's
  // patience; a proof that kills nothing may ask for longer ones.
  timeoutMs: Number(process.env.PROOF_TIMEOUT_MS ?? 1_000),
  leaseMs: Number(process.env.PROOF_LEASE_MS ?? 2_000),
  backoffBaseMs: 50,
  backoffMaxMs: 500,
});
const app = express();
app.use('/leadbeacon', router);
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void router.close().then(() => process.exit(0));
});
