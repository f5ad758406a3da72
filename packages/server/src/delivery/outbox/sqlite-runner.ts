import { OutboxUnavailableError } from '../../errors.js';
import { isBusy, type SqliteDatabase } from './sqlite-driver.js';

/** How one connection's statements run: writes by group commit, and neither ever blocks on a lock. */
export interface SqliteRunner {
  /** Runs `work` inside the next group commit; resolves with its result once committed. */
  write<T>(operation: string, work: () => T): Promise<T>;
  /** Runs a read, waiting (asynchronously) while another connection holds a lock that bars it. */
  read<T>(operation: string, work: () => T): Promise<T>;
  /** Commits what is queued now (close()). */
  flush(): void;
}

interface PendingWrite {
  operation: string;
  work(): unknown;
  deadline: number;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

// Retries start fast (a lock is usually held for one commit, about a millisecond) and back off to
// a few polls per 100 ms, so a long-held lock costs little CPU.
const FIRST_RETRY_MS = 1;
const MAX_RETRY_MS = 25;

/**
 * Group commit: the writes of one event-loop turn (appends from requests, acknowledgements from the
 * worker) share one transaction, so one fsync (synchronous=FULL) covers them all; each caller still
 * hears only after the commit. BEGIN IMMEDIATE takes the write lock up front, so two processes never
 * both read then both insert.
 *
 * The connection's own busy timeout is 0: SQLite's wait for a lock is a sleep on the calling thread,
 * which here is the event loop (a 5 s wait per write froze every request, health checks included).
 * A write that meets another process's lock waits on a timer instead, and fails after `busyTimeoutMs`.
 */
export function createSqliteRunner(db: SqliteDatabase, busyTimeoutMs: number): SqliteRunner {
  let queued: PendingWrite[] = [];
  let scheduled = false;
  let retryMs = 0;

  function schedule(delayMs: number): void {
    scheduled = true;
    if (delayMs === 0) setImmediate(flush);
    else setTimeout(flush, delayMs);
  }

  function flush(): void {
    scheduled = false;
    if (queued.length === 0) return;
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (cause) {
      if (!isBusy(cause)) return failAll(queued.splice(0), cause);
      const now = Date.now();
      failAll(queued.filter((item) => item.deadline <= now), cause);
      queued = queued.filter((item) => item.deadline > now);
      retryMs = Math.min(Math.max(retryMs * 2, FIRST_RETRY_MS), MAX_RETRY_MS);
      if (queued.length) schedule(retryMs);
      return;
    }
    retryMs = 0;
    const batch = queued.splice(0);
    let results: unknown[];
    try {
      results = batch.map((item) => item.work());
      db.exec('COMMIT');
    } catch (cause) {
      rollback();
      // One failed commit fails every write in it: none of them is stored.
      return failAll(batch, cause);
    }
    batch.forEach((item, i) => item.resolve(results[i]));
  }

  // SQLite has already rolled back after some errors (SQLITE_FULL at COMMIT, an I/O error), and
  // then ROLLBACK throws "no transaction is active": thrown from this timer, it would end the process.
  function rollback(): void {
    try {
      if (db.isOpen) db.exec('ROLLBACK');
    } catch {
      // no transaction left to roll back
    }
  }

  function failAll(items: PendingWrite[], cause: unknown): void {
    for (const item of items) item.reject(new OutboxUnavailableError(item.operation, { cause }));
  }

  return {
    write<T>(operation: string, work: () => T) {
      return new Promise<T>((resolve, reject) => {
        queued.push({ operation, work, deadline: Date.now() + busyTimeoutMs, resolve: resolve as (result: unknown) => void, reject });
        if (!scheduled) schedule(0);
      });
    },
    async read<T>(operation: string, work: () => T) {
      const deadline = Date.now() + busyTimeoutMs;
      for (let waitMs = FIRST_RETRY_MS; ; waitMs = Math.min(waitMs * 2, MAX_RETRY_MS)) {
        try {
          return work();
        } catch (cause) {
          if (!isBusy(cause) || Date.now() >= deadline) throw new OutboxUnavailableError(operation, { cause });
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
    flush,
  };
}
