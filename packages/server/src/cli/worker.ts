import { parseArgs } from 'node:util';
import type { CliIo } from './index.js';
import { createLeadEvents } from '../events.js';
import { createForwarder } from '../delivery/forward.js';
import { resolveOptions } from '../options.js';
import { openOutbox } from '../delivery/outbox/open.js';
import { createDeliveryWorker } from '../delivery/worker.js';

const USAGE = `Usage: leadbeacon worker [--outbox <file|postgres://…>] [--concurrency N]
Delivers the outbox's leads to LeadTrackr until SIGTERM or SIGINT. Reads LEADTRACKR_API_KEY,
LEADTRACKR_API_URL and LEADBEACON_OUTBOX (default ./leadbeacon.db). Run the routers with
\`worker: false\` when this process delivers for them.
`;

/** `leadbeacon worker`: the delivery worker as a process of its own. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { outbox: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) return (io.stdout(USAGE), 0);
  let resolved;
  try {
    resolved = resolveOptions(
      {
        // Stored leads already carry their projectId; the worker never adds one.
        projectId: io.env.LEADTRACKR_PROJECT_ID || 'stored-with-each-lead',
        ...(values.outbox ? { outboxPath: values.outbox } : {}),
        ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
      },
      io.env,
    );
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const outbox = openOutbox(resolved.outboxPath);
  const forwarder = createForwarder(resolved);
  const worker = createDeliveryWorker({ ...resolved, outbox, forwarder, events: createLeadEvents() });
  worker.start();
  resolved.logger.info({ concurrency: resolved.concurrency }, 'delivery worker started');
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  resolved.logger.info({}, 'delivery worker stopping');
  await worker.stop(resolved.shutdownTimeoutMs);
  await Promise.race([forwarder.close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  await outbox.close();
  return 0;
}
