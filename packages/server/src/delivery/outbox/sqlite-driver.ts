/**
 * The part of a synchronous SQLite connection the outbox uses. Node's built-in `node:sqlite`
 * (`DatabaseSync`) is the driver; the shape is kept this small so the benchmark can run the same
 * outbox over better-sqlite3, whose API has the same names.
 */
export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
  readonly isOpen: boolean;
}

export interface SqliteStatement {
  run(...params: SqliteValue[]): { changes: number | bigint };
  get(...params: SqliteValue[]): unknown;
  all(...params: SqliteValue[]): unknown[];
}

export type SqliteValue = string | number | bigint | null;

interface NodeSqlite {
  DatabaseSync: new (path: string, options?: { timeout?: number }) => SqliteDatabase;
}

let nodeSqlite: NodeSqlite | undefined;

/**
 * Opens `path` with node:sqlite, loaded on first use so that importing the package opens nothing.
 * Node 22 marks node:sqlite experimental and warns once on load; that one warning is dropped here
 * (the API the outbox uses is covered by its tests on every supported Node line), every other
 * warning goes through untouched.
 */
export function openNodeSqlite(path: string, busyTimeoutMs: number): SqliteDatabase {
  nodeSqlite ??= loadQuietly();
  return nodeSqlite.DatabaseSync ? new nodeSqlite.DatabaseSync(path, { timeout: busyTimeoutMs }) : unsupported();
}

function loadQuietly(): NodeSqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type ?? (warning as Error).name;
    if (type === 'ExperimentalWarning' && /^SQLite is an experimental feature/.test(text)) return;
    return (emitWarning as (...args: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return (process.getBuiltinModule?.('node:sqlite') as NodeSqlite | undefined) ?? ({} as NodeSqlite);
  } finally {
    process.emitWarning = emitWarning;
  }
}

function unsupported(): never {
  throw new Error(`node:sqlite is not available in Node ${process.version}: the SQLite outbox needs Node 22.13 or later (or use the PostgreSQL outbox)`);
}

/** SQLITE_BUSY (5) and SQLITE_LOCKED (6): another connection holds the lock; worth waiting for. */
export function isBusy(error: unknown): boolean {
  const code = (error as { errcode?: number; code?: string } | undefined)?.errcode ?? -1;
  return (code & 0xff) === 5 || (code & 0xff) === 6 || (error as { code?: string })?.code === 'SQLITE_BUSY';
}
