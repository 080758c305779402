import { createClient } from 'redis';
import type { Logger } from '../log.js';

export type RedisClient = ReturnType<typeof createClient>;

export async function connectRedis(url: string, log: Logger): Promise<RedisClient> {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 2000) },
  });
  // Without a listener node-redis throws on connection errors; we log and let it reconnect.
  client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
  await client.connect();
  return client;
}
