/**
 * One outbox driver in a process of its own, for bench/outbox-drivers.ts:
 *   node --import tsx outbox-driver-child.ts <node:sqlite|better-sqlite3> <full|normal> <file> <seconds> <throughput|ack>
 * `throughput` prints {appends, seconds, p50, p99} as JSON; `ack` prints each uniqueEventId once
 * its append resolved (acknowledged), until it is killed.
 * BENCH_BETTER_SQLITE3 names the folder better-sqlite3 was installed in.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createSqliteOutboxOn } from '../src/delivery/outbox/sqlite.js';
import type { SqliteDatabase } from '../src/delivery/outbox/sqlite-driver.js';
import { openNodeSqlite } from '../src/delivery/outbox/sqlite-driver.js';

const [driver, synchronous, path, seconds, mode] = process.argv.slice(2) as [string, 'full' | 'normal', string, string, string];
const CLIENTS = 50;

function open(): SqliteDatabase {
  if (driver === 'node:sqlite') return openNodeSqlite(path, 5_000);
  const Database = createRequire(join(process.env.BENCH_BETTER_SQLITE3!, 'package.json'))('better-sqlite3');
  const db = new Database(path, { timeout: 5_000 });
  return { exec: (sql) => void db.exec(sql), prepare: (sql) => db.prepare(sql), close: () => db.close(), get isOpen() { return db.open as boolean; } };
}

const outbox = createSqliteOutboxOn(open(), { path, synchronous, busyTimeoutMs: 5_000 });
const lead = (id: string) => ({
  projectId: 'bench',
  userData: { email: 'bench@example.com', firstName: 'Bench' },
  attributionData: { gclid: 'Cj0KCQ-bench' },
  formData: { uniqueEventId: id, formName: 'bench', formMessage: 'x'.repeat(200) },
  deviceData: { ipAddress: '127.0.0.1', userAgent: 'bench' },
});

let n = 0;
if (mode === 'ack') {
  // Fifty clients as the endpoint has them under load: each writes its id once the append resolved.
  for (let c = 0; c < CLIENTS; c++) {
    void (async () => {
      for (;;) {
        const id = `evt-ack-${process.pid}-${n++}`;
        await outbox.append(lead(id), Date.now());
        process.stdout.write(`${id}\n`);
      }
    })();
  }
} else {
  const latencies: number[] = [];
  const until = performance.now() + Number(seconds) * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await outbox.append(lead(`evt-tp-${n++}`), Date.now());
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  await outbox.close();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!.toFixed(2));
  process.stdout.write(JSON.stringify({ appends: latencies.length, seconds: elapsed, p50: at(0.5), p99: at(0.99) }));
}
