import type { ServeOptions } from '../adapters/serve.js';

type Env = Record<string, string | undefined>;

/** What `leadbeacon serve` was configured with, plus what it opened and must close. */
export interface ServeConfig {
  options: ServeOptions;
  close(): Promise<void>;
}

/**
 * Reads the standalone server's settings from the environment. LEADTRACKR_* and the other
 * LEADBEACON_* variables are read by the endpoint's own options; this adds the server's and, with
 * LEADBEACON_REDIS_URL, a Redis-backed rate limit store (rate-limit-redis) shared by every instance.
 */
export async function readServeConfig(env: Env = process.env): Promise<ServeConfig> {
  const options: ServeOptions = {
    ...(env.PORT ? { port: integer('PORT', env.PORT) } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.LEADBEACON_PATH ? { path: env.LEADBEACON_PATH } : {}),
    ...(env.LEADBEACON_SCRIPT_FILE ? { scriptFile: env.LEADBEACON_SCRIPT_FILE } : {}),
    ...(env.LEADBEACON_SERVER_SCRIPT_FILE ? { serverScriptFile: env.LEADBEACON_SERVER_SCRIPT_FILE } : {}),
    ...(env.LEADBEACON_SHUTDOWN_TIMEOUT_MS ? { shutdownTimeoutMs: integer('LEADBEACON_SHUTDOWN_TIMEOUT_MS', env.LEADBEACON_SHUTDOWN_TIMEOUT_MS) } : {}),
    ...(env.LEADTRACKR_TIMEOUT_MS ? { timeoutMs: integer('LEADTRACKR_TIMEOUT_MS', env.LEADTRACKR_TIMEOUT_MS) } : {}),
    ...(env.LEADBEACON_METRICS === 'false' ? { metrics: false } : {}),
    ...(env.LEADBEACON_REQUEST_TIMEOUT_MS ? { requestTimeoutMs: integer('LEADBEACON_REQUEST_TIMEOUT_MS', env.LEADBEACON_REQUEST_TIMEOUT_MS) } : {}),
    ...(env.LEADBEACON_MAX_CONNECTIONS ? { maxConnections: integer('LEADBEACON_MAX_CONNECTIONS', env.LEADBEACON_MAX_CONNECTIONS) } : {}),
  };
  if (!env.LEADBEACON_REDIS_URL || env.LEADBEACON_RATE_LIMIT === '0') return { options, close: async () => {} };

  // Loaded only when asked for: most single-instance sites never need a Redis client.
  const [{ createClient }, { RedisStore }] = await Promise.all([import('redis'), import('rate-limit-redis')]);
  const client = createClient({ url: env.LEADBEACON_REDIS_URL });
  // node-redis reconnects on its own; the limiter lets requests through while it is away.
  client.on('error', () => {});
  await client.connect();
  const store = new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix: env.LEADBEACON_REDIS_PREFIX ?? 'leadbeacon:rl:' });
  return {
    options: { ...options, rateLimit: { store } },
    close: async () => void (await client.quit().catch(() => undefined)),
  };
}

function integer(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new TypeError(`Expected ${name} to be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
