import { afterEach, describe, expect, it, vi } from 'vitest';
import { send, shouldKeep } from '../src/send';
import { startEndpoint, type TestEndpoint } from './support/endpoint';

describe('shouldKeep', () => {
  it('drops on any 2xx (acknowledged) and on a final 4xx', () => {
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404, 413, 415]) expect(shouldKeep(status), String(status)).toBe(false);
  });

  it('keeps on 408, 429, 5xx and no readable answer', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(shouldKeep(status), String(status)).toBe(true);
  });
});

describe('send', () => {
  let endpoint: TestEndpoint | undefined;
  afterEach(async () => {
    vi.unstubAllGlobals();
    await endpoint?.close();
  });

  it('posts the body as text/plain and resolves to the status', async () => {
    endpoint = await startEndpoint();
    endpoint.status = 202;
    expect(await send(endpoint.url, '{"a":1}')).toBe(202);
    expect(endpoint.bodies).toEqual(['{"a":1}']);
  });

  it('resolves to 0 when the endpoint cannot be reached', async () => {
    endpoint = await startEndpoint();
    const { url } = endpoint;
    await endpoint.close();
    endpoint = undefined;
    expect(await send(url, '{}')).toBe(0);
  });

  it('falls back to sendBeacon when fetch throws, and resolves to 0 (no answer to read)', async () => {
    const beacons: [string, string][] = [];
    vi.stubGlobal('fetch', undefined);
    vi.stubGlobal('navigator', { sendBeacon: (url: string, body: string) => beacons.push([url, body]) > 0 });
    expect(await send('https://site.example/leadbeacon', 'b')).toBe(0);
    expect(beacons).toEqual([['https://site.example/leadbeacon', 'b']]);
  });
});
