import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from '../../src/outbox/sqlite.js';
import { leadFor, tempDir } from '../support/setup.js';

describe('SQLite outbox', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (tmp = await tempDir()));
  afterEach(() => tmp.remove());

  it('creates its file and folder on first use, in WAL mode', async () => {
    const path = `${tmp.dir}/nested/leads.db`;
    const outbox = createSqliteOutbox({ path });
    await outbox.append(leadFor('evt-aaaaaaaa'), 1);
    await outbox.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
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
