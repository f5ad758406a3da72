/**
 * The standalone server against slow and greedy clients, over raw sockets: a request's headers and
 * body must arrive within `requestTimeoutMs`, and at most `maxConnections` connections are open.
 * Node's own defaults held a request without a body for 300 s and took every connection offered.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServeOptions, type StandaloneServer } from '../../src/adapters/serve.js';
import { createMemoryOutbox } from '../../src/delivery/outbox/memory.js';
import { createMemoryLogger } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';
let server: StandaloneServer | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

async function start(options: ServeOptions): Promise<{ port: number }> {
  server = await startServer({
    port: 0, host: '127.0.0.1', apiKey: 'k', projectId: 'p', apiUrl: 'http://127.0.0.1:9', allowedOrigins: [ORIGIN],
    logger: createMemoryLogger(), outbox: createMemoryOutbox(), worker: false, ...options,
  });
  return { port: Number(new URL(server.url).port) };
}

/** A raw connection that records what the server sent and when it closed, in ms after opening. */
async function open(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  const opened = performance.now();
  let data = '';
  socket.on('data', (chunk) => (data += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now() - opened)));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { socket, received: () => data, closed };
}

const withinMs = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);

const head = (length: number) =>
  `POST /leadbeacon HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nContent-Type: text/plain\r\nContent-Length: ${length}\r\n\r\n`;

describe('standalone server limits', () => {
  it('answers 408 and closes a request whose body never comes, once requestTimeoutMs passed', async () => {
    const { port } = await start({ requestTimeoutMs: 1_000 });
    const client = await open(port);
    client.socket.write(head(500));
    const closedAfter = await withinMs(client.closed, 4_000);
    expect(closedAfter).not.toBe('still open');
    expect(closedAfter).toBeGreaterThanOrEqual(900);
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a request whose body trickles in slower than requestTimeoutMs allows', async () => {
    const { port } = await start({ requestTimeoutMs: 1_000 });
    const client = await open(port);
    client.socket.write(head(500));
    const drip = setInterval(() => client.socket.writable && client.socket.write('x'), 100);
    const closedAfter = await withinMs(client.closed, 4_000);
    clearInterval(drip);
    expect(closedAfter).not.toBe('still open');
  });

  it('closes a connection whose headers never end', async () => {
    const { port } = await start({ requestTimeoutMs: 1_000 });
    const client = await open(port);
    client.socket.write('POST /leadbeacon HTTP/1.1\r\nHost: localhost\r\n');
    const drip = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 100);
    const closedAfter = await withinMs(client.closed, 4_000);
    clearInterval(drip);
    expect(closedAfter).not.toBe('still open');
  });

  it('holds the default deadline to seconds, not minutes', async () => {
    await start({});
    expect(server!.limits).toMatchObject({ requestTimeoutMs: 10_000, headersTimeoutMs: 10_000 });
  });

  it('still answers a beacon sent at a normal pace', async () => {
    const { port } = await start({ requestTimeoutMs: 1_000 });
    const client = await open(port);
    const body = JSON.stringify({ uniqueEventId: 'evt-0123456789ab', userData: { email: 'a@b.example' } });
    client.socket.write(head(Buffer.byteLength(body)) + body);
    await withinMs(new Promise((resolve) => client.socket.once('data', resolve)), 2_000);
    expect(client.received()).toMatch(/^HTTP\/1\.1 202 /);
  });

  it('refuses connections beyond maxConnections, and takes new ones once others close', async () => {
    const { port } = await start({ maxConnections: 2 });
    const first = await open(port);
    await open(port);
    const third = await open(port);
    expect(await withinMs(third.closed, 2_000)).not.toBe('still open');
    first.socket.destroy();
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const fourth = await open(port);
    fourth.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await withinMs(new Promise((resolve) => fourth.socket.once('data', resolve)), 2_000);
    expect(fourth.received()).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('throws a TypeError for a limit that is not a positive number', async () => {
    await expect(startServer({ port: 0, requestTimeoutMs: 0, apiKey: 'k', projectId: 'p', outbox: createMemoryOutbox(), logger: createMemoryLogger() })).rejects.toThrow(TypeError);
    await expect(startServer({ port: 0, maxConnections: -1, apiKey: 'k', projectId: 'p', outbox: createMemoryOutbox(), logger: createMemoryLogger() })).rejects.toThrow(TypeError);
  });
});
