/** The PostgreSQL outbox's table: whether it is there, and the DDL that makes it (first start or `leadbeacon outbox migrate`). */
export const TABLE = 'leadbeacon_outbox';

/** The part of a pg `Pool` the outbox uses, so a host app can pass its own pool. */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<{ rows: any[]; rowCount: number | null }>;
  end(): Promise<void>;
}

/** Whether the table is there with every column this version uses (read from the catalog, no DDL). */
export async function isMigrated(pool: PgPoolLike, schema: string): Promise<boolean> {
  const { rows } = await pool.query(
    `SELECT count(*) AS n FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'body_hash' AND NOT attisdropped`,
    [`"${schema}".${TABLE}`],
  );
  return Number(rows[0].n) === 1;
}

export async function migrate(pool: PgPoolLike, schema: string): Promise<void> {
  const t = `"${schema}".${TABLE}`;
  try {
    // The advisory lock makes concurrent first starts of several instances create the table once.
    // CREATE SCHEMA only when it is missing: even with IF NOT EXISTS it needs CREATE on the database.
    await pool.query(`DO $$ BEGIN
      PERFORM pg_advisory_xact_lock(hashtext('${t}'));
      IF NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = '${schema}') THEN
        CREATE SCHEMA "${schema}";
      END IF;
      CREATE TABLE IF NOT EXISTS ${t} (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        body TEXT,
        body_hash TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        accepted_at BIGINT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT,
        lease_token TEXT,
        lease_until BIGINT,
        last_error TEXT,
        lead_id BIGINT,
        finished_at BIGINT
      );
      ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS body_hash TEXT;
      CREATE INDEX IF NOT EXISTS ${TABLE}_due ON ${t} (status, next_attempt_at, seq);
    END $$`);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    // 42501: insufficient_privilege.
    if (code === '42501') {
      throw Object.assign(new Error(`${t} is missing or out of date and this role may not create it: run \`leadbeacon outbox migrate\` as its owner (${(cause as Error).message})`), { code });
    }
    throw cause;
  }
}
