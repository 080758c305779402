import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTwoServersOnRedis } from './clusters.js';
import { createUser } from './factories.js';
import { barrier, collect, startTestServer, type TestServer } from './harness.js';
import { clientId, connectReady, ok } from './sockets.js';

/**
 * The ordering `barrier` promises (harness.ts), checked without any wait: right after the
 * action's ack and the barrier, the broadcast is already there. If it were not, every
 * "nothing arrived" check built on the barrier could pass for the wrong reason.
 */
const ROUNDS = 20;

/** A poster on `posterOn` and an observer on `observerOn`; the barrier goes through `via`. */
async function expectEachBroadcastBeforeBarrier(
  via: TestServer,
  posterOn: TestServer,
  observerOn: TestServer,
) {
  const [posterUser, observerUser] = await Promise.all([
    createUser(posterOn.application, { name: 'Paula Postaaja' }),
    createUser(posterOn.application, { name: 'Olavi Observoija' }),
  ]);
  const poster = await connectReady(posterOn, posterUser.cookie);
  const observer = await connectReady(observerOn, observerUser.cookie);
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
    await expectEachBroadcastBeforeBarrier(server, server, server);
    expect(server.contractViolations).toEqual([]);
  });
});

describe('barrier across processes (Redis Streams adapter)', () => {
  const servers = useTwoServersOnRedis();

  it('sent through the process that broadcast, arrives after it on a socket of the other process', async () => {
    const { a, b } = servers;
    await expectEachBroadcastBeforeBarrier(a, a, b);
  });

  it('also on a socket of the same process, whose local delivery waits for the XADD', async () => {
    const { a } = servers;
    await expectEachBroadcastBeforeBarrier(a, a, a);
  });
});
