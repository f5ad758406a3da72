import type { StandIn } from '@leadbeacon/stand-in';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/adapters/serve.js';
import { createMemoryOutbox, type LeadRouterOptions } from '../../src/index.js';
import { createLeadRouter } from '../../src/express.js';
import { createMemoryLogger, leadsDelivered, startStandIn, validBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';

/** Each adapter mounted with the inspector on: its base URL (the endpoint) and how to stop it. */
const adapters: [string, (options: LeadRouterOptions) => Promise<{ base: string; close(): Promise<void> }>][] = [
  [
    'the Express router',
    async (options) => {
      const router = createLeadRouter(options);
      const app = express();
      app.use('/leadbeacon', router);
      const server: Server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon`,
        close: async () => {
          await new Promise((resolve) => server.close(resolve));
          await router.close();
        },
      };
    },
  ],
  [
    'the standalone server',
    async (options) => {
      const server = await startServer({ ...options, port: 0, host: '127.0.0.1' });
      return { base: `${server.url}/leadbeacon`, close: () => server.close() };
    },
  ],
];

describe.each(adapters)('the inspector on %s', (_name, mount) => {
  let standIn: StandIn;
  let apiUrl: string;
  let closers: (() => Promise<void>)[];
  beforeEach(async () => {
    ({ standIn, apiUrl } = await startStandIn());
    closers = [];
  });
  afterEach(async () => {
    for (const close of closers) await close();
    await standIn.close();
  });

  async function start(inspector: LeadRouterOptions['inspector']) {
    const mounted = await mount({ apiKey: standIn.apiKey, projectId: 'proj-test', apiUrl, allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outbox: createMemoryOutbox(), minPageMs: 0, ...(inspector === undefined ? {} : { inspector }) });
    closers.push(mounted.close);
    return mounted.base;
  }

  it('shows an accepted lead with what the browser sent and its delivery', async () => {
    const base = await start('local');
    const sent = { ...validBeacon, attributionData: { ...validBeacon.attributionData, gclid: 'from-the-page' } };
    expect((await fetch(base, { method: 'POST', body: JSON.stringify(sent), headers: { origin: ORIGIN, 'content-type': 'text/plain' } })).status).toBe(202);
    await leadsDelivered(standIn, 1);
    const page = await fetch(`${base}/inspector`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const snapshot = async () => (await (await fetch(`${base}/inspector/leads.json`)).json()) as { leads: { delivery?: { status: string } }[] };
    await expect.poll(async () => (await snapshot()).leads[0]?.delivery?.status).toBe('delivered');
    const { leads } = await snapshot();
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ uniqueEventId: validBeacon.uniqueEventId, origin: ORIGIN, sent, lead: { attributionData: { gclid: 'from-the-page' } }, delivery: { status: 'delivered', leadId: 1 } });
  });

  it('is not there unless turned on', async () => {
    const base = await start(undefined);
    expect((await fetch(`${base}/inspector`)).status).toBe(404);
    expect((await fetch(`${base}/inspector/leads.json`)).status).toBe(404);
  });

  it('asks for its token when it has one', async () => {
    const base = await start({ token: 'sixteen-chars-at-least' });
    expect((await fetch(`${base}/inspector/leads.json`)).status).toBe(401);
    expect((await fetch(`${base}/inspector/leads.json?token=sixteen-chars-at-least`)).status).toBe(200);
  });
});
