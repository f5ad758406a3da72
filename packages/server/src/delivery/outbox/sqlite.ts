import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OutboxUnavailableError } from '../../errors.js';
import type { LeadTrackrLead } from '../../lead/map-lead.js';
import { bodyHash } from './body-hash.js';
import { openNodeSqlite, type SqliteDatabase, type SqliteStatement, type SqliteValue } from './sqlite-driver.js';
import { createSqliteRunner } from './sqlite-runner.js';
import type { AppendResult, Outbox, OutboxRow, OutboxStatus } from './outbox.js';

export interface SqliteOutboxOptions {
  /** The database file; created, with its folder, when missing. @default './leadbeacon.db' */
  path?: string;
  /**
   * SQLite's `synchronous` in WAL mode. `full` fsyncs every commit, so a 2xx survives a power
   * cut; `normal` survives a crashed or killed process but may lose the last commits on power
   * loss, for more leads per second (docs/benchmarks.md). @default 'full'
   */
  synchronous?: 'full' | 'normal';
  /**
   * How long a read or write waits for another process's lock before it fails (503). The wait is
   * a timer, never a block of the event loop. @default 1_000
   */
  busyTimeoutMs?: number;
}

const TABLE = 'leadbeacon_outbox';

// One table; `seq` keeps the order of acceptance, `id` is the uniqueEventId (one row per id).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${TABLE} (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  body TEXT,
  body_hash TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  accepted_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_token TEXT,
  lease_until INTEGER,
  last_error TEXT,
  lead_id INTEGER,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS ${TABLE}_due ON ${TABLE} (status, next_attempt_at, seq);
`;

interface Row {
  seq: number;
  id: string;
  body: string | null;
  body_hash: string | null;
  status: OutboxStatus;
  accepted_at: number;
  attempts: number;
  next_attempt_at: number | null;
  lease_token: string | null;
  lease_until: number | null;
  last_error: string | null;
  lead_id: number | null;
  finished_at: number | null;
}

/** The embedded default: one SQLite file (node:sqlite) in WAL mode, zero set-up, safe for one host's processes. */
export function createSqliteOutbox(options: SqliteOutboxOptions = {}): Outbox {
  const path = resolve(options.path ?? './leadbeacon.db');
  const synchronous = options.synchronous ?? 'full';
  if (synchronous !== 'full' && synchronous !== 'normal') throw new TypeError('Expected `synchronous` to be "full" or "normal"');
  const busyTimeoutMs = options.busyTimeoutMs ?? 1_000;
  if (!(busyTimeoutMs >= 0)) throw new TypeError('Expected `busyTimeoutMs` to be zero or more');
  let db: SqliteDatabase;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = openNodeSqlite(path, busyTimeoutMs);
  } catch (cause) {
    throw new OutboxUnavailableError(`open ${path}`, { cause });
  }
  return createSqliteOutboxOn(db, { path, synchronous, busyTimeoutMs });
}

/**
 * Creates or upgrades the file's table, and turns on incremental auto-vacuum in a file made before
 * it was the default (a VACUUM: it rewrites the file, so it is a step of its own, never a start-up
 * cost). Resolves to whether the file was rewritten.
 */
export async function migrateSqliteOutbox(options: Pick<SqliteOutboxOptions, 'path'> = {}): Promise<boolean> {
  await createSqliteOutbox(options).close();
  const db = openNodeSqlite(resolve(options.path ?? './leadbeacon.db'), 5_000);
  try {
    if ((db.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum !== 0) return false;
    db.exec('PRAGMA auto_vacuum = INCREMENTAL; VACUUM');
    return true;
  } finally {
    db.close();
  }
}

/**
 * The outbox over an open connection: node:sqlite's in production; the benchmark passes
 * better-sqlite3's to compare the drivers under the same code.
 */
export function createSqliteOutboxOn(db: SqliteDatabase, settings: { path: string; synchronous: 'full' | 'normal'; busyTimeoutMs: number }): Outbox {
  try {
    // Incremental auto-vacuum (set before the table exists, so new files only) lets a purge give
    // pages back to the file system; the WAL is cut back to 64 MiB after a checkpoint that emptied it.
    db.exec('PRAGMA auto_vacuum = INCREMENTAL');
    db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${settings.synchronous.toUpperCase()}; PRAGMA journal_size_limit = 67108864`);
    db.exec(SCHEMA);
    // Files created before body_hash existed get the column; their delivered rows count as changed once.
    if (!(db.prepare(`PRAGMA table_info(${TABLE})`).all() as { name: string }[]).some((c) => c.name === 'body_hash')) {
      db.exec(`ALTER TABLE ${TABLE} ADD COLUMN body_hash TEXT`);
    }
    // Opening may wait for a lock on the thread (once, at start); from here on, waits are timers.
    db.exec('PRAGMA busy_timeout = 0');
  } catch (cause) {
    if (db.isOpen) db.close();
    throw new OutboxUnavailableError(`open ${settings.path}`, { cause });
  }

  const runner = createSqliteRunner(db, settings.busyTimeoutMs);
  const prepare = <R = Row>(sql: string) => typed<R>(db.prepare(sql));
  const q = {
    get: prepare(`SELECT * FROM ${TABLE} WHERE id = ?`),
    insert: prepare(`INSERT INTO ${TABLE} (id, body, body_hash, status, accepted_at, next_attempt_at) VALUES (?, ?, ?, 'pending', ?, ?)`),
    update: prepare(`UPDATE ${TABLE} SET body = ?, body_hash = ?, lease_token = NULL, lease_until = NULL WHERE id = ?`),
    requeue: prepare(
      `UPDATE ${TABLE} SET body = ?, body_hash = ?, status = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL, last_error = NULL, lease_token = NULL, lease_until = NULL WHERE id = ?`,
    ),
    due: prepare(
      `SELECT * FROM ${TABLE} WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY seq LIMIT ?`,
    ),
    take: prepare(`UPDATE ${TABLE} SET lease_token = ?, lease_until = ?, attempts = attempts + 1 WHERE seq = ?`),
    ack: prepare(
      `UPDATE ${TABLE} SET status = 'delivered', body = NULL, lead_id = ?, finished_at = ?, next_attempt_at = NULL, lease_token = NULL, lease_until = NULL, last_error = NULL
       WHERE id = ? AND status = 'pending' AND lease_token = ?`,
    ),
    reschedule: prepare(
      `UPDATE ${TABLE} SET next_attempt_at = ?, last_error = ?, lease_token = NULL, lease_until = NULL WHERE id = ? AND status = 'pending' AND lease_token = ?`,
    ),
    dead: prepare(
      `UPDATE ${TABLE} SET status = 'dead', last_error = ?, finished_at = ?, next_attempt_at = NULL, lease_token = NULL, lease_until = NULL
       WHERE id = ? AND status = 'pending' AND lease_token = ?`,
    ),
    stats: prepare<{ pending: number; dead: number; oldest: number | null }>(
      `SELECT (SELECT count(*) FROM ${TABLE} WHERE status = 'pending') AS pending, (SELECT count(*) FROM ${TABLE} WHERE status = 'dead') AS dead,
              (SELECT min(accepted_at) FROM ${TABLE} WHERE status = 'pending') AS oldest`,
    ),
    nextDue: prepare<{ at: number | null }>(`SELECT min(max(next_attempt_at, coalesce(lease_until, 0))) AS at FROM ${TABLE} WHERE status = 'pending'`),
    list: prepare(`SELECT * FROM ${TABLE} WHERE status = ? ORDER BY seq LIMIT ?`),
    retryOne: prepare(`UPDATE ${TABLE} SET status = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL WHERE id = ? AND status = 'dead'`),
    retryAll: prepare(`UPDATE ${TABLE} SET status = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL WHERE status = 'dead'`),
    // The id cannot be a uniqueEventId (the schema allows no spaces), so the probe never meets a lead.
    probeInsert: prepare(`INSERT INTO ${TABLE} (seq, id, status, accepted_at) VALUES (-1, ' write probe ', 'delivered', 0)`),
    probeDelete: prepare(`DELETE FROM ${TABLE} WHERE seq = -1`),
    purge: prepare(`DELETE FROM ${TABLE} WHERE status = ? AND finished_at < ?`),
  };

  // Rows are handled in order, so a repeat of an id within one commit sees the row just inserted.
  function appendRow(id: string, body: string, now: number): AppendResult {
    const row = q.get.get(id);
    const hash = bodyHash(body);
    if (!row) {
      q.insert.run(id, body, hash, now, now);
      return { outcome: 'stored' };
    }
    if (row.body_hash !== hash) {
      if (row.status === 'pending') q.update.run(body, hash, id);
      else q.requeue.run(body, hash, now, id);
      return { outcome: 'updated' };
    }
    return { outcome: 'duplicate', status: row.status, leadId: row.lead_id ?? undefined };
  }

  // Moves the WAL's pages into the file and empties it. Without waiting: when another connection
  // is reading, SQLite's own automatic checkpoints do it later.
  function checkpoint(): void {
    try {
      db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // busy or closed: nothing is lost, the WAL stays as it is
    }
  }

  const lease = (limit: number, leaseMs: number, now: number) =>
    q.due.all(now, now, limit).map((row) => {
      const leaseToken = randomUUID();
      q.take.run(leaseToken, now + leaseMs, row.seq);
      return { id: row.id, leaseToken, lead: JSON.parse(row.body!) as LeadTrackrLead, attempts: row.attempts + 1, acceptedAt: Number(row.accepted_at) };
    });

  return {
    append: (lead, now) => runner.write('append', () => appendRow(lead.formData.uniqueEventId, JSON.stringify(lead), now)),
    lease: (limit, leaseMs, now) => runner.write('lease', () => lease(limit, leaseMs, now)),
    acknowledge: (ref, leadId, now) => runner.write('acknowledge', () => Number(q.ack.run(leadId ?? null, now, ref.id, ref.leaseToken).changes) === 1),
    reschedule: (ref, at, error) => runner.write('reschedule', () => Number(q.reschedule.run(at, error, ref.id, ref.leaseToken).changes) === 1),
    deadLetter: (ref, reason, now) => runner.write('deadLetter', () => Number(q.dead.run(reason, now, ref.id, ref.leaseToken).changes) === 1),
    stats: (now) =>
      runner.read('stats', () => {
        const { pending, dead, oldest } = q.stats.get()!;
        return { pending: Number(pending), dead: Number(dead), oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - Number(oldest)) };
      }),
    probeWrite: () =>
      runner.write('probeWrite', () => {
        q.probeInsert.run();
        q.probeDelete.run();
      }),
    nextDueAt: () =>
      runner.read('nextDueAt', () => {
        const { at } = q.nextDue.get()!;
        return at === null ? null : Number(at);
      }),
    list: ({ status, limit }) => runner.read('list', () => q.list.all(status, limit).map(toOutboxRow)),
    retry: (target, now) => runner.write('retry', () => Number(('id' in target ? q.retryOne.run(now, target.id) : q.retryAll.run(now)).changes)),
    async purge(status, before) {
      const purged = await runner.write('purge', () => {
        const count = Number(q.purge.run(status, before).changes);
        // Files made before auto-vacuum was set keep their size and reuse the freed pages instead.
        if (count) db.exec('PRAGMA incremental_vacuum');
        return count;
      });
      if (purged) checkpoint();
      return purged;
    },
    async close() {
      runner.flush();
      if (db.isOpen) db.close();
    },
  };
}

export function toOutboxRow(row: Row): OutboxRow {
  return {
    id: row.id,
    status: row.status,
    acceptedAt: Number(row.accepted_at),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    lastError: row.last_error,
    leadId: row.lead_id === null ? null : Number(row.lead_id),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

/** A statement with the row type its query returns (node:sqlite returns plain objects). */
function typed<R>(statement: SqliteStatement) {
  return {
    run: (...params: SqliteValue[]) => statement.run(...params),
    get: (...params: SqliteValue[]) => statement.get(...params) as R | undefined,
    all: (...params: SqliteValue[]) => statement.all(...params) as R[],
  };
}
