/**
 * Send checks answered from memory (conversations.policy.ts, accessForWriteFromMemory) stay right
 * across real server processes: a mute, a removal from the channel and a block made through one
 * process take effect on the very next send through the other, whose memory had just granted
 * that same send. Two processes from the built dist/main.js on one Redis and one database.
 * Needs a build first: `npx turbo run build --filter=@yhteistyotila/server`.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import type { TestSocket } from '../../test/harness.js';
import { call, ok } from '../../test/sockets.js';
import { useProcessCluster } from '../../test/clusters.js';
import { startRedis } from './multi-process.js';

const nodes = useProcessCluster(startRedis);

const send = (socket: TestSocket, conversationId: string, text: string) =>
  call(socket, 'message:send', { conversationId, clientId: randomUUID(), text });

/** Sends twice, so the second is answered from the process's memory, and both are granted. */
async function warm(socket: TestSocket, conversationId: string) {
  for (const text of ['Ensimmäinen', 'Toinen'])
    expect((await send(socket, conversationId, text)).ok).toBe(true);
}

const codeOf = (res: Awaited<ReturnType<typeof send>>) => (res.ok ? 'OK' : res.error.code);

describe('send checks from memory, with two server processes', () => {
  it('a mute made through one process refuses the next send through the other', async () => {
    const { server, nodeA, nodeB, connect } = nodes;
    const [owner, member, moderator] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
      createUser(server.application, { role: 'moderator' }),
    ]);
    const ownerB = await connect(nodeB.url, owner!);
    const memberA = await connect(nodeA.url, member!);
    const moderatorB = await connect(nodeB.url, moderator!);
    const channel = (
      await ok(ownerB, 'channel:create', {
        name: `Muisti ${randomUUID().slice(0, 6)}`,
        visibility: 'private',
      })
    ).conversation.id;
    await ok(ownerB, 'channel:invite', {
      conversationId: channel,
      userIds: [member!.id, moderator!.id],
    });
    await warm(memberA, channel);

    const { mute } = await ok(moderatorB, 'moderation:mute', {
      userId: member!.id,
      conversationId: channel,
      duration: '1h',
      reason: 'Rauhoitutaan hetkeksi',
    });
    expect(codeOf(await send(memberA, channel, 'Vaimennettuna'))).toBe('MUTED');

    await ok(moderatorB, 'moderation:liftMute', { muteId: mute.id, reason: 'Sovittu' });
    expect(codeOf(await send(memberA, channel, 'Taas äänessä'))).toBe('OK');
  });

  it('leaving through one process refuses the next send through the other', async () => {
    const { server, nodeA, nodeB, connect } = nodes;
    const [owner, member] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
    ]);
    const ownerB = await connect(nodeB.url, owner!);
    const memberA = await connect(nodeA.url, member!);
    const memberB = await connect(nodeB.url, member!);
    const channel = (
      await ok(ownerB, 'channel:create', {
        name: `Lähtö ${randomUUID().slice(0, 6)}`,
        visibility: 'private',
      })
    ).conversation.id;
    await ok(ownerB, 'channel:invite', { conversationId: channel, userIds: [member!.id] });
    await warm(memberA, channel);

    await ok(memberB, 'channel:leave', { conversationId: channel });
    expect(codeOf(await send(memberA, channel, 'Jo lähteneenä'))).toBe('NOT_FOUND');
  });

  it('a block made through one process refuses the next DM through the other', async () => {
    const { server, nodeA, nodeB, connect } = nodes;
    const [sender, recipient] = await Promise.all([
      createUser(server.application),
      createUser(server.application),
    ]);
    const senderA = await connect(nodeA.url, sender!);
    const recipientB = await connect(nodeB.url, recipient!);
    const dm = (await ok(senderA, 'dm:open', { userIds: [recipient!.id] })).conversation.id;
    await warm(senderA, dm);

    await ok(recipientB, 'block:add', { userId: sender!.id });
    expect(codeOf(await send(senderA, dm, 'Estettynä'))).toBe('BLOCKED');

    await ok(recipientB, 'block:remove', { userId: sender!.id });
    expect(codeOf(await send(senderA, dm, 'Esto purettu'))).toBe('OK');
  });
});
