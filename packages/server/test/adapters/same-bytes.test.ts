/**
 * The same bytes get the same answer from every adapter: the Express router, the fetch handler
 * and the standalone server. Each case is sent as raw bytes with its own headers; the status, the
 * error code and the stored lead must agree. (A latin1 body was `JOSE_é` in one and `JOSE_�` in
 * another; a gzip body was 202 in one and 415 in another.)
 */
import express from 'express';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type StandaloneServer } from '../../src/adapters/serve.js';
import { createFetchHandler, createMemoryOutbox, type FetchHandler, type LeadRouterOptions } from '../../src/index.js';
import { createLeadRouter, type LeadRouter } from '../../src/express.js';
import type { Outbox } from '../../src/delivery/outbox/outbox.js';
import { createMemoryLogger } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';

interface Answer {
  status: number;
  error: string | undefined;
  lead: unknown;
}

type Send = (body: Buffer, headers: Record<string, string>) => Promise<{ status: number; text: string }>;

/** Sends raw bytes with exactly the given headers (fetch would add or change some). */
function rawPost(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const options = (outbox: Outbox): LeadRouterOptions => ({
  apiKey: 'k', projectId: 'p', apiUrl: 'http://127.0.0.1:9', allowedOrigins: [ORIGIN], logger: createMemoryLogger(), outbox, worker: false, rateLimit: false,
});

const adapters: { name: string; outbox: Outbox; send: Send | undefined; start(): Promise<void>; stop(): Promise<void> }[] = [];
{
  const outbox = createMemoryOutbox();
  let router: LeadRouter;
  let server: Server;
  const entry = {
    name: 'Express router', outbox, send: undefined as Send | undefined,
    async start() {
      router = createLeadRouter(options(outbox));
      const app = express().use('/leadbeacon', router);
      server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leadbeacon`;
      entry.send = (body, headers) => rawPost(url, body, headers);
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await router.close();
    },
  };
  adapters.push(entry);
}
{
  const outbox = createMemoryOutbox();
  let handler: FetchHandler;
  const entry = {
    name: 'fetch handler', outbox, send: undefined as Send | undefined,
    async start() {
      handler = createFetchHandler(options(outbox));
      entry.send = async (body, headers) => {
        const res = await handler(new Request('http://127.0.0.1/leadbeacon', { method: 'POST', headers: { ...headers, 'content-length': String(body.length) }, body }), { clientAddress: '127.0.0.1' });
        return { status: res.status, text: await res.text() };
      };
    },
    stop: () => handler.close(),
  };
  adapters.push(entry);
}
{
  const outbox = createMemoryOutbox();
  let server: StandaloneServer;
  const entry = {
    name: 'standalone server', outbox, send: undefined as Send | undefined,
    async start() {
      server = await startServer({ ...options(outbox), port: 0, host: '127.0.0.1' });
      entry.send = (body, headers) => rawPost(`${server.url}/leadbeacon`, body, headers);
    },
    stop: () => server.close(),
  };
  adapters.push(entry);
}

beforeAll(async () => {
  for (const adapter of adapters) await adapter.start();
});
afterAll(async () => {
  for (const adapter of adapters) await adapter.stop();
});

let sequence = 0;
const beaconText = (firstName: string) => {
  const id = `evt-same-bytes-${String(++sequence).padStart(4, '0')}`;
  return { id, text: JSON.stringify({ uniqueEventId: id, userData: { firstName, email: 'jose@example.com' } }) };
};

/** [name, body bytes, extra headers] for one beacon with the first name `José`. */
const cases: [string, (text: string) => Buffer, Record<string, string>][] = [
  ['UTF-8, no charset', (t) => Buffer.from(t, 'utf8'), { 'content-type': 'text/plain' }],
  ['UTF-8, charset="UTF-8"', (t) => Buffer.from(t, 'utf8'), { 'content-type': 'text/plain; charset="UTF-8"' }],
  ['UTF-8 as application/json; charset=utf8', (t) => Buffer.from(t, 'utf8'), { 'content-type': 'application/json; charset=utf8' }],
  ['UTF-8 with a byte-order mark', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]), { 'content-type': 'text/plain;charset=UTF-8' }],
  ['UTF-8 with content-encoding identity', (t) => Buffer.from(t, 'utf8'), { 'content-type': 'text/plain', 'content-encoding': 'identity' }],
  ['latin1 bytes, charset=latin1', (t) => Buffer.from(t, 'latin1'), { 'content-type': 'text/plain; charset=latin1' }],
  ['latin1 bytes, charset=ISO-8859-1', (t) => Buffer.from(t, 'latin1'), { 'content-type': 'text/plain; charset=ISO-8859-1' }],
  ['latin1 bytes, declared UTF-8', (t) => Buffer.from(t, 'latin1'), { 'content-type': 'text/plain; charset=utf-8' }],
  ['UTF-16LE, charset=utf-16le', (t) => Buffer.from(t, 'utf16le'), { 'content-type': 'text/plain; charset=utf-16le' }],
  ['an unknown charset', (t) => Buffer.from(t, 'utf8'), { 'content-type': 'text/plain; charset=x-klingon' }],
  ['gzip', (t) => gzipSync(t), { 'content-type': 'text/plain', 'content-encoding': 'gzip' }],
  ['deflate', (t) => deflateSync(t), { 'content-type': 'text/plain', 'content-encoding': 'deflate' }],
  ['br', (t) => brotliCompressSync(t), { 'content-type': 'text/plain', 'content-encoding': 'br' }],
  ['gzip, declared in capitals', (t) => gzipSync(t), { 'content-type': 'text/plain', 'content-encoding': 'GZIP' }],
];

async function answerOf(adapter: (typeof adapters)[number], body: Buffer, headers: Record<string, string>, id: string): Promise<Answer> {
  const res = await adapter.send!(body, { origin: ORIGIN, 'user-agent': 'SameBytes/1', ...headers });
  const [row] = (await adapter.outbox.lease(100, 60_000, Date.now())).filter((r) => r.id === id);
  const lead = row ? { userData: row.lead.userData, formData: row.lead.formData, deviceData: row.lead.deviceData } : undefined;
  return { status: res.status, error: (JSON.parse(res.text || '{}') as { error?: string }).error, lead };
}

describe('the same bytes through every adapter', () => {
  it.each(cases)('%s: one answer from all three', async (_name, encode, headers) => {
    const { id, text } = beaconText('José');
    const answers = [];
    for (const adapter of adapters) answers.push(await answerOf(adapter, encode(text), headers, id));
    expect(answers[1], 'fetch handler vs Express router').toEqual(answers[0]);
    expect(answers[2], 'standalone server vs Express router').toEqual(answers[0]);
  });

  it('stores José as José from UTF-8, and refuses what is not UTF-8 or is compressed', async () => {
    const results = [];
    for (const [name, encode, headers] of cases) {
      const { id, text } = beaconText('José');
      const answer = await answerOf(adapters[2]!, encode(text), headers, id);
      results.push([name, answer.status, (answer.lead as { userData?: { firstName?: string } } | undefined)?.userData?.firstName]);
    }
    expect(results).toEqual([
      ['UTF-8, no charset', 202, 'José'],
      ['UTF-8, charset="UTF-8"', 202, 'José'],
      ['UTF-8 as application/json; charset=utf8', 202, 'José'],
      ['UTF-8 with a byte-order mark', 202, 'José'],
      ['UTF-8 with content-encoding identity', 202, 'José'],
      ['latin1 bytes, charset=latin1', 415, undefined],
      ['latin1 bytes, charset=ISO-8859-1', 415, undefined],
      // Declared UTF-8, so read as UTF-8: the invalid byte becomes U+FFFD, in every adapter alike.
      ['latin1 bytes, declared UTF-8', 202, 'Jos\ufffd'],
      ['UTF-16LE, charset=utf-16le', 415, undefined],
      ['an unknown charset', 415, undefined],
      ['gzip', 415, undefined],
      ['deflate', 415, undefined],
      ['br', 415, undefined],
      ['gzip, declared in capitals', 415, undefined],
    ]);
  });
});
