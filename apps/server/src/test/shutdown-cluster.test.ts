import { describe, expect, it } from 'vitest';
import { startRedis } from '../features/conversations/multi-process.js';
import { createUser } from './factories.js';
import { barrier, collect, startTestServer } from './harness.js';
import { connectReady } from './sockets.js';

/**
 * `system:shutdown` is the one event not published as a fact (docs/ARCHITECTURE.md, "Where an
 * event is emitted"): it is about this process, so it must reach this process's sockets only.
 * Through the adapter it would send every client of every process reconnecting.
 */
describe('system:shutdown with two processes on Redis', () => {
  it('reaches the closing process’s sockets and no socket of the other process', async () => {
    const redis = await startRedis();
    const a = await startTestServer({ REDIS_URL: redis.url });
    const b = await startTestServer({ REDIS_URL: redis.url });
    // A third process on the same stream: its sentinel is read on b after anything a sent.
    const c = await startTestServer({ REDIS_URL: redis.url });
    try {
      const user = await createUser(a.application);
      const onA = await connectReady(a, user.cookie);
      const onB = await connectReady(b, user.cookie);
      const toldA = collect(onA, 'system:shutdown');
      const toldB = collect(onB, 'system:shutdown');
      // The application's own close (the harness's would disconnect the test clients first).
      await a.application.close();
      onA.disconnect();
      await expect
        .poll(() => toldA, { timeout: 3000, message: 'told on a' })
        .toEqual([{ retryInMs: 1000 }]);
      await barrier(c, onB);
      expect(toldB).toEqual([]);
    } finally {
      await c.close();
      await b.close();
      await redis.stop();
    }
  }, 60_000);
});
