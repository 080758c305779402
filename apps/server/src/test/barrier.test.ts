import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type Redis } from '../features/conversations/multi-process.js';
import { createUser } from './factories.js';
import { barrier, collect, startTestServer, type TestServer, type TestSocket } from './harness.js';
import { clientId, connectReady, ok } from './sockets.js';

/**
 * The ordering `barrier` promises (harness.ts), checked without any wait: right after the
 * action's ack and the barrier, the broadcast is already there. If it were not, every
 * "nothing arrived" check built on the barrier could pass for the wrong reason.
 */
const ROUNDS = 20;

async function expectEachBroadcastBeforeBarrier(
  via: TestServer,
  poster: TestSocket,
  observer: TestSocket,
) {
  const { conversations } = await ok(poster, 'conversation:list', {});
  const channelId = conversations.find((c) => c.name === 'yleinen')!.id;
  const heard = collect(observer, 'message:created');
  for (let i = 0; i < ROUNDS; i++) {
    const { message } = await ok(poster, 'message:send', {
      conversationId: channelId,
      clientId: clientId(),
      text: `barrier ${i}`,
    });
    await barrier(via, observer);
    expect(heard.map((m) => m.message.id)).toContain(message.id);
  }
}

describe('barrier in one process', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('arrives after every broadcast the server emitted before it', async () => {
    const [poster, observer] = await Promise.all([
      createUser(server.application, { name: 'Paula Postaaja' }),
      createUser(server.application, { name: 'Olavi Observoija' }),
    ]);
    await expectEachBroadcastBeforeBarrier(
      server,
      await connectReady(server, poster.cookie),
      await connectReady(server, observer.cookie),
    );
    expect(server.contractViolations).toEqual([]);
  });
});

describe('barrier across processes (Redis Streams adapter)', () => {
  let redis: Redis;
  let a: TestServer, b: TestServer;
  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestServer({ REDIS_URL: redis.url });
    b = await startTestServer({ REDIS_URL: redis.url });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await redis?.stop();
  });

  it('sent through the process that broadcast, arrives after it on a socket of the other process', async () => {
    const [poster, observer] = await Promise.all([
      createUser(a.application, { name: 'Paula Prosessi' }),
      createUser(a.application, { name: 'Olavi Toinen' }),
    ]);
    await expectEachBroadcastBeforeBarrier(
      a,
      await connectReady(a, poster.cookie),
      await connectReady(b, observer.cookie),
    );
  });

  it('also on a socket of the same process, whose local delivery waits for the XADD', async () => {
    const [poster, observer] = await Promise.all([
      createUser(a.application, { name: 'Paula Paikallinen' }),
      createUser(a.application, { name: 'Olavi Samassa' }),
    ]);
    await expectEachBroadcastBeforeBarrier(
      a,
      await connectReady(a, poster.cookie),
      await connectReady(a, observer.cookie),
    );
  });
});
