import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type StandaloneServer } from '../../src/adapters/serve.js';
import { createSqliteOutbox } from '../../src/delivery/outbox/sqlite.js';
import { createMemoryLogger, tempDir, validBeacon } from '../support/setup.js';
import { holdWriteLock } from '../support/write-lock.js';

const ORIGIN = 'https://www.site.example';

// The standalone server over a SQLite file that another process locks: liveness stays instant,
// readiness and leads say 503 within the outbox's busy wait.
describe('standalone server on a locked SQLite outbox', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let server: StandaloneServer;
  let path: string;
  beforeEach(async () => {
    tmp = await tempDir();
    path = `${tmp.dir}/outbox.db`;
    server = await startServer({
      port: 0, host: '127.0.0.1', apiKey: 'k', projectId: 'proj-test', apiUrl: 'http://127.0.0.1:9', allowedOrigins: [ORIGIN],
      logger: createMemoryLogger(), worker: false, rateLimit: false, minPageMs: 0, outbox: createSqliteOutbox({ path }),
    });
  });
  afterEach(async () => {
    await server.close();
    await tmp.remove();
  });

  const timed = async (request: Promise<Response>) => {
    const started = performance.now();
    const res = await request;
    return { status: res.status, ms: performance.now() - started, body: await res.text() };
  };
  const postLead = () => fetch(`${server.url}/leadbeacon`, { method: 'POST', body: JSON.stringify(validBeacon), headers: { origin: ORIGIN, 'content-type': 'text/plain' } });

  it('answers /healthz at once while a lead waits for the lock, and the lead 503 within about a second', async () => {
    const lock = await holdWriteLock(path);
    try {
      const lead = timed(postLead());
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await timed(fetch(`${server.url}/healthz`));
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(250);
      const answered = await lead;
      expect(answered.status).toBe(503);
      expect(answered.ms).toBeLessThan(2_500);
    } finally {
      await lock.release();
    }
    expect((await postLead()).status).toBe(202);
  });

  it('answers /readyz 503 while another process holds the write lock, and 200 once it is released', async () => {
    const lock = await holdWriteLock(path);
    let locked;
    try {
      locked = await timed(fetch(`${server.url}/readyz`));
    } finally {
      await lock.release();
    }
    expect(locked.status).toBe(503);
    expect(JSON.parse(locked.body)).toEqual({ ok: false, reason: 'store_unavailable' });
    expect(locked.ms).toBeLessThan(2_500);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('answers /readyz 503 when the outbox table was dropped under it', async () => {
    const { openNodeSqlite } = await import('../../src/delivery/outbox/sqlite-driver.js');
    const other = openNodeSqlite(path, 5_000);
    other.exec('DROP TABLE leadbeacon_outbox');
    other.close();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });
});

/** A 256 KiB tmpfs to fill up, or why there cannot be one here (mounting needs root). */
async function smallDisk(): Promise<{ dir: string; unmount(): void } | string> {
  const dir = await mkdtemp(join(tmpdir(), 'leadbeacon-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { stdio: 'pipe' });
    return { dir, unmount: () => (execFileSync('umount', ['-l', dir]), rmSync(dir, { recursive: true, force: true })) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = `cannot mount a small tmpfs (${String((error as Error).message).split('\n')[0]}): skipping the full-disk test`;
    console.warn(reason);
    return reason;
  }
}

const disk = await smallDisk();

describe.skipIf(typeof disk === 'string')('standalone server on a full disk', () => {
  afterAll(() => typeof disk !== 'string' && disk.unmount());

  it('answers leads and /readyz 503 once the disk is full, and keeps running', async () => {
    const { dir } = disk as Exclude<typeof disk, string>;
    const server = await startServer({
      port: 0, host: '127.0.0.1', apiKey: 'k', projectId: 'proj-test', apiUrl: 'http://127.0.0.1:9', allowedOrigins: [ORIGIN],
      logger: createMemoryLogger(), worker: false, rateLimit: false, minPageMs: 0, outbox: createSqliteOutbox({ path: `${dir}/outbox.db` }),
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 500 && !statuses.includes(503); i++) {
        const body = JSON.stringify({ ...validBeacon, uniqueEventId: `evt-full-${String(i).padStart(5, '0')}` });
        statuses.push((await fetch(`${server.url}/leadbeacon`, { method: 'POST', body, headers: { origin: ORIGIN, 'content-type': 'text/plain' } })).status);
      }
      expect(statuses).toContain(503);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
