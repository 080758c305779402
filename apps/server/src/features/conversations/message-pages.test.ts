import { randomUUID } from 'node:crypto';
import type { Message } from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../db/migrations.js';
import { createLogger } from '../../log.js';
import type { TestUser } from '../../test/factories.js';
import { startTestServer, type TestServer, type TestSocket } from '../../test/harness.js';
import { storeHistory } from '../../test/stored-history.js';
import { clientId, connectAllReady, createUsers, ok } from '../../test/sockets.js';
import { PAGE_BLOCK, pageKeys } from './message-keys.js';
import { messageKeysMigration } from './message-keys.migration.js';
import { CounterModel, SeqClaimModel } from './conversation.model.js';
import { MessageModel } from './message.model.js';

/*
 * Flat history (message-keys.ts): pages and catch-up read blocks of numbers by equality. These
 * tests cross block edges on purpose, with a thread interleaved in the main timeline.
 */
let server: TestServer;
let alice: TestUser;
let a: TestSocket, b: TestSocket;
/** Members who take turns writing (each person may send 30 messages in 10 s). */
let writers: TestSocket[];
let channel: string;
const log = createLogger('silent');

beforeAll(async () => {
  server = await startTestServer();
  let bob: TestUser;
  [alice, bob] = await createUsers(server, [
    { name: 'Aino Sivu', role: 'moderator' },
    { name: 'Bertta Sivu' },
  ]);
  [a, b] = await connectAllReady(server, [alice, bob]);
  channel = (await ok(a, 'channel:create', { name: 'Sivutus', visibility: 'public' })).conversation
    .id;
  await ok(b, 'channel:join', { conversationId: channel });
  const others = await createUsers(
    server,
    Array.from({ length: 7 }, (_, i) => ({ name: `Kirjoittaja ${i + 1}` })),
  );
  writers = [a, ...(await connectAllReady(server, others))];
  for (const w of writers.slice(1)) await ok(w, 'channel:join', { conversationId: channel });
});
afterAll(() => server.close());

let turn = 0;
const send = async (text: string, threadRootId?: string) =>
  (
    await ok(writers[turn++ % writers.length]!, 'message:send', {
      conversationId: channel,
      clientId: clientId(),
      text,
      ...(threadRootId ? { threadRootId } : {}),
    })
  ).message;

/** Every page backwards from the newest, as the web client scrolls up. */
async function pageBackwards(limit: number, threadRootId?: string): Promise<string[]> {
  const texts: string[] = [];
  let before: number | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await ok(b, 'message:history', {
      conversationId: channel,
      limit,
      ...(threadRootId ? { threadRootId } : {}),
      ...(before !== undefined ? { before } : {}),
    });
    texts.unshift(...page.messages.map((m) => m.text));
    if (!page.hasMoreBefore) return texts;
    before = page.messages[0]!.seq;
  }
  throw new Error('history did not end');
}

/** Catch-up from a watermark until nothing more, as a reconnecting client does. */
async function catchUp(since: number): Promise<Message[]> {
  const seen: Message[] = [];
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await ok(b, 'conversation:sync', {
      conversationId: channel,
      sinceChangeSeq: since,
    });
    seen.push(...page.messages);
    if (!page.hasMore) return seen;
    since = page.messages.at(-1)!.changeSeq;
  }
  throw new Error('sync did not end');
}

const topLevel: string[] = [];
const replies: string[] = [];
let rootId: string;

describe('history pages across blocks', () => {
  it('pages the main timeline and a thread back and forth, each message once, in order', async () => {
    const root = await send('Ketjun aloitus');
    rootId = root.id;
    topLevel.push(root.text);
    // Two blocks and more: every third message a reply, so the main timeline has gaps.
    for (let i = 1; i <= PAGE_BLOCK + 80; i += 1) {
      if (i % 3 === 0) replies.push((await send(`vastaus ${i}`, rootId)).text);
      else topLevel.push((await send(`viesti ${i}`)).text);
    }
    expect(await pageBackwards(25)).toEqual(topLevel);
    expect(await pageBackwards(7, rootId)).toEqual(replies);

    // Forward pages after a jump.
    const forward: string[] = [];
    let after = 0;
    for (let more = true; more;) {
      const page = await ok(b, 'message:history', { conversationId: channel, after, limit: 30 });
      forward.push(...page.messages.map((m) => m.text));
      more = page.hasMoreAfter;
      after = page.messages.at(-1)?.seq ?? after;
    }
    expect(forward).toEqual(topLevel);

    // A permalink in the middle: the message with context on both sides.
    const target = (await ok(b, 'message:history', { conversationId: channel, limit: 100 }))
      .messages[20]!;
    const around = await ok(b, 'message:history', {
      conversationId: channel,
      around: target.id,
      limit: 10,
    });
    const texts = around.messages.map((m) => m.text);
    const at = topLevel.indexOf(target.text);
    expect(texts).toEqual(topLevel.slice(at - 5, at + 5));
  });

  it('finds the newest messages when the shared counter trails what other processes stored', async () => {
    // Another process handed out these numbers and stored the messages; its update of the
    // shared counter hint lost a race (sequence.ts), so the counter says less than is stored.
    const { counter } = await ok(b, 'conversation:sync', {
      conversationId: channel,
      sinceChangeSeq: 1e9,
    });
    const conversationId = new mongoose.Types.ObjectId(channel);
    const docs = Array.from({ length: PAGE_BLOCK * 2 + 10 }, (_, i) => {
      const seq = counter + 1 + i;
      return {
        conversationId,
        seq,
        changeSeq: seq,
        ...pageKeys({ conversationId, threadRootId: null, seq, changeSeq: seq }),
        clientId: randomUUID(),
        authorId: new mongoose.Types.ObjectId(alice.id),
        text: `toisesta prosessista ${i}`,
        createdAt: new Date(),
      };
    });
    await MessageModel.insertMany(docs);
    await SeqClaimModel.insertMany(docs.map(({ seq }) => ({ conversationId, seq })));

    const newest = await ok(b, 'message:history', { conversationId: channel, limit: 5 });
    expect(newest.messages.map((m) => m.text)).toEqual(docs.slice(-5).map((d) => d.text));
    const caughtUp = await catchUp(counter);
    expect(caughtUp.map((m) => m.text)).toEqual(docs.map((d) => d.text));
    topLevel.push(...docs.map((d) => d.text));
    expect(await pageBackwards(50)).toEqual(topLevel);
    // The other process's next update of the hint (this process learns of it on a collision).
    await CounterModel.updateOne({ _id: conversationId }, { $set: { value: docs.at(-1)!.seq } });
  });

  it('catch-up follows an edited old message into the block of its new change number', async () => {
    const first = (await ok(b, 'message:history', { conversationId: channel, after: 0, limit: 1 }))
      .messages[0]!;
    const newest = (await ok(b, 'message:history', { conversationId: channel, limit: 1 }))
      .messages[0]!;
    const counter = newest.changeSeq;
    await ok(a, 'message:edit', { messageId: first.id, text: 'Ketjun aloitus (muokattu)' });
    const caughtUp = await catchUp(counter);
    expect(caughtUp.map((m) => [m.id, m.text])).toEqual([[first.id, 'Ketjun aloitus (muokattu)']]);
    // Its place in the timeline does not move.
    const oldest = await ok(b, 'message:history', { conversationId: channel, after: 0, limit: 1 });
    expect(oldest.messages[0]!.text).toBe('Ketjun aloitus (muokattu)');
    topLevel[0] = 'Ketjun aloitus (muokattu)';
  });
});

describe('a thread in a long channel', () => {
  it('shows a reply numbered below its root (the older numbering), and nothing for an unknown root', async () => {
    const long = (await ok(a, 'channel:create', { name: 'Pitkä ketju', visibility: 'public' }))
      .conversation.id;
    await ok(b, 'channel:join', { conversationId: long });
    const count = PAGE_BLOCK * 6;
    // Before sequence.ts gave a reply at least its root's number, a process with an old last
    // number could take a hole far below the root: seq 100 here, the root at count - 10.
    const replies = new Set([100, count - 6, count - 3]);
    const { rootId } = await storeHistory(long, count, {
      authorIds: [alice.id],
      text: 'pitkän kanavan viesti',
      thread: { rootSeq: count - 10, replySeqs: replies },
    });
    const thread = await ok(b, 'message:history', {
      conversationId: long,
      threadRootId: String(rootId),
    });
    expect(thread.messages.map((m) => m.seq)).toEqual([...replies]);
    expect(thread.hasMoreBefore).toBe(false);
    const unknown = await ok(b, 'message:history', {
      conversationId: long,
      threadRootId: String(new mongoose.Types.ObjectId()),
    });
    expect(unknown.messages).toEqual([]);
  });
});

describe('messages stored before page keys', () => {
  it('are invisible to pages until the migration gives them their keys, in place', async () => {
    const conversationId = new mongoose.Types.ObjectId(channel);
    await MessageModel.collection.updateMany(
      { conversationId },
      { $unset: { pageKey: '', changeKey: '' } },
    );
    expect(
      (await ok(b, 'message:history', { conversationId: channel, limit: 5 })).messages,
    ).toHaveLength(0);

    await messageKeysMigration.up(log);
    expect(await pageBackwards(40)).toEqual(topLevel);
    expect(await pageBackwards(40, rootId)).toEqual(replies);
    expect(await MessageModel.countDocuments({ pageKey: { $exists: false } })).toBe(0);
  });
});

describe('the migration runner', () => {
  it('runs a migration once when two processes start together, and never again', async () => {
    let runs = 0;
    const migration = {
      id: `2026-12-01-test-${randomUUID()}`,
      async up() {
        runs += 1;
        await new Promise((r) => setTimeout(r, 300));
      },
    };
    const [first, second] = await Promise.all([
      runMigrations([migration], log),
      runMigrations([migration], log),
    ]);
    expect(runs).toBe(1);
    expect([...first, ...second]).toEqual([migration.id]);
    expect(await runMigrations([migration], log)).toEqual([]);
    expect(runs).toBe(1);
  });

  it('runs pending migrations in the order of their ids', async () => {
    const order: string[] = [];
    const tag = randomUUID();
    const make = (id: string) => ({ id, up: async () => void order.push(id) });
    const ids = [`2026-12-02-${tag}`, `2026-12-01-${tag}`, `2026-12-03-${tag}`];
    await runMigrations(ids.map(make), log);
    expect(order).toEqual([...ids].sort());
  });
});
