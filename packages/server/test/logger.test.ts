import type { StandIn } from '@leadbeacon/stand-in';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLeadRouter, type LeadRouter } from '../src/adapters/express.js';
import { createMemoryOutbox } from '../src/delivery/outbox/memory.js';
import { createDefaultLogger } from '../src/logger.js';
import { leadsDelivered, startStandIn, validBeacon } from './support/setup.js';

const ORIGIN = 'https://www.site.example';
const CLIENT_IP = '203.0.113.77';
const PERSONAL = [validBeacon.userData.email, validBeacon.userData.phone, validBeacon.userData.firstName, validBeacon.userData.lastName, validBeacon.formData.formMessage, CLIENT_IP];

let standIn: StandIn;
let server: Server;
let router: LeadRouter;
let url: string;
const lines: string[] = [];
beforeEach(() => {
  lines.length = 0;
});

beforeEach(async () => {
  const started = await startStandIn();
  standIn = started.standIn;
  // The real default logger (pino at debug level), writing to memory instead of stdout.
  const logger = createDefaultLogger('debug', { write: (line: string) => void lines.push(line) });
  router = createLeadRouter({
    apiKey: standIn.apiKey,
    projectId: 'proj-test',
    apiUrl: started.apiUrl,
    allowedOrigins: [ORIGIN],
    trustProxy: 'loopback',
    rateLimit: { limit: 6, windowMs: 60_000 },
    logger,
    outbox: createMemoryOutbox(),
    backoffBaseMs: 10,
    transform: (lead) => {
      if (lead.formData.formName === 'Throw') throw new Error(`CRM refused ${String(lead.userData.email)}`);
    },
  });
  const app = express();
  app.use('/leadbeacon', router);
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await router.close();
  await standIn.close();
});

const send = (beacon: object) =>
  fetch(url, { method: 'POST', body: JSON.stringify(beacon), headers: { origin: ORIGIN, 'content-type': 'text/plain', 'x-forwarded-for': CLIENT_IP } });
const id = (n: number) => `evt-logtest-${n}-000000`;

it('logs every path a lead can take without the API key or personal data', async () => {
  const statuses = [
    (await send({ ...validBeacon, uniqueEventId: id(1) })).status,
    (await send({ ...validBeacon, uniqueEventId: id(2), userData: { ...validBeacon.userData, email: 42 } })).status,
    (await send({ ...validBeacon, uniqueEventId: id(3), hp: 'filled' })).status,
    (await send({ ...validBeacon, uniqueEventId: id(4), formData: { ...validBeacon.formData, formName: 'Throw' } })).status,
  ];
  await leadsDelivered(standIn, 1);
  // LeadTrackr fails once: the worker logs the failed attempt, retries, and delivers.
  standIn.fail({ kind: 'status', status: 500, message: `Server error for ${validBeacon.userData.email}` });
  statuses.push((await send({ ...validBeacon, uniqueEventId: id(5) })).status);
  statuses.push((await send({ ...validBeacon, uniqueEventId: id(6) })).status, (await send({ ...validBeacon, uniqueEventId: id(7) })).status);
  expect(statuses).toEqual([202, 400, 202, 500, 202, 202, 429]);
  await leadsDelivered(standIn, 3);

  const log = lines.join('');
  // The logs did record each path (so the search below is meaningful).
  for (const msg of ['lead accepted', 'beacon rejected', 'beacon dropped', 'transform failed', 'delivery failed', 'lead delivered']) expect(log).toContain(msg);
  expect(log).toContain(id(1));
  expect(log).not.toContain(standIn.apiKey);
  for (const value of PERSONAL) expect(log).not.toContain(value);
});

it('logs a dead letter without LeadTrackr\'s message, which may quote the lead', async () => {
  standIn.fail({ kind: 'status', status: 422, message: `Invalid phone for ${validBeacon.userData.email}` });
  const dead = new Promise((resolve) => router.events.once('deadLettered', resolve));
  expect((await send({ ...validBeacon, uniqueEventId: id(8) })).status).toBe(202);
  expect(await dead).toMatchObject({ uniqueEventId: id(8), reason: expect.stringContaining('Invalid phone') });
  const log = lines.join('');
  expect(log).toContain('lead dead-lettered');
  for (const value of PERSONAL) expect(log).not.toContain(value);
});
