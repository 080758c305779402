/**
 * Failure scenarios across real server processes that the conversations delivery tests
 * (features/conversations/delivery.test.ts) do not cover: the readers, not the writers, sit on
 * the process that is killed; and the processes' shared Redis goes away for 10 s.
 * Two processes from the built dist/main.js on one private Redis and one database.
 * Needs a build first: `npx turbo run build --filter=@yhteistyotila/server`.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import {
  ConversationReplica,
  type ServerProcess,
} from '../../features/conversations/multi-process.js';
import { ok } from '../sockets.js';
import { useProcessCluster } from '../clusters.js';
import { createUser, type TestUser } from '../factories.js';
import { sleep } from '../../lib/time.js';
import type { TestSocket } from '../harness.js';
import { startRestartableRedis } from './private-redis.js';

const nodes = useProcessCluster(startRestartableRedis);

type SendAck =
  | { ok: true; data: { message: Message } }
  | { ok: false; error: { code: string; retryAfter?: number } };
/** message:send with a long timeout: during an outage an ack may be late, and late is not lost. */
const send = (
  socket: TestSocket,
  conversationId: string,
  clientId: string,
  text: string,
): Promise<SendAck | null> => {
  const emit = socket.timeout(30_000).emitWithAck as unknown as (
    e: string,
    p: unknown,
  ) => Promise<SendAck>;
  return emit
    .call(socket.timeout(30_000), 'message:send', { conversationId, clientId, text })
    .catch(() => null);
};

async function channelWith(owner: TestSocket, members: TestUser[]): Promise<string> {
  const id = (
    await ok(owner, 'channel:create', {
      name: `failure ${randomUUID().slice(0, 8)}`,
      visibility: 'private',
    })
  ).conversation.id;
  await ok(owner, 'channel:invite', { conversationId: id, userIds: members.map((m) => m.id) });
  return id;
}

/**
 * A writer like the web outbox: a steady pace under the send limit; a message stays pending
 * until acked and is re-sent with the same client id (reconnecting when needed).
 */
function steadyWriter(
  url: () => string,
  user: TestUser,
  conversationId: string,
  tag: string,
  everyMs: number,
) {
  const acked = new Map<string, number>();
  const ackLatencies: number[] = [];
  let stop = false;
  const done = (async () => {
    let socket: TestSocket | null = null;
    let n = 0;
    let pending: { clientId: string; text: string } | null = null;
    while (!stop || pending) {
      if (!socket?.connected) {
        socket = await nodes.connect(url(), user).catch(() => null);
        if (!socket) {
          await sleep(200);
          continue;
        }
      }
      pending ??= { clientId: randomUUID(), text: `${tag} #${n++}` };
      const started = Date.now();
      const res = await send(socket, conversationId, pending.clientId, pending.text);
      if (res?.ok) {
        acked.set(pending.clientId, Date.now());
        ackLatencies.push(Date.now() - started);
        pending = null;
        await sleep(Math.max(0, everyMs - (Date.now() - started)));
      } else if (res && !res.ok && res.error.code === 'RATE_LIMITED') {
        await sleep((res.error.retryAfter ?? 1) * 1000);
      }
    }
    socket?.disconnect();
  })();
  return {
    acked,
    ackLatencies,
    async finish() {
      stop = true;
      await done;
    },
  };
}

const alive = async (node: ServerProcess) =>
  (await fetch(`${node.url}/readyz`).catch(() => null))?.ok === true;

describe('failure: the process the readers are on is killed', () => {
  it('readers of a SIGKILLed process reconnect after its restart and hold every acknowledged message exactly once within 10 s', async () => {
    const { server, nodeA, nodeB, connect, cluster } = nodes;
    const owner = await createUser(server.application);
    const writers = await Promise.all([1, 2, 3].map(() => createUser(server.application)));
    const readers = await Promise.all([1, 2, 3].map(() => createUser(server.application)));
    const ownerB = await connect(nodeB.url, owner);
    const conv = await channelWith(ownerB, [...writers, ...readers]);

    const replicas = readers.map(() => new ConversationReplica(conv));
    const readerSockets = await Promise.all(readers.map((r) => connect(nodeA.url, r)));
    readerSockets.forEach((s, i) => replicas[i]!.listen(s));

    // Writers stay on the surviving process, so acks keep coming while the readers' process is dead.
    const ws = writers.map((w, i) => steadyWriter(() => nodeB.url, w, conv, `w${i}`, 400));
    await expect
      .poll(() => ws.every((w) => w.acked.size >= 3), {
        timeout: 30_000,
        message: 'burst under way',
      })
      .toBe(true);
    await nodeA.kill();
    await sleep(1500);
    await nodeA.restart();
    await sleep(1000);
    await Promise.all(ws.map((w) => w.finish()));

    const acked = new Set(ws.flatMap((w) => [...w.acked.keys()]));
    const back = Date.now();
    const again = await Promise.all(readers.map((r) => connect(nodeA.url, r)));
    again.forEach((s, i) => replicas[i]!.listen(s));
    await Promise.all(again.map((s, i) => replicas[i]!.catchUp(s)));
    await expect
      .poll(
        () =>
          replicas.every((r) =>
            [...acked].every((id) => r.ordered().some((m) => m.clientId === id)),
          ),
        { timeout: 10_000, message: 'readers caught up' },
      )
      .toBe(true);
    const caughtUpMs = Date.now() - back;

    for (const r of replicas) {
      const ids = r.ordered().map((m) => m.clientId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => acked.has(id)).length).toBe(acked.size);
    }
    const truth = await ok(ownerB, 'conversation:sync', {
      conversationId: conv,
      sinceChangeSeq: 0,
    });
    const stored = truth.messages.map((m) => m.clientId);
    expect(new Set(stored).size).toBe(stored.length);
    for (const id of acked) expect(stored).toContain(id);
    console.info(
      `[failure] SIGKILL: ${acked.size} acked, readers caught up ${caughtUpMs} ms after reconnecting`,
    );
    expect(cluster.violations).toEqual([]);
  }, 120_000);
});

describe('failure: the shared Redis stops for 10 s', () => {
  it('no process crashes, no acknowledged message is lost, and cross-process delivery is back within 5 s', async () => {
    const { server, nodeA, nodeB, connect, redis, cluster } = nodes;
    const owner = await createUser(server.application);
    const [writer, reader] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
    ]);
    const ownerA = await connect(nodeA.url, owner);
    const conv = await channelWith(ownerA, [writer, reader]);
    const replica = new ConversationReplica(conv);
    const readerB = await connect(nodeB.url, reader);
    const arrivals = new Map<string, number>();
    readerB.on('message:created', ({ message }) => arrivals.set(message.clientId, Date.now()));
    replica.listen(readerB);

    const w = steadyWriter(() => nodeA.url, writer, conv, 'r', 500);
    await expect
      .poll(() => [...w.acked.keys()].some((id) => arrivals.has(id)), {
        timeout: 15_000,
        message: 'cross-process delivery before the outage',
      })
      .toBe(true);

    await redis.stop();
    const down = Date.now();
    await sleep(10_000);
    expect(await alive(nodeA)).toBe(true);
    expect(await alive(nodeB)).toBe(true);
    await redis.start();
    const up = Date.now();

    // Delivery is back when a message acked after Redis returned reaches the other process live.
    await expect
      .poll(() => [...w.acked].some(([id, at]) => at >= up && arrivals.has(id)), {
        timeout: 15_000,
        message: 'cross-process delivery after the outage',
      })
      .toBe(true);
    const firstBack = Math.min(
      ...[...w.acked]
        .filter(([id, at]) => at >= up && arrivals.has(id))
        .map(([id]) => arrivals.get(id) as number),
    );
    const deliveryBackMs = firstBack - up;
    await sleep(1000);
    await w.finish();

    expect(await alive(nodeA)).toBe(true);
    expect(await alive(nodeB)).toBe(true);
    await replica.catchUp(readerB);
    const held = replica.ordered().map((m) => m.clientId);
    for (const id of w.acked.keys()) expect(held).toContain(id);
    expect(new Set(held).size).toBe(held.length);
    const duringOutage = [...w.acked.values()].filter((at) => at >= down && at < up).length;
    console.info(
      `[failure] Redis down 10 s: ${w.acked.size} acked (${duringOutage} acked during the outage), ack latency max ${Math.max(...w.ackLatencies)} ms, cross-process delivery back ${deliveryBackMs} ms after Redis returned`,
    );
    expect(deliveryBackMs).toBeLessThanOrEqual(5000);
    expect(cluster.violations).toEqual([]);
  }, 120_000);
});
