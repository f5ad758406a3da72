import { parseArgs } from 'node:util';
import type { CliIo } from './index.js';
import { migrateOutbox, openOutbox } from '../delivery/outbox/open.js';
import type { Outbox, OutboxRow } from '../delivery/outbox/outbox.js';
import { formatAge, parseAge } from './age.js';
import { printable } from './printable.js';

const USAGE = `Usage: leadbeacon outbox <command> [--outbox <file|postgres://…>]
  status                              pending and dead counts, oldest pending age
  list [--dead] [--delivered] [--limit N]   pending leads (or dead, delivered), oldest first
  retry <uniqueEventId> | --dead      send dead leads again
  purge --dead --older-than <age>     delete dead leads finished longer ago than <age> (30d, 12h, 90m)
  purge --delivered [--older-than <age>]   delete delivered leads' rows older than <age>
                                      (default LEADBEACON_KEEP_DELIVERED_MS, else 3d)
  migrate                             create or upgrade the outbox table (run once as its owner
                                      when the app's PostgreSQL role may not create tables)
The outbox defaults to LEADBEACON_OUTBOX, else ./leadbeacon.db.
`;

/** `leadbeacon outbox …`: inspect and repair the outbox the app is configured with. */
export async function run(argv: string[], io: CliIo, now = Date.now()): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        outbox: { type: 'string' },
        dead: { type: 'boolean', default: false },
        delivered: { type: 'boolean', default: false },
        limit: { type: 'string', default: '50' },
        'older-than': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`${printable((error as Error).message, true)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  const [command, target] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr)(USAGE);
    return values.help ? 0 : 2;
  }
  const usage = (message: string) => (io.stderr(`${printable(message, true)}\n${USAGE}`), 2);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) return usage('--limit must be a positive whole number');
  let olderThanMs: number | undefined;
  let olderThan = values['older-than'];
  if (command === 'purge') {
    if (values.dead === values.delivered) return usage('purge needs --dead or --delivered');
    if (values.delivered && olderThan === undefined) olderThan = io.env.LEADBEACON_KEEP_DELIVERED_MS ? `${io.env.LEADBEACON_KEEP_DELIVERED_MS}ms` : '3d';
    olderThanMs = parseAge(olderThan ?? '');
    if (olderThanMs === undefined) return usage('purge needs --older-than <age>, e.g. 30d, 12h or 90m');
  }
  if (command === 'retry' && !target && !values.dead) return usage('retry needs a uniqueEventId or --dead');
  if (!['status', 'list', 'retry', 'purge', 'migrate'].includes(command)) return usage(`Unknown command ${JSON.stringify(command)}`);

  const spec = values.outbox ?? (io.env.LEADBEACON_OUTBOX || './leadbeacon.db');
  let outbox: Outbox | undefined;
  try {
    if (command === 'migrate') {
      io.stdout(`${printable(await migrateOutbox(spec))}\n`);
      return 0;
    }
    outbox = openOutbox(spec);
    switch (command) {
      case 'status': {
        const stats = await outbox.stats(now);
        io.stdout(
          `pending  ${stats.pending}${stats.oldestPendingAgeMs === null ? '' : `  (oldest accepted ${formatAge(stats.oldestPendingAgeMs)} ago)`}\n` +
            `dead     ${stats.dead}${stats.dead ? '  (leadbeacon outbox list --dead)' : ''}\n`,
        );
        return 0;
      }
      case 'list': {
        const status = values.dead ? 'dead' : values.delivered ? 'delivered' : 'pending';
        const rows = await outbox.list({ status, limit });
        io.stdout(rows.length ? formatRows(rows, now) : `no ${status} leads\n`);
        return 0;
      }
      case 'retry': {
        const count = await outbox.retry(target ? { id: target } : { allDead: true }, now);
        if (target && count === 0) {
          io.stderr(`no dead lead with uniqueEventId ${printable(target)}\n`);
          return 1;
        }
        io.stdout(`${count} dead lead${count === 1 ? '' : 's'} queued for delivery again\n`);
        return 0;
      }
      default: {
        const status = values.dead ? 'dead' : 'delivered';
        const count = await outbox.purge(status, now - olderThanMs!);
        io.stdout(`${count} ${status} lead${count === 1 ? '' : 's'} older than ${printable(olderThan!)} purged\n`);
        return 0;
      }
    }
  } catch (error) {
    io.stderr(`leadbeacon outbox ${command}: ${printable((error as Error).message, true)}\n`);
    return 1;
  } finally {
    await outbox?.close().catch(() => undefined);
  }
}

function formatRows(rows: OutboxRow[], now: number): string {
  const table = rows.map((r) => [
    r.id,
    String(r.attempts),
    `${formatAge(now - r.acceptedAt)} ago`,
    r.status === 'pending' ? (r.nextAttemptAt! <= now ? 'due now' : `next in ${formatAge(r.nextAttemptAt! - now)}`) : r.leadId !== null ? `leadId ${r.leadId}` : `${formatAge(now - r.finishedAt!)} ago`,
    (r.lastError ?? '').replace(/\s+/g, ' ').slice(0, 120),
  ].map((cell) => printable(cell)));
  const header = ['uniqueEventId', 'attempts', 'accepted', rows[0]!.status === 'pending' ? 'next attempt' : 'finished', 'last error'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  return [header, ...table].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
