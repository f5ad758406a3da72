import { createMemoryOutbox } from './memory.js';
import type { Outbox } from './outbox.js';
import { createPostgresOutbox, migratePostgresOutbox, type PostgresOutboxOptions } from './postgres.js';
import { createSqliteOutbox, migrateSqliteOutbox } from './sqlite.js';

/**
 * Opens the outbox a CLI or worker process names in one string: a `postgres://` URL, `memory`,
 * or a SQLite file path (`./leadbeacon.db`).
 */
export function openOutbox(spec: string): Outbox {
  if (isPostgres(spec)) return createPostgresOutbox(postgresOptions(spec));
  if (spec === 'memory') return createMemoryOutbox();
  return createSqliteOutbox({ path: spec });
}

/** Creates or upgrades the named outbox's table; says what was done, without credentials. */
export async function migrateOutbox(spec: string): Promise<string> {
  if (isPostgres(spec)) {
    const options = postgresOptions(spec);
    await migratePostgresOutbox(options);
    return `PostgreSQL table "${options.schema ?? 'public'}".leadbeacon_outbox is ready`;
  }
  if (spec === 'memory') return 'the memory outbox has no table';
  const rewritten = await migrateSqliteOutbox({ path: spec });
  return `SQLite file ${spec} is ready${rewritten ? ' (rewritten once with incremental auto-vacuum, so purges give space back)' : ''}`;
}

const isPostgres = (spec: string) => /^postgres(ql)?:\/\//.test(spec);

function postgresOptions(spec: string): PostgresOutboxOptions {
  // `?schema=` picks the schema; pg would not understand it, so it is taken off the URL.
  const url = new URL(spec);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  return { connectionString: url.href, ...(schema ? { schema } : {}) };
}
