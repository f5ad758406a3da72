import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/outbox.js';
import { createSqliteOutbox } from '../../src/delivery/outbox/sqlite.js';
import { openNodeSqlite } from '../../src/delivery/outbox/sqlite-driver.js';
import { leadFor, tempDir } from '../support/setup.js';

const T0 = Date.UTC(2025, 0, 6, 9);
const DAY = 86_400_000;

describe('leadbeacon outbox', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let path: string;
  beforeEach(async () => {
    tmp = await tempDir();
    path = `${tmp.dir}/outbox.db`;
    const outbox = createSqliteOutbox({ path });
    for (const id of ['evt-pending-1', 'evt-dead-0001', 'evt-dead-0002']) await outbox.append(leadFor(id), T0);
    const [, a, b] = await outbox.lease(3, 60_000, T0);
    await outbox.deadLetter(a!, 'POST …/createServerSideLead → 401 Unauthorized: Invalid or missing API key', T0);
    await outbox.deadLetter(b!, 'too old', T0 + 20 * DAY);
    await outbox.close();
  });
  afterEach(() => tmp.remove());

  async function cli(argv: string[], now = T0 + 30 * DAY) {
    const out = { stdout: '', stderr: '' };
    const code = await run([...argv, '--outbox', path], { stdout: (t) => (out.stdout += t), stderr: (t) => (out.stderr += t), env: {} }, now);
    return { code, ...out };
  }

  it('prints pending and dead counts with the oldest pending age', async () => {
    expect(await cli(['status'])).toEqual({ code: 0, stdout: 'pending  1  (oldest accepted 30d 0h ago)\ndead     2  (leadbeacon outbox list --dead)\n', stderr: '' });
  });

  it('lists dead leads with their reasons', async () => {
    const { code, stdout } = await cli(['list', '--dead']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^uniqueEventId\s+attempts\s+accepted\s+finished\s+last error$/);
    expect(stdout).toMatch(/evt-dead-0001\s+1\s+30d 0h ago\s+30d 0h ago\s+POST …\/createServerSideLead → 401 Unauthorized: Invalid or missing API key/);
  });

  it('retries one dead lead by id, and fails for an unknown id', async () => {
    expect((await cli(['retry', 'evt-dead-0001'])).stdout).toBe('1 dead lead queued for delivery again\n');
    expect(await cli(['retry', 'evt-nope-0000'])).toMatchObject({ code: 1, stderr: 'no dead lead with uniqueEventId evt-nope-0000\n' });
    expect((await cli(['status'])).stdout).toMatch(/^pending  2 .*\ndead     1/);
  });

  it('retries every dead lead', async () => {
    expect((await cli(['retry', '--dead'])).stdout).toBe('2 dead leads queued for delivery again\n');
  });

  it('purges only dead leads older than the given age', async () => {
    expect((await cli(['purge', '--dead', '--older-than', '15d'])).stdout).toBe('1 dead lead older than 15d purged\n');
    expect((await cli(['list', '--dead'])).stdout).toContain('evt-dead-0002');
  });

  it('explains a purge without --older-than instead of purging', async () => {
    const { code, stderr } = await cli(['purge', '--dead']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^purge needs --older-than <age>/);
    expect((await cli(['status'])).stdout).toMatch(/dead     2/);
  });

  it('reports an unreachable outbox as an error, not a crash', async () => {
    const out = { stderr: '' };
    const code = await run(['status', '--outbox', 'postgres://postgres@127.0.0.1:1/test'], { stdout: () => {}, stderr: (t) => (out.stderr += t), env: {} });
    expect(code).toBe(1);
    expect(out.stderr).toMatch(/^leadbeacon outbox status: Outbox stats failed: ECONNREFUSED/);
  });

  it('escapes terminal control sequences that an upstream message carries', async () => {
    const outbox = createSqliteOutbox({ path });
    await outbox.append(leadFor('evt-escape-01'), T0);
    const [leased] = await outbox.lease(1, 60_000, T0);
    await outbox.deadLetter(leased!, 'POST … → 400: \x1b[31mred\x1b[0m \x1b]0;title\x07 \x9b2J', T0);
    await outbox.close();
    const { stdout } = await cli(['list', '--dead']);
    expect(stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(stdout).toContain('400: \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 \\x9b2J');
  });

  it('escapes control characters in an id it echoes', async () => {
    expect((await cli(['retry', 'evt-\x1b[2J'])).stderr).toBe('no dead lead with uniqueEventId evt-\\x1b[2J\n');
  });

  it('purges delivered leads older than three days by default, or than --older-than', async () => {
    const outbox = createSqliteOutbox({ path });
    await outbox.append(leadFor('evt-deliv-0001'), T0);
    await outbox.append(leadFor('evt-deliv-0002'), T0);
    const [a, b] = await outbox.lease(2, 60_000, T0 + 30 * DAY);
    await outbox.acknowledge(a!, 1, T0 + 26 * DAY);
    await outbox.acknowledge(b!, 2, T0 + 28 * DAY);
    await outbox.close();
    expect(await cli(['purge', '--delivered'])).toEqual({ code: 0, stdout: '1 delivered lead older than 3d purged\n', stderr: '' });
    expect((await cli(['purge', '--delivered', '--older-than', '1d'])).stdout).toBe('1 delivered lead older than 1d purged\n');
    expect((await cli(['list', '--dead'])).stdout).toContain('evt-dead-0001');
  });

  it('asks for --dead or --delivered to purge', async () => {
    expect(await cli(['purge', '--older-than', '1d'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^purge needs --dead or --delivered/) });
  });

  it('migrates an outbox file made before incremental auto-vacuum, once', async () => {
    const old = `${tmp.dir}/old.db`;
    const raw = openNodeSqlite(old, 1_000);
    raw.exec('CREATE TABLE other (x)'); // a file with a table already keeps auto_vacuum off
    raw.close();
    await createSqliteOutbox({ path: old }).close();
    const autoVacuum = () => {
      const db = openNodeSqlite(old, 1_000);
      const mode = (db.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum;
      db.close();
      return mode;
    };
    expect(autoVacuum()).toBe(0);
    let out = '';
    expect(await run(['migrate', '--outbox', old], { stdout: () => {}, stderr: () => {}, env: {} })).toBe(0);
    expect(autoVacuum()).toBe(2);
    await run(['migrate', '--outbox', old], { stdout: (t) => void (out += t), stderr: () => {}, env: {} });
    expect(out).toBe(`SQLite file ${old} is ready\n`);
  });
});
