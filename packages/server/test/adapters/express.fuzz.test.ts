/**
 * The Express adapter under fuzzing over real HTTP: random bytes (invalid UTF-8 included) with
 * random content types, charsets and encodings never get a 5xx or bring the app down.
 */
import type { StandIn } from '@leadbeacon/stand-in';
import express from 'express';
import fc from 'fast-check';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLeadRouter, type LeadRouter } from '../../src/adapters/express.js';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import { createMemoryLogger, startStandIn } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';
let standIn: StandIn;
let router: LeadRouter;
let server: Server;
let port: number;

beforeAll(async () => {
  const started = await startStandIn();
  standIn = started.standIn;
  router = createLeadRouter({ apiKey: standIn.apiKey, projectId: 'p', apiUrl: started.apiUrl, allowedOrigins: [ORIGIN], rateLimit: false, logger: createMemoryLogger(), outbox: createMemoryOutbox() });
  const app = express();
  app.use(express.json());
  app.use('/leadbeacon', router);
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await standIn.close();
});

function post(body: Uint8Array, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path: '/leadbeacon', method: 'POST', headers: { origin: ORIGIN, 'content-length': body.length, ...headers } }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode!));
    });
    req.once('error', reject);
    req.end(body);
  });
}

const headerText = fc.string({ unit: fc.constantFrom(...' !#$%&*+-.0123456789;=ABCXYZabcjnopstuxyz/_"'.split('')), maxLength: 40 });
const contentType = fc.oneof(
  fc.constantFrom('text/plain', 'application/json', 'text/plain; charset=utf-8', 'text/plain; charset=utf-7', 'application/json; charset=latin1', 'text/plain; charset=', 'text/plain;;;', 'multipart/form-data'),
  headerText,
);
const encoding = fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown'), { nil: undefined });

// Hundreds of HTTP round trips; allow for a machine busy with the other test files.
it('never answers 5xx to random bytes, content types and encodings', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 4_000 }), contentType, encoding, async (body, type, enc) => {
      const status = await post(body, { 'content-type': type, ...(enc ? { 'content-encoding': enc } : {}) });
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }),
    { numRuns: Number(process.env.LEADBEACON_FUZZ_RUNS ?? 300) },
  );
  expect(standIn.leads).toHaveLength(0);
});
