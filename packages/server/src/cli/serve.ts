import { readServeConfig } from './serve-env.js';
import { startServer } from '../adapters/serve.js';
import { printable } from './printable.js';

const HELP = `Usage: leadbeacon serve

Runs the endpoint, the browser script (/leadbeacon.js), /healthz, /readyz and /metrics.
Configured from the environment; see the README's "Standalone" section:
  LEADTRACKR_API_KEY, LEADTRACKR_PROJECT_ID (or LEADTRACKR_PROJECT_IDS), LEADBEACON_ALLOWED_ORIGINS,
  PORT (3000), HOST, LEADBEACON_PATH (/leadbeacon), LEADBEACON_TRUST_PROXY, LEADBEACON_REDIS_URL, …
`;

/** `leadbeacon serve`: starts the standalone server and stops it gracefully on SIGTERM or SIGINT. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let config;
  let server;
  try {
    config = await readServeConfig();
    server = await startServer(config.options);
  } catch (error) {
    await config?.close();
    process.stderr.write(`leadbeacon serve: ${printable((error as Error).message, true)}\n`);
    return 1;
  }
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      // A second signal means "now": do not wait for requests in flight.
      process.once('SIGTERM', () => process.exit(1));
      process.once('SIGINT', () => process.exit(1));
      void server.close().then(() => config.close()).then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return stopped;
}
