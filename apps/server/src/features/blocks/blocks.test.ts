import { mentionToken, personalDataExportSchema } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, downloadMyData } from '../../test/access-helpers.js';
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
  callRaw,
  clientId,
  connectAllReady,
  createUsers,
  errorCode,
  ok,
} from '../../test/sockets.js';

/*
 * Issue 11, item 4: blocking a person. Bea blocks Kalle; Olli is a bystander in the same channel.
 */

let server: TestServer;
let bea: TestUser, kalle: TestUser, olli: TestUser;
let b1: TestSocket, b2: TestSocket, k: TestSocket, o: TestSocket;
/** A private channel of Bea with Kalle and Olli. */
let channel: string;
/** The 1:1 DM of Bea and Kalle, opened before the block. */
let dm: string;
const PASSWORD = 'kalle poistaa tilinsä';

beforeAll(async () => {
  server = await startTestServer();
  [bea, kalle, olli] = await createUsers(server, [
    { name: 'Bea Blomqvist' },
    { name: 'Kalle Kiusaaja', password: PASSWORD },
    { name: 'Olli Ohikulkija' },
  ]);
  [b1, b2, k, o] = await connectAllReady(server, [bea, bea, kalle, olli]);
  channel = (await ok(b1, 'channel:create', { name: 'Kerho', visibility: 'private' })).conversation
    .id;
  await ok(b1, 'channel:invite', { conversationId: channel, userIds: [kalle.id, olli.id] });
  dm = (await ok(k, 'dm:open', { userIds: [bea.id] })).conversation.id;
  await ok(k, 'message:send', { conversationId: dm, clientId: clientId(), text: 'Moi ennen' });
  await barrier(server, b1, b2, k, o);
});
afterAll(() => server.close());

const send = (s: TestSocket, conversationId: string, text: string, threadRootId?: string) =>
  call(s, 'message:send', {
    conversationId,
    clientId: clientId(),
    text,
    ...(threadRootId ? { threadRootId } : {}),
  });
const summaryOf = async (s: TestSocket, id: string) =>
  (await ok(s, 'conversation:list', {})).conversations.find((c) => c.id === id)!;

describe('blocking', () => {
  it('refuses oneself, an absent person and malformed input with stable codes', async () => {
    expect(errorCode(await call(b1, 'block:add', { userId: bea.id }))).toBe('VALIDATION_ERROR');
    const absent = await call(b1, 'block:add', { userId: 'a'.repeat(24) });
    expect(errorCode(absent)).toBe('NOT_FOUND');
    for (const bad of [{}, { userId: 'kalle' }, { userId: kalle.id, extra: 1 }, null, 'x'])
      expect(errorCode(await callRaw(b1, 'block:add', bad))).toBe('VALIDATION_ERROR');
    expect(errorCode(await callRaw(b1, 'block:remove', { userId: 42 }))).toBe('VALIDATION_ERROR');
    expect((await ok(b1, 'block:list', {})).blocked).toEqual([]);
  });

  it('lists the block and tells the blocker’s other tab, nobody else', async () => {
    const tab = collect(b2, 'block:changed');
    const blocked = collect(k, 'block:changed');
    const bystander = collect(o, 'block:changed');
    const { blocked: person } = await ok(b1, 'block:add', { userId: kalle.id });
    expect(person).toMatchObject({ id: kalle.id, name: 'Kalle Kiusaaja' });
    // Again: idempotent, one record.
    await ok(b1, 'block:add', { userId: kalle.id });
    expect((await ok(b1, 'block:list', {})).blocked.map((p) => p.id)).toEqual([kalle.id]);
    await expect.poll(() => tab.length, { timeout: 3000 }).toBeGreaterThan(0);
    expect(tab.at(-1)!.blocked.map((p) => p.id)).toEqual([kalle.id]);
    await barrier(server, k, o);
    expect([blocked.length, bystander.length]).toEqual([0, 0]);
    expect((await ok(o, 'block:list', {})).blocked).toEqual([]);
  });

  it('refuses the blocked person’s messages in the existing 1:1 DM with BLOCKED, and Bea’s too', async () => {
    const seen = collect(b1, 'message:created');
    const refused = await send(k, dm, 'Vastaa nyt');
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BLOCKED', message: 'this person does not take messages from you' },
    });
    // A thread reply in the DM is a message too.
    const root = (await ok(b1, 'message:history', { conversationId: dm })).messages[0]!;
    expect(errorCode(await send(k, dm, 'ketjuun', root.id))).toBe('BLOCKED');
    // The blocker cannot write past her own block either (she unblocks first).
    expect(errorCode(await send(b1, dm, 'Hei'))).toBe('BLOCKED');
    await barrier(server, b1);
    expect(seen).toEqual([]);
  });

  it('refuses every other write in the 1:1 DM across the block: react, edit, pin', async () => {
    const updated = collect(b1, 'message:updated');
    const own = (await ok(k, 'message:history', { conversationId: dm })).messages.find(
      (m) => m.author?.id === kalle.id,
    )!;
    const writes = [
      call(k, 'message:react', { messageId: own.id, emoji: '👍', reacted: true }),
      call(k, 'message:edit', { messageId: own.id, text: 'Muokattu blokin jälkeen' }),
      call(k, 'message:pin', { messageId: own.id, pinned: true }),
      call(b1, 'message:react', { messageId: own.id, emoji: '👍', reacted: true }),
    ];
    for (const res of await Promise.all(writes)) expect(errorCode(res)).toBe('BLOCKED');
    await barrier(server, b1);
    expect(updated).toEqual([]);
    const after = (await ok(b1, 'message:history', { conversationId: dm })).messages;
    expect(after.find((m) => m.id === own.id)).toMatchObject({ text: 'Moi ennen', pinned: false });
  });

  it('opens no 1:1 DM across the block, either way; a group DM with a third person opens', async () => {
    expect(errorCode(await call(k, 'dm:open', { userIds: [bea.id] }))).toBe('BLOCKED');
    expect(errorCode(await call(b1, 'dm:open', { userIds: [kalle.id] }))).toBe('BLOCKED');
    const group = await ok(k, 'dm:open', { userIds: [bea.id, olli.id] });
    expect((await send(k, group.conversation.id, 'Ryhmässä saa')).ok).toBe(true);
  });

  it('delivers the blocked person’s channel messages to everyone, but they are neither unread nor a mention for the blocker', async () => {
    await ok(b1, 'read:mark', { conversationId: channel, seq: 1_000_000 });
    await ok(o, 'read:mark', { conversationId: channel, seq: 1_000_000 });
    const toBea = collect(b1, 'message:created');
    const toOlli = collect(o, 'message:created');
    const sent = await send(
      k,
      channel,
      `${mentionToken('Bea Blomqvist')} ja ${mentionToken('Olli Ohikulkija')} kahvitauko`,
    );
    expect(sent.ok).toBe(true);
    const message = sent.ok ? sent.data.message : null;
    // Bea is not mentioned (a mention of her is not one); Olli is.
    expect(message?.mentions).toEqual([olli.id]);
    await expect.poll(() => [toBea.length, toOlli.length], { timeout: 3000 }).toEqual([1, 1]);
    // The same message to both: folding is the blocker's screen's (isFoldedFor), not the server's.
    expect(toBea[0]).toEqual(toOlli[0]);

    expect(await summaryOf(b1, channel)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    expect(await summaryOf(o, channel)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    // read:mark answers with the same counts.
    const { readState } = await ok(b1, 'read:mark', { conversationId: channel, seq: 0 });
    expect(readState).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    // History and catch-up carry it for both (the blocker opens it on click).
    const synced = await ok(b1, 'conversation:sync', {
      conversationId: channel,
      sinceChangeSeq: 0,
    });
    expect(synced.messages.some((m) => m.id === message?.id)).toBe(true);
  });

  it('counts no thread reply of the blocked person as unread for the blocker', async () => {
    const root = (await send(b1, channel, 'Oma aloitus')).ok;
    expect(root).toBe(true);
    const history = await ok(b1, 'message:history', { conversationId: channel });
    const rootId = history.messages.at(-1)!.id;
    expect((await send(k, channel, 'vastaus', rootId)).ok).toBe(true);
    expect((await send(o, channel, 'toinen vastaus', rootId)).ok).toBe(true);
    const threads = await ok(b1, 'thread:list', {});
    expect(threads.threads.find((t) => t.root.id === rootId)?.unreadCount).toBe(1);
  });

  it('finds no message of the blocked person for the blocker; others find it', async () => {
    expect((await send(k, channel, 'Mustikkapiirakka on valmis')).ok).toBe(true);
    expect((await send(o, channel, 'Mustikkapiirakka maistuu')).ok).toBe(true);
    const authorsFor = async (s: TestSocket) =>
      (await ok(s, 'search:query', { q: 'mustikkapiirakka' })).hits.map((h) => h.author?.id);
    await expect.poll(() => authorsFor(o), { timeout: 5000 }).toHaveLength(2);
    expect(await authorsFor(b1)).toEqual([olli.id]);
    expect((await ok(b1, 'search:query', { q: 'from:Kalle' })).hits).toEqual([]);
  });

  it('unblocking lets the DM work again and brings the counts back', async () => {
    const before = (await summaryOf(b1, channel)).unreadCount;
    await ok(b1, 'block:remove', { userId: kalle.id });
    await ok(b1, 'block:remove', { userId: kalle.id }); // idempotent
    expect((await ok(b1, 'block:list', {})).blocked).toEqual([]);
    expect((await send(k, dm, 'Kiitos')).ok).toBe(true);
    // Kalle's two top-level channel messages count again (the dropped mention stays dropped).
    expect(await summaryOf(b1, channel)).toMatchObject({
      unreadCount: before + 2,
      mentionCount: 0,
    });
  });
});

describe('the block list as personal data', () => {
  it('is in the blocker’s export only, and erasure of either person removes the records', async () => {
    await ok(b1, 'block:add', { userId: kalle.id });
    await ok(o, 'block:add', { userId: kalle.id });
    const mine = await downloadMyData(server, bea.cookie);
    const data = personalDataExportSchema.parse(mine.json);
    expect(data.sections.blocks).toEqual([expect.objectContaining({ blockedId: kalle.id })]);
    // Being blocked is the blocker's decision: it is not in the blocked person's export.
    const theirs = personalDataExportSchema.parse(
      (await downloadMyData(server, kalle.cookie)).json,
    );
    expect(theirs.sections.blocks ?? []).toEqual([]);

    const erased = await api(server, 'POST', '/me/delete', {
      cookie: kalle.cookie,
      body: { password: PASSWORD, mode: 'erase' },
    });
    expect(erased.status).toBe(204);
    const left = await mongoose.connection.collection('blocks').countDocuments({});
    expect(left).toBe(0);
    expect((await ok(b1, 'block:list', {})).blocked).toEqual([]);
  });

  it('is asked only with current consent', async () => {
    const [late] = await createUsers(server, [{ name: 'Myöhäinen' }]);
    await mongoose.connection
      .collection('users')
      .updateOne({ _id: new mongoose.Types.ObjectId(late.id) }, { $set: { consentVersion: null } });
    const s = await server.connect({ cookie: late.cookie });
    expect(errorCode(await call(s, 'block:add', { userId: olli.id }))).toBe('CONSENT_REQUIRED');
    expect(errorCode(await call(s, 'block:list', {}))).toBe('CONSENT_REQUIRED');
  });
});
