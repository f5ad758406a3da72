import { randomUUID } from 'node:crypto';
import { OutboxUnavailableError } from '../../errors.js';
import type { LeadTrackrLead } from '../../lead/map-lead.js';
import { bodyHash } from './body-hash.js';
import type { Outbox, OutboxStatus } from './outbox.js';
import { toOutboxRow } from './sqlite.js';
import { isMigrated, migrate, TABLE, type PgPoolLike } from './postgres-schema.js';

export type { PgPoolLike } from './postgres-schema.js';

export interface PostgresOutboxOptions {
  /** A `postgres://` URL; ignored when `pool` is given. @default process.env.DATABASE_URL */
  connectionString?: string;
  /** A pg Pool of the host app's; the outbox then leaves closing it to the app. */
  pool?: PgPoolLike;
  /**
   * The schema holding the `leadbeacon_outbox` table. Schema and table are created on first use
   * when missing and the role may; otherwise run `leadbeacon outbox migrate` once as their owner.
   * @default 'public'
   */
  schema?: string;
}


/**
 * The outbox for apps running several instances: one PostgreSQL table, leases taken with
 * FOR UPDATE SKIP LOCKED so instances never deliver the same row at the same time. `pg` is an
 * optional peer dependency, imported on first use.
 */
export function createPostgresOutbox(options: PostgresOutboxOptions = {}): Outbox {
  const schema = checkedSchema(options.schema);
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!options.pool && !connectionString) throw new TypeError('Expected `connectionString` (or DATABASE_URL) or `pool` for the PostgreSQL outbox');
  const t = `"${schema}".${TABLE}`;
  const ownsPool = !options.pool;
  let ready: Promise<PgPoolLike> | undefined;

  function init(): Promise<PgPoolLike> {
    ready ??= (async () => {
      const pool = options.pool ?? (await createPool(connectionString!));
      // A table that is there is used as it is: no DDL, so a role with only SELECT, INSERT, UPDATE
      // and DELETE on it works. A missing table is created when the role may (first start).
      if (!(await isMigrated(pool, schema))) await migrate(pool, schema);
      return pool;
    })().catch((error: unknown) => {
      ready = undefined; // a database that was down at start may be up on the next call
      throw error;
    });
    return ready;
  }

  async function query(operation: string, text: string, values: unknown[] = []): Promise<{ rows: any[]; rowCount: number | null }> {
    try {
      const pool = await init();
      return await pool.query(text, values);
    } catch (cause) {
      throw new OutboxUnavailableError(operation, { cause });
    }
  }
  const changed = async (operation: string, text: string, values: unknown[]) => (await query(operation, text, values)).rowCount === 1;

  return {
    async append(lead: LeadTrackrLead, now) {
      const id = lead.formData.uniqueEventId;
      const body = JSON.stringify(lead);
      const { rows } = await query(
        'append',
        // A changed body replaces a pending row's (keeping its schedule) or makes a finished row pending again.
        `INSERT INTO ${t} (id, body, body_hash, status, accepted_at, next_attempt_at) VALUES ($1, $2, $4, 'pending', $3, $3)
         ON CONFLICT (id) DO UPDATE SET body = EXCLUDED.body, body_hash = EXCLUDED.body_hash, lease_token = NULL, lease_until = NULL,
           status = 'pending',
           attempts = CASE WHEN ${t}.status = 'pending' THEN ${t}.attempts ELSE 0 END,
           next_attempt_at = CASE WHEN ${t}.status = 'pending' THEN ${t}.next_attempt_at ELSE EXCLUDED.next_attempt_at END,
           finished_at = NULL,
           last_error = CASE WHEN ${t}.status = 'pending' THEN ${t}.last_error ELSE NULL END
           WHERE ${t}.body_hash IS DISTINCT FROM EXCLUDED.body_hash
         RETURNING (xmax = 0) AS inserted`,
        [id, body, now, bodyHash(body)],
      );
      if (rows[0]) return { outcome: rows[0].inserted ? 'stored' : 'updated' };
      const existing = await query('append', `SELECT status, lead_id FROM ${t} WHERE id = $1`, [id]);
      const row = existing.rows[0] as { status: OutboxStatus; lead_id: string | null };
      return { outcome: 'duplicate', status: row.status, leadId: row.lead_id === null ? undefined : Number(row.lead_id) };
    },
    async lease(limit, leaseMs, now) {
      const { rows } = await query(
        'lease',
        `WITH due AS (
           SELECT seq FROM ${t} WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
           ORDER BY seq LIMIT $2 FOR UPDATE SKIP LOCKED)
         UPDATE ${t} o SET lease_token = gen_random_uuid()::text, lease_until = $3, attempts = o.attempts + 1
         FROM due WHERE o.seq = due.seq
         RETURNING o.seq, o.id, o.lease_token, o.body, o.attempts, o.accepted_at`,
        [now, limit, now + leaseMs],
      );
      return rows
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map((r) => ({ id: r.id, leaseToken: r.lease_token, lead: JSON.parse(r.body) as LeadTrackrLead, attempts: r.attempts, acceptedAt: Number(r.accepted_at) }));
    },
    acknowledge: (ref, leadId, now) =>
      changed(
        'acknowledge',
        `UPDATE ${t} SET status = 'delivered', body = NULL, lead_id = $1, finished_at = $2, next_attempt_at = NULL, lease_token = NULL, lease_until = NULL, last_error = NULL
         WHERE id = $3 AND status = 'pending' AND lease_token = $4`,
        [leadId ?? null, now, ref.id, ref.leaseToken],
      ),
    reschedule: (ref, at, error) =>
      changed(
        'reschedule',
        `UPDATE ${t} SET next_attempt_at = $1, last_error = $2, lease_token = NULL, lease_until = NULL WHERE id = $3 AND status = 'pending' AND lease_token = $4`,
        [at, error, ref.id, ref.leaseToken],
      ),
    deadLetter: (ref, reason, now) =>
      changed(
        'deadLetter',
        `UPDATE ${t} SET status = 'dead', last_error = $1, finished_at = $2, next_attempt_at = NULL, lease_token = NULL, lease_until = NULL
         WHERE id = $3 AND status = 'pending' AND lease_token = $4`,
        [reason, now, ref.id, ref.leaseToken],
      ),
    async stats(now) {
      const { rows } = await query(
        'stats',
        `SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'dead') AS dead,
                min(accepted_at) FILTER (WHERE status = 'pending') AS oldest FROM ${t}`,
      );
      const { pending, dead, oldest } = rows[0] as { pending: string; dead: string; oldest: string | null };
      return { pending: Number(pending), dead: Number(dead), oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - Number(oldest)) };
    },
    async probeWrite() {
      // Two statements in one simple query run as one implicit transaction, committed: a real write
      // (WAL included) that leaves a dead tuple and no row. The id cannot be a uniqueEventId.
      const id = `' write probe ${randomUUID()} '`;
      await query('probeWrite', `INSERT INTO ${t} (id, status, accepted_at) VALUES (${id}, 'delivered', 0); DELETE FROM ${t} WHERE id = ${id}`);
    },
    async nextDueAt() {
      const { rows } = await query('nextDueAt', `SELECT min(greatest(next_attempt_at, coalesce(lease_until, 0))) AS at FROM ${t} WHERE status = 'pending'`);
      return rows[0].at === null ? null : Number(rows[0].at);
    },
    async list({ status, limit }) {
      const { rows } = await query('list', `SELECT * FROM ${t} WHERE status = $1 ORDER BY seq LIMIT $2`, [status, limit]);
      return rows.map(toOutboxRow);
    },
    async retry(target, now) {
      const set = `UPDATE ${t} SET status = 'pending', attempts = 0, next_attempt_at = $1, finished_at = NULL WHERE status = 'dead'`;
      const res = 'id' in target ? await query('retry', `${set} AND id = $2`, [now, target.id]) : await query('retry', set, [now]);
      return res.rowCount ?? 0;
    },
    async purge(status, before) {
      return (await query('purge', `DELETE FROM ${t} WHERE status = $1 AND finished_at < $2`, [status, before])).rowCount ?? 0;
    },
    async close() {
      const pool = await ready?.catch(() => undefined);
      ready = Promise.reject(new Error('the outbox is closed'));
      ready.catch(() => {});
      if (pool && ownsPool) await pool.end();
    },
  };
}

/** Creates the outbox's schema (when missing), table and index; safe to run again. */
export async function migratePostgresOutbox(options: PostgresOutboxOptions = {}): Promise<void> {
  const schema = checkedSchema(options.schema);
  const connectionString = options.connectionString ?? process.env.DATABASE_URL;
  if (!options.pool && !connectionString) throw new TypeError('Expected `connectionString` (or DATABASE_URL) or `pool` for the PostgreSQL outbox');
  const pool = options.pool ?? (await createPool(connectionString!));
  try {
    await migrate(pool, schema);
  } finally {
    if (!options.pool) await pool.end();
  }
}

function checkedSchema(schema = 'public'): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new TypeError('Expected `schema` to be a lower-case SQL identifier');
  return schema;
}

async function createPool(connectionString: string): Promise<PgPoolLike> {
  // Left to Node at run time: a bundler (Next.js's Turbopack, webpack) would fail the app's build
  // where the optional `pg` is not installed, though only this outbox needs it.
  const { default: pg } = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ 'pg');
  // Fail fast when the database is down, so the endpoint answers 503 instead of hanging.
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 5_000, max: 10 });
  // An idle client's error (database restarted) must not crash the app; the next query reports it.
  pool.on('error', () => {});
  return pool;
}
