import { LIBRARY_CHANNEL_KEY, type LibraryContent } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../test/factories.js';
import { collect, startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';
import {
  call,
  clientId,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';
import { ClaimModel } from '../../lib/once.js';
import { MessageModel } from '../conversations/index.js';
import { LibraryEntryModel } from './library-entry.model.js';

/*
 * Each published entry's discussion is a thread in the library channel: its root, posted when
 * the entry is published, links to the entry; replies are ordinary thread replies (unread,
 * mentions, follows); an entry without one gets exactly one root however many ask at once.
 */

let server: TestServer;
let author: TestUser, reader: TestUser, guest: TestUser;
let a: TestSocket, r: TestSocket;
let libraryChannelId: string;

const content = (title: string): LibraryContent => ({
  title,
  summary: 'Kuntaliiton foorumin alueellinen käytäntö.',
  body: 'Neuvolan ja päiväkodin säännölliset tapaamiset.',
  language: 'fi',
  themes: ['family-centres'],
  steps: [2],
  cooperationModel: 'partnership',
  qualityAreas: ['impact'],
  level: 'regional',
  municipalityCode: null,
  countyCode: 'EK',
  sources: [],
});

beforeAll(async () => {
  server = await startTestServer();
  [author, reader] = await createUsers(server, [
    { name: 'Aino Kirjoittaja' },
    { name: 'Riku Lukija' },
  ]);
  guest = await createUser(server.application, { role: 'guest', name: 'Vieras' });
  [a, r] = await connectAllReady(server, [author, reader] as const);
  const { channels } = await ok(r, 'channel:browse', {});
  libraryChannelId = channels.find((c) => c.defaultKey === LIBRARY_CHANNEL_KEY)!.id;
});
afterAll(() => server.close());

describe('the library channel', () => {
  it('is a seeded public channel that new people join', async () => {
    const { conversations } = await ok(r, 'conversation:list', {});
    expect(conversations.find((c) => c.id === libraryChannelId)).toMatchObject({
      kind: 'channel',
      visibility: 'public',
      name: 'hyvät käytännöt',
      defaultKey: LIBRARY_CHANNEL_KEY,
    });
  });
});

describe('an entry’s discussion', () => {
  it('starts when the entry is published, as a thread whose root links to the entry', async () => {
    const created = collect(r, 'message:created');
    const { entry: draft } = await ok(a, 'library:create', {
      content: content('Neuvola ja päiväkoti'),
    });
    expect(draft.discussion).toBeNull();
    const { entry } = await ok(a, 'library:publish', { id: draft.id });
    expect(entry.discussion?.conversationId).toBe(libraryChannelId);

    await expect.poll(() => created.length).toBe(1);
    const root = created[0]!.message;
    expect(root).toMatchObject({
      id: entry.discussion!.messageId,
      conversationId: libraryChannelId,
      author: { id: author.id },
    });
    expect(root.text).toContain(
      `[Neuvola ja päiväkoti](http://localhost:3999/kirjasto/${entry.id})`,
    );
    expect(root.text).toContain('Kuntaliiton foorumin alueellinen käytäntö.');

    // Replies are thread replies: the author follows the thread and hears them.
    const updated = collect(a, 'message:updated');
    await ok(r, 'message:send', {
      conversationId: libraryChannelId,
      clientId: clientId(),
      text: 'Meillä on tehty samoin!',
      threadRootId: root.id,
    });
    await expect.poll(() => updated.at(-1)?.message.replyCount).toBe(1);
    const { threads } = await ok(a, 'thread:list', { unreadOnly: true });
    expect(threads.map((t) => t.root.id)).toContain(root.id);

    // Asking for it gives the same thread.
    expect((await ok(r, 'library:discussion', { id: entry.id })).discussion).toEqual(
      entry.discussion,
    );
    expect(server.contractViolations).toEqual([]);
  });

  it('starts on first need with exactly one root, however many ask at once', async () => {
    const { entry: draft } = await ok(a, 'library:create', {
      content: content('Ilman keskustelua'),
    });
    const { entry } = await ok(a, 'library:publish', { id: draft.id });
    // As if published before discussions existed.
    await MessageModel.deleteOne({ _id: entry.discussion!.messageId });
    await LibraryEntryModel.updateOne(
      { _id: entry.id },
      { $set: { discussionMessageId: null, discussionConversationId: null } },
    );
    await ClaimModel.deleteOne({ _id: `library-discussion:${entry.id}` });
    const people = await Promise.all(
      Array.from({ length: 4 }, (_, i) => createUser(server.application, { name: `Kysyjä ${i}` })),
    );
    const sockets = await Promise.all(people.map((p) => connectReady(server, p.cookie)));
    const answers = await Promise.all(
      sockets.map((s) => call(s, 'library:discussion', { id: entry.id })),
    );
    const links = answers.map((res) => (res.ok ? res.data.discussion : res.error.code));
    expect(new Set(links.map((l) => JSON.stringify(l))).size).toBe(1);
    const roots = await MessageModel.countDocuments({
      conversationId: libraryChannelId,
      threadRootId: null,
      text: { $regex: entry.id },
    });
    expect(roots).toBe(1);
  });

  it("posts a starting entry's root as the League, not as whoever opens it first", async () => {
    const seeded = await LibraryEntryModel.findOne({
      seedKey: { $ne: null },
      discussionMessageId: null,
    }).lean();
    expect(seeded).not.toBeNull();
    const { discussion } = await ok(r, 'library:discussion', { id: String(seeded!._id) });
    const { messages } = await ok(r, 'message:history', {
      conversationId: discussion.conversationId,
    });
    const root = messages.find((m) => m.id === discussion.messageId);
    expect(root).toMatchObject({ author: null, systemAuthor: 'league', threadRootId: null });
    expect(root?.text).toContain(String(seeded!._id));
    // The reader's reply is an ordinary reply in the League's thread.
    const { message: reply } = await ok(r, 'message:send', {
      conversationId: discussion.conversationId,
      clientId: clientId(),
      text: 'Kokeilimme tätä',
      threadRootId: discussion.messageId,
    });
    expect(reply.author?.id).toBe(reader.id);
  });

  it('has no discussion for a draft, and a guest expert cannot start one', async () => {
    const { entry: draft } = await ok(a, 'library:create', { content: content('Luonnos') });
    expect(errorCode(await call(a, 'library:discussion', { id: draft.id }))).toBe('FORBIDDEN');
    expect(errorCode(await call(r, 'library:discussion', { id: draft.id }))).toBe('NOT_FOUND');
    const g = await connectReady(server, guest.cookie);
    const { entry } = await ok(a, 'library:publish', { id: draft.id });
    await LibraryEntryModel.updateOne(
      { _id: entry.id },
      { $set: { discussionMessageId: null, discussionConversationId: null } },
    );
    expect(errorCode(await call(g, 'library:discussion', { id: entry.id }))).toBe('FORBIDDEN');
  });
});
