import { randomUUID } from 'node:crypto';
import {
  MAX_MESSAGE_LENGTH,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResult,
  type SearchResult,
} from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseInfo } from '../../db/connection.js';
import { createUser, type TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';

let server: TestServer;
let moderator: TestUser;
let aino: TestUser;
let pekka: TestUser;
let outsider: TestUser;
let guest: TestUser;
const sockets = new Map<string, TestSocket>();

async function call<E extends ClientEventName>(
  user: TestUser,
  event: E,
  payload: ClientEventPayload<E>,
): Promise<ClientEventResult<E>> {
  let socket = sockets.get(user.id);
  if (!socket) {
    socket = await server.connect({ cookie: user.cookie });
    sockets.set(user.id, socket);
  }
  const emit = socket.timeout(3000).emitWithAck as unknown as (
    e: E,
    p: unknown,
  ) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>;
  const res = await emit.call(socket.timeout(3000), event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${JSON.stringify(res.error)}`);
  return res.data as ClientEventResult<E>;
}

const search = (
  user: TestUser,
  q: string,
  extra: { limit?: number; before?: string } = {},
): Promise<SearchResult> => call(user, 'search:query', { q, ...extra });

/** Message id -> the label the test gave it. */
const ids = new Map<string, string>();
const texts = (r: SearchResult) => r.hits.map((h) => ids.get(h.messageId));

async function post(
  user: TestUser,
  conversationId: string,
  label: string,
  text: string,
  threadRootId?: string,
) {
  const { message } = await call(user, 'message:send', {
    conversationId,
    clientId: randomUUID(),
    text,
    ...(threadRootId ? { threadRootId } : {}),
  });
  ids.set(message.id, label);
  return message;
}

let publicId: string;
let privateId: string;
let dmId: string;
let deletedId: string;

beforeAll(async () => {
  server = await startTestServer();
  const app = server.application;
  moderator = await createUser(app, { role: 'moderator', name: 'Maija Meikäläinen' });
  aino = await createUser(app, { name: 'Aino Virtanen' });
  pekka = await createUser(app, { name: 'Pekka Korhonen' });
  outsider = await createUser(app, { name: 'Ulla Ulkopuolinen' });
  guest = await createUser(app, { role: 'guest', name: 'Vieras Asiantuntija' });

  publicId = (
    await call(moderator, 'channel:create', { name: 'Yhteinen piha', visibility: 'public' })
  ).conversation.id;
  await call(moderator, 'channel:join', { conversationId: publicId });
  await call(aino, 'channel:join', { conversationId: publicId });
  privateId = (
    await call(aino, 'channel:create', { name: 'Hallituksen kerho', visibility: 'private' })
  ).conversation.id;
  await call(aino, 'channel:invite', { conversationId: privateId, userIds: [pekka.id] });
  dmId = (await call(aino, 'dm:open', { userIds: [pekka.id] })).conversation.id;

  // Oldest first; every hit list below is expected newest first.
  const root = await post(
    moderator,
    publicId,
    'public-talkoot',
    'Päiväkodin pihalla oli **vanhempainyhdistyksen** talkoot.',
  );
  await post(aino, publicId, 'public-reply', 'Kiitos vanhempainyhdistykselle talkoista!', root.id);
  await post(aino, privateId, 'private-budget', 'Vanhempainyhdistys päättää budjetista tiistaina.');
  await post(aino, dmId, 'dm-kids', 'Lasten harrastukset maksavat liikaa, eikö?');
  const deleted = await post(
    moderator,
    publicId,
    'public-deleted',
    'Vanhempainyhdistys poistettava viesti',
  );
  deletedId = deleted.id;
  await call(moderator, 'message:delete', { messageId: deletedId });
  await post(moderator, publicId, 'public-kunta', 'Kunnan uusi päiväkoti aukeaa elokuussa.');
});

afterAll(async () => {
  expect(server.contractViolations).toEqual([]);
  await server.close();
});

describe('search:query', () => {
  it('finds inflected Finnish forms across the conversations the reader may see, the form as typed first', async () => {
    const all = ['private-budget', 'public-reply', 'public-talkoot'];
    for (const q of [
      'vanhempainyhdistys',
      'vanhempainyhdistyksen',
      'vanhempainyhdistykselle',
      'Vanhempainyhdistyksellä',
    ]) {
      expect(new Set(texts(await search(aino, q))), q).toEqual(new Set(all));
    }
    // The message with the word as typed first, then the other forms newest first.
    expect(texts(await search(aino, 'vanhempainyhdistys'))).toEqual(all);
    expect(texts(await search(aino, 'vanhempainyhdistyksen'))).toEqual([
      'public-talkoot',
      'private-budget',
      'public-reply',
    ]);
    expect(texts(await search(aino, 'vanhempainyhdistykselle'))).toEqual([
      'public-reply',
      'private-budget',
      'public-talkoot',
    ]);
    expect(texts(await search(aino, 'Vanhempainyhdistyksellä'))).toEqual(all);
    expect(texts(await search(pekka, 'lapsi'))).toEqual(['dm-kids']);
    expect(texts(await search(aino, 'päiväkoti'))).toEqual(['public-kunta', 'public-talkoot']);
    expect(texts(await search(aino, 'päiväkodissa kunta'))).toEqual(['public-kunta']);
  });

  it('returns what opens the message in context, with a snippet that marks the matches', async () => {
    const { hits } = await search(pekka, 'vanhempainyhdistykselle');
    const reply = hits.find((h) => ids.get(h.messageId) === 'public-reply')!;
    expect(reply).toMatchObject({
      conversationId: publicId,
      conversationKind: 'channel',
      conversationName: 'Yhteinen piha',
      author: { id: aino.id, name: 'Aino Virtanen' },
      threadRootId: expect.any(String),
      snippet: 'Kiitos vanhempainyhdistykselle talkoista!',
    });
    expect(reply.highlights.map((h) => reply.snippet.slice(h.start, h.end))).toEqual([
      'vanhempainyhdistykselle',
    ]);
    const talkoot = hits.find((h) => ids.get(h.messageId) === 'public-talkoot')!;
    expect(talkoot.snippet).toBe('Päiväkodin pihalla oli vanhempainyhdistyksen talkoot.');

    const dm = (await search(pekka, 'harrastus')).hits[0]!;
    expect(dm).toMatchObject({
      conversationId: dmId,
      conversationKind: 'dm',
      conversationName: 'Aino Virtanen',
    });
  });

  it('matches the start of a word from three characters on', async () => {
    expect(texts(await search(aino, 'vanhempainyhd'))).toEqual([
      'private-budget',
      'public-reply',
      'public-talkoot',
    ]);
    expect(texts(await search(aino, 'elokuu'))).toEqual(['public-kunta']);
    expect(texts(await search(aino, 'vanhempainyhd tiistaina'))).toEqual(['private-budget']);
    expect(texts(await search(aino, 'el'))).toEqual([]);
  });

  it('filters by channel with in: and by author with from:', async () => {
    expect(texts(await search(aino, 'vanhempainyhdistys in:"yhteinen piha"'))).toEqual([
      'public-reply',
      'public-talkoot',
    ]);
    expect(texts(await search(aino, 'vanhempainyhdistys in:"Hallituksen kerho"'))).toEqual([
      'private-budget',
    ]);
    expect(texts(await search(aino, 'vanhempainyhdistys in:#hallit'))).toEqual(['private-budget']);
    expect(texts(await search(aino, 'vanhempainyhdistys from:@Maija'))).toEqual(['public-talkoot']);
    expect(texts(await search(aino, 'from:"aino virtanen" in:"yhteinen piha"'))).toEqual([
      'public-reply',
    ]);
    expect(texts(await search(aino, 'päiväkoti from:meikäläinen'))).toEqual([
      'public-kunta',
      'public-talkoot',
    ]);
    expect(texts(await search(aino, 'vanhempainyhdistys from:Nobody'))).toEqual([]);
    expect(texts(await search(aino, 'vanhempainyhdistys in:olematon'))).toEqual([]);
  });

  it('never shows a private channel or a DM to someone outside it', async () => {
    expect(texts(await search(outsider, 'vanhempainyhdistys'))).toEqual([
      'public-reply',
      'public-talkoot',
    ]);
    expect(texts(await search(outsider, 'vanhempainyhdistys in:hallituksen'))).toEqual([]);
    expect(texts(await search(outsider, 'lapsi'))).toEqual([]);
    expect(texts(await search(outsider, 'from:@Aino'))).toEqual(['public-reply']);
    // Guests read only the channels they were invited to.
    expect(texts(await search(guest, 'vanhempainyhdistys'))).toEqual([]);
  });

  it('leaves out deleted messages', async () => {
    expect(texts(await search(moderator, 'poistettava'))).toEqual([]);
    expect(texts(await search(moderator, 'from:@Maija'))).not.toContain('public-deleted');
  });

  it('pages newest first with a cursor', async () => {
    const first = await search(aino, 'vanhempainyhdistys', { limit: 2 });
    expect(texts(first)).toEqual(['private-budget', 'public-reply']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await search(aino, 'vanhempainyhdistys', {
      limit: 2,
      before: first.nextCursor!,
    });
    expect(texts(second)).toEqual(['public-talkoot']);
    expect(second.nextCursor).toBeNull();
    // A cursor handed out before ranking (newest-first position) still pages on from there.
    const [second0] = first.hits.slice(-1);
    const legacy = Buffer.from(
      `${new Date(second0!.createdAt).getTime()}:${second0!.messageId}`,
    ).toString('base64url');
    expect(texts(await search(aino, 'vanhempainyhdistys', { before: legacy }))).toEqual([
      'public-talkoot',
    ]);
  });

  it('finds an edited message by its new words only', async () => {
    const m = await post(pekka, privateId, 'private-edit', 'Koulun kevätjuhla');
    await call(pekka, 'message:edit', { messageId: m.id, text: 'Koulun syysjuhla' });
    expect(texts(await search(aino, 'syysjuhlassa'))).toEqual(['private-edit']);
    expect(texts(await search(aino, 'kevätjuhla'))).toEqual([]);
  });

  it('stores the longest message of many distinct long words, and finds it by its words', async () => {
    // FerretDB builds its terms index as one btree row per message, which PostgreSQL refuses
    // past 2,704 bytes (search/terms-that-fit.ts): this message's terms were 7 KB.
    const letters = 'abcdefghijklmnoprstuvy';
    let seed = 12345;
    const letter = () => letters[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 22];
    const words: string[] = [];
    while (words.join(' ').length + 16 <= MAX_MESSAGE_LENGTH)
      words.push('k' + Array.from({ length: 14 }, letter).join(''));
    const text = words.join(' ');
    expect(new Set(words).size).toBe(words.length);
    expect(text.length).toBeGreaterThan(MAX_MESSAGE_LENGTH - 16);
    await post(aino, publicId, 'public-long', text);
    // Found by its first words everywhere; on FerretDB the terms past the row limit are dropped.
    expect(texts(await search(pekka, words[0]!))).toEqual(['public-long']);
    expect(texts(await search(pekka, words[9]!))).toEqual(['public-long']);
    if ((await databaseInfo()).kind === 'mongodb')
      expect(texts(await search(pekka, words.at(-1)!))).toEqual(['public-long']);
    // An edit of it is refused no more than the send was.
    const edited = `${text.slice(0, -16)} ${words[0]!.slice(0, 14)}`;
    const m = [...ids].find(([, label]) => label === 'public-long')![0];
    await call(aino, 'message:edit', { messageId: m, text: edited });
  });

  it('refuses malformed queries and cursors, and answers an empty query with nothing', async () => {
    const socket = sockets.get(aino.id)!;
    const emitRaw = socket.timeout(2000).emitWithAck as unknown as (
      e: string,
      p: unknown,
    ) => Promise<unknown>;
    for (const bad of [
      {},
      { q: '' },
      { q: 'x'.repeat(201) },
      { q: 'a', limit: 0 },
      { q: 'a', extra: 1 },
      { q: 'a', before: 'bm90LWEtY3Vyc29y' },
    ]) {
      expect(await emitRaw.call(socket.timeout(2000), 'search:query', bad)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION_ERROR' },
      });
    }
    expect(await search(aino, '!!! ...')).toEqual({ hits: [], nextCursor: null, didYouMean: null });
  });

  it('looks a word up through the terms index (MongoDB only)', async (ctx) => {
    if ((await databaseInfo()).kind === 'ferretdb') {
      console.log(
        'skipped explain(): FerretDB plans differ; the multikey index is declared on the Message schema',
      );
      ctx.skip();
    }
    const plan = await mongoose.connection
      .db!.collection('messages')
      .find({
        conversationId: { $in: [new mongoose.Types.ObjectId(publicId)] },
        deletedAt: null,
        terms: 'vanhempainyhdistys',
      })
      .sort({ createdAt: -1, _id: -1 })
      .limit(21)
      .explain();
    expect(JSON.stringify(plan)).toContain('IXSCAN');
  });
});
