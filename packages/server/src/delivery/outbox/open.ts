import { createMemoryOutbox } from './memory.js';
import type { Outbox } from './outbox.js';
import { createPostgresOutbox } from './postgres.js';
import { createSqliteOutbox } from './sqlite.js';

/**
 * Opens the outbox a CLI or worker process names in one string: a `postgres://` URL, `memory`,
 * or a SQLite file path (`./leadbeacon.db`).
 */
export function openOutbox(spec: string): Outbox {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    // `?schema=` picks the schema; pg would not understand it, so it is taken off the URL.
    const url = new URL(spec);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    return createPostgresOutbox({ connectionString: url.href, ...(schema ? { schema } : {}) });
  }
  if (spec === 'memory') return createMemoryOutbox();
  return createSqliteOutbox({ path: spec });
}
