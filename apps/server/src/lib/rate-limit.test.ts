import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRestartableRedis, type RestartableRedis } from '../test/failure/private-redis.js';
import { createFailureCounter } from './rate-limit.js';
import type { RedisClient } from './redis.js';

const opts = () => ({
  name: `test-${randomBytes(4).toString('hex')}`,
  failures: 3,
  durationSeconds: 60,
  blockSeconds: 600,
});

describe('failure counter', () => {
  it('blocks a key at its n-th failure for the block time, and a reset frees it', async () => {
    const counter = createFailureCounter(opts());
    expect(await counter.retryAfter('k')).toBe(0);
    await counter.fail('k');
    await counter.fail('k');
    expect(await counter.retryAfter('k')).toBe(0);
    expect(await counter.retryAfter('other')).toBe(0);
    await counter.fail('k');
    const wait = await counter.retryAfter('k');
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    await counter.reset('k');
    expect(await counter.retryAfter('k')).toBe(0);
  });

  describe('with Redis', () => {
    let redis: RestartableRedis;
    const clients: RedisClient[] = [];
    beforeAll(async () => {
      redis = await startRestartableRedis();
    }, 20_000);
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.quit()));
      await redis.stop();
    });
    const connect = async () => {
      const client = createClient({ url: redis.url });
      clients.push(client);
      await client.connect();
      return client;
    };

    it('shares the count between processes', async () => {
      const o = opts();
      const one = createFailureCounter(o, await connect());
      const two = createFailureCounter(o, await connect());
      await one.fail('k');
      await two.fail('k');
      expect(await one.retryAfter('k')).toBe(0);
      await one.fail('k');
      expect(await two.retryAfter('k')).toBeGreaterThan(590);
      await two.reset('k');
      expect(await one.retryAfter('k')).toBe(0);
    });
  });
});
