import { createClient } from 'redis';

export const REDIS_URL = process.env.LEADBEACON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const makeClient = () => createClient({ url: REDIS_URL, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
export type RedisClient = ReturnType<typeof makeClient>;

/** Connects to the local Redis, or prints why the Redis tests are skipped and returns undefined. */
export async function connectRedisOrSkip(): Promise<RedisClient | undefined> {
  const client = makeClient();
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    console.warn(`SKIP Redis tests: ${REDIS_URL} is unreachable (${(error as Error).message})`);
    return undefined;
  }
}
