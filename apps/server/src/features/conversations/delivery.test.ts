/**
 * Delivery guarantees across real server processes (docs/realtime.md): two processes from the
 * built dist/main.js plus the in-test server, all on one private Redis and one database.
 * Needs a build first: `npx turbo run build --filter=@yhteistyotila/server`.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '@yhteistyotila/protocol';
import { describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { collect, collectPresence, type TestSocket } from '../../test/harness.js';
import { ConversationReplica, startRedis } from './multi-process.js';
import { call, ok } from '../../test/sockets.js';
import { useProcessCluster } from '../../test/clusters.js';

const nodes = useProcessCluster(startRedis);

/** A private channel created by `owner` with `members`. */
async function channelWith(owner: TestSocket, name: string, members: TestUser[]): Promise<string> {
  const id = (await ok(owner, 'channel:create', { name, visibility: 'private' })).conversation.id;
  await ok(owner, 'channel:invite', { conversationId: id, userIds: members.map((m) => m.id) });
  return id;
}

describe('two server processes on one Redis', () => {
  it('deliver messages, typing, membership and presence across each other', async () => {
    const { server, nodeA, nodeB, connect, cluster } = nodes;
    const [alice, bob, carol, dave] = await Promise.all(
      [1, 2, 3, 4].map(() => createUser(server.application)),
    );
    const aliceA = await connect(nodeA.url, alice!);
    const bobB = await connect(nodeB.url, bob!);
    const carolT = await server.connect({ cookie: carol!.cookie });
    await ok(carolT, 'conversation:list', {});

    // Invited on A while Bob is connected to B: B's socket joins the room through the adapter.
    const added = collect(bobB, 'conversation:added');
    const conv = await channelWith(aliceA, `Prosessit ${randomUUID().slice(0, 6)}`, [bob!, carol!]);
    await expect
      .poll(() => added.some((x) => x.conversation.id === conv), {
        timeout: 5000,
        message: 'bob added across processes',
      })
      .toBe(true);

    const onB = collect(bobB, 'message:created');
    const onT = collect(carolT, 'message:created');
    const sent = await ok(aliceA, 'message:send', {
      conversationId: conv,
      clientId: randomUUID(),
      text: 'Prosessista A',
    });
    await expect
      .poll(() => onB.length === 1 && onT.length === 1, {
        timeout: 5000,
        message: 'cross-process delivery',
      })
      .toBe(true);
    expect(onB[0]!.message).toEqual(sent.message);
    const back = collect(aliceA, 'message:created');
    await ok(bobB, 'message:send', {
      conversationId: conv,
      clientId: randomUUID(),
      text: 'Prosessista B',
    });
    await expect.poll(() => back.length === 1, { timeout: 5000, message: 'back to A' }).toBe(true);

    const typing = collect(bobB, 'typing:started');
    await ok(aliceA, 'typing:start', { conversationId: conv });
    await expect
      .poll(() => typing.length === 1, { timeout: 5000, message: 'typing across processes' })
      .toBe(true);

    // Presence lives in Redis: Dave on A is seen by Bob on B, and by a query on the third node.
    const presence = collectPresence(bobB);
    const daveA = await connect(nodeA.url, dave!);
    await expect
      .poll(() => presence.some((p) => p.userId === dave!.id && p.status === 'online'), {
        timeout: 5000,
        message: 'dave online',
      })
      .toBe(true);
    const daveB = await connect(nodeB.url, dave!);
    await ok(daveA, 'presence:set', { status: 'away' });
    expect((await ok(carolT, 'presence:query', { userIds: [dave!.id] })).presences[0]!.status).toBe(
      'online',
    );
    daveB.disconnect();
    await expect
      .poll(() => presence.some((p) => p.userId === dave!.id && p.status === 'away'), {
        timeout: 5000,
        message: 'dave away (only the away tab left)',
      })
      .toBe(true);
    daveA.disconnect();
    await expect
      .poll(() => presence.some((p) => p.userId === dave!.id && p.status === 'offline'), {
        timeout: 5000,
        message: 'dave offline',
      })
      .toBe(true);
    expect(cluster.violations).toEqual([]);
    expect(server.contractViolations).toEqual([]);
  });

  it('with both processes writing at once, a reader that drops mid-burst and catches up ends with every message exactly once, in order', async () => {
    const { server, nodeA, nodeB, connect, cluster } = nodes;
    const owner = await createUser(server.application);
    const reader = await createUser(server.application);
    const writers = await Promise.all([1, 2, 3, 4].map(() => createUser(server.application)));
    const ownerA = await connect(nodeA.url, owner);
    const conv = await channelWith(ownerA, `Ryöppy ${randomUUID().slice(0, 6)}`, [
      reader,
      ...writers,
    ]);
    const writerSockets = await Promise.all(
      writers.map((w, i) => connect(i % 2 ? nodeB.url : nodeA.url, w)),
    );

    const replica = new ConversationReplica(conv);
    const firstSocket = await connect(nodeA.url, reader);
    replica.listen(firstSocket);

    const PER_WRITER = 20;
    const acked: Message[] = [];
    let reactions = 0;
    const burst = Promise.all(
      writerSockets.map(async (socket, w) => {
        let previous: Message | null = null;
        for (let i = 0; i < PER_WRITER; i++) {
          const { message } = await ok(socket, 'message:send', {
            conversationId: conv,
            clientId: randomUUID(),
            text: `w${w} #${i}`,
          });
          acked.push(message);
          // Changes to existing messages must arrive too (changeSeq above the watermark).
          if (previous && i % 5 === 0) {
            await ok(socket, 'message:react', {
              messageId: previous.id,
              emoji: '👍',
              reacted: true,
            });
            reactions += 1;
          }
          previous = message;
        }
      }),
    );

    // Drop mid-burst, stay away a moment, come back on the other process and catch up.
    await expect
      .poll(() => acked.length >= 25, { timeout: 60_000, message: 'burst under way' })
      .toBe(true);
    firstSocket.disconnect();
    const seenBeforeDrop = replica.messages.size;
    await new Promise((r) => setTimeout(r, 300));
    const secondSocket = await connect(nodeB.url, reader);
    replica.listen(secondSocket);
    await replica.catchUp(secondSocket);
    await burst;

    // No final sync: the live socket plus the one catch-up must have been enough.
    const total = writers.length * PER_WRITER;
    await expect
      .poll(() => replica.ordered().length === total, {
        timeout: 10_000,
        message: `all ${total} messages (have ${replica.ordered().length})`,
      })
      .toBe(true);
    expect(seenBeforeDrop).toBeLessThan(total);
    const ordered = replica.ordered();
    expect(new Set(ordered.map((m) => m.clientId)).size).toBe(total);
    expect(ordered.map((m) => m.id).sort()).toEqual(acked.map((m) => m.id).sort());
    const seqs = ordered.map((m) => m.seq);
    expect(new Set(seqs).size).toBe(total);
    // Each writer's messages appear in the order they were sent.
    for (let w = 0; w < writers.length; w++) {
      const mine = ordered
        .filter((m) => m.text.startsWith(`w${w} `))
        .map((m) => Number(m.text.split('#')[1]));
      expect(mine).toEqual([...Array(PER_WRITER).keys()]);
    }
    // And the replica holds the current state (reactions) of every message.
    await expect
      .poll(
        () =>
          ordered.filter((m) => (replica.messages.get(m.id)?.reactions.length ?? 0) > 0).length ===
          reactions,
        { timeout: 5000, message: 'reactions' },
      )
      .toBe(true);
    const truth = await ok(secondSocket, 'conversation:sync', {
      conversationId: conv,
      sinceChangeSeq: 0,
    });
    for (const m of truth.messages) expect(replica.messages.get(m.id)).toEqual(m);
    expect(cluster.violations).toEqual([]);
  });

  it('a process killed with SIGKILL mid-burst and restarted loses no acknowledged message and stores retries once', async () => {
    const { server, nodeA, nodeB, connect, cluster } = nodes;
    const owner = await createUser(server.application);
    const reader = await createUser(server.application);
    const writers = await Promise.all([1, 2, 3].map(() => createUser(server.application)));
    const ownerB = await connect(nodeB.url, owner);
    const conv = await channelWith(ownerB, `Kaatuminen ${randomUUID().slice(0, 6)}`, [
      reader,
      ...writers,
    ]);
    const replica = new ConversationReplica(conv);
    const readerB = await connect(nodeB.url, reader);
    replica.listen(readerB);

    const PER_WRITER = 20;
    const ackedBeforeKill = new Set<string>();
    const acked = new Set<string>();
    let killed = false;

    // Each writer works like the web outbox: a message stays pending until acked, and is
    // re-sent with the same client id after a reconnect.
    const runWriter = async (user: TestUser, w: number) => {
      const outbox = Array.from({ length: PER_WRITER }, (_, i) => ({
        clientId: randomUUID(),
        text: `k${w} #${i}`,
      }));
      let socket: TestSocket | null = null;
      while (outbox.length) {
        if (!socket?.connected) {
          socket = await connect(nodeA.url, user).catch(() => null);
          if (!socket) {
            await new Promise((r) => setTimeout(r, 200));
            continue;
          }
        }
        const item = outbox[0]!;
        const res = await call(socket, 'message:send', { conversationId: conv, ...item }).catch(
          () => null,
        );
        if (res?.ok) {
          acked.add(item.clientId);
          if (!killed) ackedBeforeKill.add(item.clientId);
          outbox.shift();
        } else if (res && !res.ok && res.error.code === 'RATE_LIMITED') {
          await new Promise((r) => setTimeout(r, (res.error.retryAfter ?? 1) * 1000));
        }
      }
      socket?.disconnect();
    };
    const burst = Promise.all(writers.map((u, w) => runWriter(u, w)));

    await expect
      .poll(() => acked.size >= 15, { timeout: 60_000, message: 'burst under way' })
      .toBe(true);
    killed = true;
    await nodeA.kill();
    const ackedAtKill = ackedBeforeKill.size;
    await nodeA.restart();
    await burst;

    const total = writers.length * PER_WRITER;
    expect(acked.size).toBe(total);
    expect(ackedAtKill).toBeGreaterThanOrEqual(15);
    const truth = await ok(readerB, 'conversation:sync', {
      conversationId: conv,
      sinceChangeSeq: 0,
    });
    const stored = truth.messages.map((m) => m.clientId);
    // Every acknowledged message is stored, each exactly once (a retry returned the stored copy).
    for (const id of ackedBeforeKill) expect(stored).toContain(id);
    expect(stored.length).toBe(total);
    expect(new Set(stored).size).toBe(total);
    // The reader on the surviving process ends with all of them after one catch-up.
    await replica.catchUp(readerB);
    expect(
      replica
        .ordered()
        .map((m) => m.clientId)
        .sort(),
    ).toEqual([...acked].sort());
    expect(cluster.violations).toEqual([]);
  });
});
