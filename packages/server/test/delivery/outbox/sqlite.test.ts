import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { statSync } from 'node:fs';
import { createSqliteOutbox } from '../../../src/delivery/outbox/sqlite.js';
import { leadFor, tempDir } from '../../support/setup.js';
import { holdWriteLock } from '../../support/write-lock.js';
import { openNodeSqlite } from '../../../src/delivery/outbox/sqlite-driver.js';

describe('SQLite outbox', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (tmp = await tempDir()));
  afterEach(() => tmp.remove());

  it('creates its file and folder on first use, in WAL mode', async () => {
    const path = `${tmp.dir}/nested/leads.db`;
    const outbox = createSqliteOutbox({ path });
    await outbox.append(leadFor('evt-aaaaaaaa'), 1);
    await outbox.close();
    const db = openNodeSqlite(path, 0);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('keeps pending leads across a reopen', async () => {
    const path = `${tmp.dir}/leads.db`;
    const first = createSqliteOutbox({ path, synchronous: 'normal' });
    await first.append(leadFor('evt-aaaaaaaa'), 1);
    await first.close();
    const second = createSqliteOutbox({ path });
    expect(await second.lease(5, 1_000, 2)).toMatchObject([{ id: 'evt-aaaaaaaa', lead: leadFor('evt-aaaaaaaa') }]);
    await second.close();
  });

  it('throws a TypeError for an unknown synchronous level', () => {
    expect(() => createSqliteOutbox({ path: `${tmp.dir}/x.db`, synchronous: 'off' as 'full' })).toThrow(TypeError);
  });
});

describe('SQLite outbox group commit', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (tmp = await tempDir()));
  afterEach(() => tmp.remove());

  it('gives each append of one event-loop turn its own outcome, a repeat in the batch included', async () => {
    const path = `${tmp.dir}/batch.db`;
    const outbox = createSqliteOutbox({ path });
    const results = await Promise.all([
      outbox.append(leadFor('evt-batch-0001'), 1),
      outbox.append(leadFor('evt-batch-0002'), 1),
      outbox.append(leadFor('evt-batch-0001'), 1),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['stored', 'stored', 'duplicate']);
    const db = openNodeSqlite(path, 0);
    expect(db.prepare('SELECT count(*) AS n FROM leadbeacon_outbox').get()).toEqual({ n: 2 });
    db.close();
    await outbox.close();
  });

  it('rejects every append of a batch that could not be written', async () => {
    const path = `${tmp.dir}/locked.db`;
    const outbox = createSqliteOutbox({ path, busyTimeoutMs: 50 });
    await outbox.append(leadFor('evt-first-0001'), 1);
    const locker = openNodeSqlite(path, 0);
    locker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([outbox.append(leadFor('evt-lock-0001'), 2), outbox.append(leadFor('evt-lock-0002'), 2)]);
    locker.exec('ROLLBACK');
    locker.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'LB_ERR_OUTBOX_UNAVAILABLE' });
    expect(await outbox.append(leadFor('evt-lock-0001'), 3)).toEqual({ outcome: 'stored' });
    await outbox.close();
  });
});

describe('SQLite outbox under another process’s write lock', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (tmp = await tempDir()));
  afterEach(() => tmp.remove());

  it('keeps the event loop running while a write waits, and fails it after busyTimeoutMs', async () => {
    const path = `${tmp.dir}/locked.db`;
    const outbox = createSqliteOutbox({ path, busyTimeoutMs: 400 });
    const lock = await holdWriteLock(path);
    const started = performance.now();
    const append = outbox.append(leadFor('evt-lock-0001'), 1).then(() => 'stored', (error: { code?: string }) => error.code);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const outcome = await append;
    clearInterval(ticker);
    const ms = performance.now() - started;
    await lock.release();
    expect(outcome).toBe('LB_ERR_OUTBOX_UNAVAILABLE');
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1_000);
    expect(ticks).toBeGreaterThan(10);
    await outbox.close();
  });

  it('stores a write once a lock is released within busyTimeoutMs', async () => {
    const path = `${tmp.dir}/released.db`;
    const outbox = createSqliteOutbox({ path, busyTimeoutMs: 5_000 });
    const lock = await holdWriteLock(path);
    const append = outbox.append(leadFor('evt-lock-0002'), 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await lock.release();
    expect(await append).toEqual({ outcome: 'stored' });
    await outbox.close();
  });
});

describe('SQLite outbox space', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (tmp = await tempDir()));
  afterEach(() => tmp.remove());

  it('gives the pages of purged delivered rows back and empties the WAL', async () => {
    const path = `${tmp.dir}/space.db`;
    const outbox = createSqliteOutbox({ path, synchronous: 'normal' });
    for (let i = 0; i < 3_000; i++) void outbox.append(leadFor(`evt-space-${String(i).padStart(5, '0')}`, { note: 'x'.repeat(300) }), 1);
    await outbox.append(leadFor('evt-space-last'), 1);
    for (let leased = await outbox.lease(500, 60_000, 2); leased.length; leased = await outbox.lease(500, 60_000, 2)) {
      await Promise.all(leased.map((l) => outbox.acknowledge(l, 1, 3)));
    }
    const pages = () => {
      const db = openNodeSqlite(path, 1_000);
      const count = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      const free = (db.prepare('PRAGMA freelist_count').get() as { freelist_count: number }).freelist_count;
      db.close();
      return { count, free };
    };
    const before = pages();
    expect(await outbox.purge('delivered', 4)).toBe(3_001);
    expect(statSync(`${path}-wal`).size).toBe(0);
    const after = pages();
    await outbox.close();
    expect(after.free).toBe(0);
    expect(after.count).toBeLessThan(before.count / 4);
  });
});

describe('loading node:sqlite', () => {
  // Node 22 warns that node:sqlite is experimental; later lines print nothing, so this test
  // proves something on Node 22, where CI runs it too.
  it('drops the one experimental warning of node:sqlite and lets every other warning through', async () => {
    const script = `import('./src/delivery/outbox/sqlite-driver.ts').then((m) => { m.openNodeSqlite(':memory:', 0).close(); process.emitWarning('another warning'); })`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: fileURLToPath(new URL('../../..', import.meta.url)), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    expect(stderr).toContain('another warning');
    expect(stderr).not.toContain('SQLite');
  });
});
