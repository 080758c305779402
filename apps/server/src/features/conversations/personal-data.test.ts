import { mentionToken } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { personalDataSources } from '../access/personal-data.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { type TestSocket, useTestServer } from '../../test/harness.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';

const server = useTestServer();

/** Erin writes, reacts, follows, is mentioned, pins and opens a DM: traces everywhere. */
async function leaveTraces(): Promise<{
  erin: TestUser;
  other: TestSocket;
  channel: string;
  erinMessage: string;
  otherMessage: string;
}> {
  const erin = await createUser(server.application, {
    expert: true,
    name: `Erin ${Math.random().toString(36).slice(2, 8)}`,
  });
  const olli = await createUser(server.application);
  const [e, o] = await Promise.all([
    connectReady(server, erin.cookie),
    connectReady(server, olli.cookie),
  ]);
  const channel = (
    await ok(o, 'channel:create', { name: `Jäljet ${Math.random()}`, visibility: 'private' })
  ).conversation.id;
  await ok(o, 'channel:invite', { conversationId: channel, userIds: [erin.id] });
  const otherMessage = (
    await ok(o, 'message:send', {
      conversationId: channel,
      clientId: clientId(),
      text: `Hei ${mentionToken(erin.name)}`,
    })
  ).message.id;
  const erinMessage = (
    await ok(e, 'message:send', {
      conversationId: channel,
      clientId: clientId(),
      text: 'Erinin oma teksti',
    })
  ).message.id;
  await ok(e, 'message:send', {
    conversationId: channel,
    clientId: clientId(),
    text: 'Vastaus',
    threadRootId: otherMessage,
  });
  await ok(e, 'message:react', { messageId: otherMessage, emoji: '👍', reacted: true });
  await ok(e, 'message:pin', { messageId: otherMessage, pinned: true });
  await ok(e, 'message:edit', { messageId: erinMessage, text: 'Erinin muokattu teksti' });
  await ok(e, 'dm:open', { userIds: [olli.id] });
  return { erin, other: o, channel, erinMessage, otherMessage };
}

async function erase(userId: string, mode: 'erase' | 'keep-as-deleted-user') {
  for (const source of [...personalDataSources()].reverse())
    await source.erase(userId, { mode, pseudonym: 'erased-test' });
}

async function tracesOf(userId: string) {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const c of await db.listCollections().toArray()) {
    for (const doc of await db.collection(c.name).find({}).toArray())
      if (JSON.stringify(doc).includes(userId)) found.push(c.name);
  }
  return [...new Set(found)];
}

describe('personal data of conversations', () => {
  it('exports the person’s messages, reactions, memberships, follows and DMs', async () => {
    const { erin, erinMessage } = await leaveTraces();
    const sections = Object.fromEntries(
      await Promise.all(
        personalDataSources().map(async (s) => [s.collection, await s.export(erin.id)] as const),
      ),
    );
    expect(
      sections.messages!.some((m) => m._id === erinMessage && m.text === 'Erinin muokattu teksti'),
    ).toBe(true);
    expect(sections.messages!.some((m) => m.kind === 'reaction')).toBe(true);
    expect(sections.conversationmemberships!.length).toBeGreaterThanOrEqual(2);
    expect(sections.threadfollows!.length).toBe(1);
    expect(sections.conversations!.some((c) => c.kind === 'dm')).toBe(true);
  });

  it('erase: no trace of the person left; their text gone; the others see the change at catch-up', async () => {
    const { erin, other, channel, erinMessage } = await leaveTraces();
    const before = await ok(other, 'conversation:sync', {
      conversationId: channel,
      sinceChangeSeq: 0,
    });
    const watermark = Math.max(...before.messages.map((m) => m.changeSeq));
    await erase(erin.id, 'erase');
    expect(await tracesOf(erin.id)).toEqual([]);
    const after = await ok(other, 'conversation:sync', {
      conversationId: channel,
      sinceChangeSeq: watermark,
    });
    const gone = after.messages.find((m) => m.id === erinMessage)!;
    expect(gone).toMatchObject({ author: null, text: '' });
    expect(gone.deletedAt).not.toBeNull();
    expect(
      after.messages.every(
        (m) =>
          m.reactions.length === 0 && m.mentions.length === 0 && m.threadParticipants.length === 0,
      ),
    ).toBe(true);
    expect(server.contractViolations).toEqual([]);
  });

  it('keep-as-deleted-user: the text stays without its author', async () => {
    const { erin, other, channel, erinMessage } = await leaveTraces();
    await erase(erin.id, 'keep-as-deleted-user');
    expect(await tracesOf(erin.id)).toEqual([]);
    const page = await ok(other, 'message:history', {
      conversationId: channel,
      around: erinMessage,
    });
    expect(page.messages.find((m) => m.id === erinMessage)).toMatchObject({
      author: null,
      text: 'Erinin muokattu teksti',
      deletedAt: null,
    });
  });
});
