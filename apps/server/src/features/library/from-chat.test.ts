import { libraryEntrySchema, type Conversation } from '@yhteistyotila/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/access-helpers.js';
import type { TestUser } from '../../test/factories.js';
import {
  barrier,
  collect,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../../test/harness.js';
import {
  call,
  clientId,
  connectAllReady,
  connectReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';
import { LibraryCreditModel } from './credits.model.js';
import { LibraryEntryModel } from './library-entry.model.js';

/*
 * "Save to library" and the credits of the people quoted, on a real server and database: a
 * public thread becomes a draft that links back to it; a private channel or a DM is refused;
 * each quoted person is asked live and named only after agreeing; an erased person's credit
 * goes.
 */

let server: TestServer;
let saver: TestUser, quoted: TestUser, other: TestUser, outsider: TestUser;
let s: TestSocket, q: TestSocket, o: TestSocket;
let general: Conversation;

const send = async (
  socket: TestSocket,
  conversationId: string,
  text: string,
  threadRootId?: string,
) =>
  (
    await ok(socket, 'message:send', {
      conversationId,
      clientId: clientId(),
      text,
      ...(threadRootId ? { threadRootId } : {}),
    })
  ).message;

beforeAll(async () => {
  server = await startTestServer();
  [saver, quoted, other, outsider] = await createUsers(server, [
    { name: 'Sanna Tallentaja' },
    { name: 'Kalle Kertoja' },
    { name: 'Olli Osallistuja' },
    { name: 'Ulla Ulkopuolinen' },
  ]);
  [s, q, o] = await connectAllReady(server, [saver, quoted, other] as const);
  const { conversations } = await ok(s, 'conversation:list', {});
  general = conversations.find((c) => c.defaultKey === 'yleinen')!;
});
afterAll(() => server.close());

describe('save to library from chat', () => {
  it('makes a prefilled draft of a public thread that links back, and asks each quoted person live', async () => {
    const root = await send(
      q,
      general.id,
      '## Vanhempainilta etänä\nPidimme illan verkossa ja osallistujia oli kaksi kertaa enemmän.',
    );
    await send(o, general.id, 'Meillä toimi sama, kun tallenne jaettiin jälkikäteen.', root.id);
    await send(s, general.id, 'Kiitos, kokeillaan!', root.id);
    const asked = collect(q, 'library:creditRequested');
    const askedOther = collect(o, 'library:creditRequested');

    const { entry } = await ok(s, 'library:fromChat', { messageId: root.id, wholeThread: true });
    libraryEntrySchema.parse(entry);
    expect(entry).toMatchObject({
      status: 'draft',
      title: 'Vanhempainilta etänä',
      language: 'fi',
      author: { id: saver.id },
      origin: { conversationId: general.id, messageId: root.id },
      credits: [],
    });
    expect(entry.body).toBe(
      [
        '> ## Vanhempainilta etänä\n> Pidimme illan verkossa ja osallistujia oli kaksi kertaa enemmän.',
        '> Meillä toimi sama, kun tallenne jaettiin jälkikäteen.',
        '> Kiitos, kokeillaan!',
      ].join('\n\n'),
    );
    // The quoted are not named in the text; each is asked (the saver is not).
    expect(entry.body).not.toContain('Kalle');
    await expect.poll(() => asked.length).toBe(1);
    await expect.poll(() => askedOther.length).toBe(1);
    expect(asked[0]).toMatchObject({
      entryId: entry.id,
      entryTitle: 'Vanhempainilta etänä',
      requestedBy: { id: saver.id },
      status: 'requested',
    });
    expect(await LibraryCreditModel.countDocuments({ entryId: entry.id })).toBe(2);

    // The draft is its author's only: the quoted person cannot open it yet.
    expect(errorCode(await call(q, 'library:get', { id: entry.id }))).toBe('NOT_FOUND');
    expect(server.contractViolations).toEqual([]);
  });

  it('saves a single message (a reply alone), titled by its first line with words', async () => {
    const root = await send(q, general.id, 'Aloitusviesti');
    const reply = await send(
      o,
      general.id,
      '- \n> **Vinkki:** pyydä rehtori mukaan\nheti alussa',
      root.id,
    );
    const { entry } = await ok(s, 'library:fromChat', { messageId: reply.id });
    expect(entry.title).toBe('**Vinkki:** pyydä rehtori mukaan');
    expect(entry.origin).toEqual({ conversationId: general.id, messageId: reply.id });
    // A whole thread only from its root.
    const res = await call(s, 'library:fromChat', { messageId: reply.id, wholeThread: true });
    expect(res.ok ? null : res.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      issues: [{ path: 'wholeThread', code: 'not_a_thread_root' }],
    });
  });

  it('refuses a private channel and a DM, and a message one cannot read answers NOT_FOUND', async () => {
    const { conversation: secret } = await ok(s, 'channel:create', {
      name: 'Hallituksen sisäinen',
      visibility: 'private',
    });
    await ok(s, 'channel:invite', { conversationId: secret.id, userIds: [quoted.id] });
    const inPrivate = await send(q, secret.id, 'Tämä jää meidän kesken.');
    const [entriesBefore, creditsBefore] = await Promise.all([
      LibraryEntryModel.countDocuments({}),
      LibraryCreditModel.countDocuments({ userId: quoted.id }),
    ]);
    expect(errorCode(await call(s, 'library:fromChat', { messageId: inPrivate.id }))).toBe(
      'FORBIDDEN',
    );

    const { conversation: dm } = await ok(s, 'dm:open', { userIds: [quoted.id] });
    const inDm = await send(q, dm.id, 'Kerron sinulle yksityisesti.');
    expect(errorCode(await call(s, 'library:fromChat', { messageId: inDm.id }))).toBe('FORBIDDEN');

    const u = await connectReady(server, outsider.cookie);
    expect(errorCode(await call(u, 'library:fromChat', { messageId: inPrivate.id }))).toBe(
      'NOT_FOUND',
    );
    // Nothing was written: no draft, nobody asked.
    expect(await LibraryEntryModel.countDocuments({})).toBe(entriesBefore);
    expect(await LibraryCreditModel.countDocuments({ userId: quoted.id })).toBe(creditsBefore);
  });
});

describe('credits of the people quoted', () => {
  it('names only those who agree, with one click each, live to whoever has the entry open', async () => {
    const root = await send(q, general.id, 'Vuosikello jaettiin kaikille vanhemmille.');
    await send(o, general.id, 'Me teimme saman.', root.id);
    const { entry } = await ok(s, 'library:fromChat', { messageId: root.id, wholeThread: true });

    const { requests } = await ok(q, 'library:creditRequests', {});
    expect(requests.find((r) => r.entryId === entry.id)).toMatchObject({
      status: 'requested',
      entryTitle: 'Vuosikello jaettiin kaikille vanhemmille.',
    });
    await ok(s, 'library:watch', { id: entry.id, editing: true });
    const heard = collect(s, 'library:entryUpdated');

    await ok(q, 'library:creditAnswer', { entryId: entry.id, accept: true });
    await ok(o, 'library:creditAnswer', { entryId: entry.id, accept: false });
    const { entry: read } = await ok(s, 'library:get', { id: entry.id });
    expect(read.credits.map((p) => p.name)).toEqual(['Kalle Kertoja']);
    await expect.poll(() => heard.length).toBe(2);
    // The broadcast carries the credits too, so an open entry shows them without a reload.
    expect(heard.at(-1)?.credits.map((p) => p.name)).toEqual(['Kalle Kertoja']);
    expect(
      (await ok(q, 'library:creditRequests', {})).requests.find((r) => r.entryId === entry.id)
        ?.status,
    ).toBe('accepted');

    // Only one's own request can be answered.
    expect(
      errorCode(await call(s, 'library:creditAnswer', { entryId: entry.id, accept: true })),
    ).toBe('NOT_FOUND');
  });

  it('deletes an erased person’s credits, so their name leaves the entry', async () => {
    const [leaver] = await createUsers(server, [
      { name: 'Lotta Lähtijä', password: 'salasana-joka-on-pitka-1' },
    ]);
    const l = await connectReady(server, leaver.cookie);
    const root = await send(l, general.id, 'Kyselimme vanhemmilta toiveita lomakkeella.');
    const { entry } = await ok(s, 'library:fromChat', { messageId: root.id });
    await ok(l, 'library:creditAnswer', { entryId: entry.id, accept: true });
    expect((await ok(s, 'library:get', { id: entry.id })).entry.credits.map((p) => p.name)).toEqual(
      ['Lotta Lähtijä'],
    );

    const res = await api(server, 'POST', '/me/delete', {
      cookie: leaver.cookie,
      body: { password: 'salasana-joka-on-pitka-1', mode: 'erase' },
    });
    expect(res.status).toBeLessThan(300);
    await expect.poll(() => LibraryCreditModel.countDocuments({ userId: leaver.id })).toBe(0);
    expect((await ok(s, 'library:get', { id: entry.id })).entry.credits).toEqual([]);
    await barrier(server, s);
  });
});
