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
  it('refuses the try after the n-th failure for the block time; a reset frees the key', async () => {
    const counter = createFailureCounter(opts());
    for (let i = 0; i < 3; i++) expect(await counter.take('k')).toBe(0);
    expect(await counter.take('other')).toBe(0);
    const wait = await counter.take('k');
    expect(wait).toBeGreaterThan(590);
    expect(wait).toBeLessThanOrEqual(600);
    expect(await counter.take('k')).toBeGreaterThan(590);
    await counter.reset('k');
    expect(await counter.take('k')).toBe(0);
  });

  it('does not count attempts whose point was given back', async () => {
    const counter = createFailureCounter(opts());
    for (let i = 0; i < 10; i++) {
      expect(await counter.take('k')).toBe(0);
      await counter.giveBack('k');
    }
  });

  it('lets only as many parallel tries through as there are points', async () => {
    const counter = createFailureCounter(opts());
    const waits = await Promise.all(Array.from({ length: 20 }, () => counter.take('k')));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
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

    it('shares the count between processes, parallel tries included', async () => {
      const o = opts();
      const one = createFailureCounter(o, await connect());
      const two = createFailureCounter(o, await connect());
      const waits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).take('k')),
      );
      expect(waits.filter((w) => w === 0)).toHaveLength(3);
      expect(await two.take('k')).toBeGreaterThan(590);
      await two.reset('k');
      expect(await one.take('k')).toBe(0);
    });
  });
});
