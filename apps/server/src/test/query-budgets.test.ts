import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftContent } from '@yhteistyotila/protocol';
import { forgetPerson } from '../auth/people.js';
import { CommandCounter, listing, tally, type Command } from './command-counter.js';
import type { TestUser } from './factories.js';
import {
  connectTestDatabase,
  sleep,
  startTestServer,
  type TestServer,
  type TestSocket,
} from './harness.js';
import { ACTIVITY_WINDOW_MS } from '../features/conversations/conversation-activity.js';
import { PAGE_BLOCK } from '../features/conversations/message-keys.js';
import { storeHistory } from './stored-history.js';
import { clientId, connectAllReady, connectReady, createUsers, ok } from './sockets.js';
import { createUser } from './factories.js';

/**
 * Database commands per action, as Zulip's tests count queries: a change that adds a round trip
 * to a hot path fails here, naming the path and the count. Each budget is today's count, exact:
 * a cut fails too, until its budget is lowered here and in docs/BENCHMARKS.md ("Query budgets",
 * which also says where MongoDB would differ: nowhere in these warm states).
 *
 * Deterministic because each action runs alone from a quiet start to a quiet end (nothing in
 * flight, nothing started for a moment: CommandCounter), after the periodic jobs' first turn,
 * and each is measured the second time, right after the same action warmed this process's
 * caches: the conversation's last sequence number (sequence.ts), the names on messages
 * (auth/people.ts, forgotten first so that the warming call is the one that loads them), the
 * first connection's channel joins (done in the setup).
 */
const BUDGETS = {
  'message:send (channel)': 4,
  // +2 for its notification (features/notifications): the recipient's settings, one insert.
  'message:send (dm)': 6,
  // +5: the followers, which of them are still members, their blocks and settings, one insert.
  'message:send (thread reply)': 15,
  'message:history (page of two authors)': 5,
  // The counter's block holds 45 messages: its block, the one past it and one more, at once,
  // each in one batch.
  'message:history (newest page across blocks)': 6,
  // A thread's page adds its root (for its number): the walk stops at the root's block.
  'message:history (thread of two replies in a long channel)': 6,
  // A socket in the conversation's room: no membership read (accessThroughRoom).
  'conversation:sync (two changes, one author)': 4,
  'read:mark (unread left)': 6,
  'read:mark (to the newest)': 3,
  'handshake (connection)': 3,
  'search:query': 5,
  // The published entries, their terms and the hits' bodies are held in memory until a write.
  'library:list (browse)': 1,
  'library:list (search, one word)': 1,
  // The open questions are held in memory until a write to any question (lib/stamp.ts).
  'question:queue (expert)': 2,
  // Experts (features/experts): the people, and the stamp under which their profiles and
  // bookings are held in memory, whatever the number of experts.
  'experts:list (panel of two experts, one booking)': 2,
  // Notifications (features/notifications): a mention adds the recipients' settings and one
  // insertMany per 25 recipients (blockers are already out of the mentions).
  'message:send (mention)': 9,
  // The role check, the page, the unread count, what the reader may see (memberships, public
  // channels, blocks), the authors' names.
  'notification:list': 7,
} satisfies Record<string, number>;
type Path = keyof typeof BUDGETS;

let server: TestServer;
let counter: CommandCounter;
let alice: TestUser, bob: TestUser;
let a: TestSocket, b: TestSocket;
/** A private channel of Alice and Bob, and their DM. */
let channel: string, dm: string;

beforeAll(async () => {
  await connectTestDatabase({ monitorCommands: true });
  server = await startTestServer();
  const started = Date.now();
  counter = new CommandCounter();
  [alice, bob] = await createUsers(server, [
    { name: 'Aino Budjetti' },
    { name: 'Bertta Budjetti' },
  ]);
  // The first connection of each runs the default channels' auto-join: warmed here.
  [a, b] = await connectAllReady(server, [alice, bob]);
  channel = (await ok(a, 'channel:create', { name: 'Budjetit', visibility: 'private' }))
    .conversation.id;
  await ok(a, 'channel:invite', { conversationId: channel, userIds: [bob.id] });
  dm = (await ok(a, 'dm:open', { userIds: [bob.id] })).conversation.id;
  // Periodic jobs take their first turn a second after start (lib/lease.ts): let it pass.
  await sleep(Math.max(0, started + 1500 - Date.now()));
  await counter.quiet();
});
afterAll(() => server.close());

const send = (s: TestSocket, conversationId: string, text: string, threadRootId?: string) =>
  ok(s, 'message:send', { conversationId, clientId: clientId(), text, threadRootId });

/** Runs `action` once with the names on messages forgotten, so that it loads them. */
async function warm(action: () => Promise<unknown>): Promise<void> {
  for (const person of [alice, bob]) forgetPerson(person.id);
  await action();
}

/** Measures `action` and fails unless it issued exactly the budgeted number of commands. */
async function expectBudget(path: Path, action: () => Promise<unknown>): Promise<Command[]> {
  const commands = await counter.measure(action);
  const budget = BUDGETS[path];
  const line = `${path}: ${commands.length} commands, budget ${budget}: ${tally(commands)} (${listing(commands)})`;
  if (commands.length > budget) expect.fail(line);
  if (commands.length < budget)
    expect.fail(`${line}; fewer than budgeted: lower the budget here and in docs/BENCHMARKS.md`);
  return commands;
}

describe('database commands per hot path', () => {
  it('message:send in a channel', async () => {
    await send(a, channel, 'Ensimmäinen viesti');
    await expectBudget('message:send (channel)', () => send(a, channel, 'Toinen viesti'));
  });

  it('message:send in a DM', async () => {
    await send(a, dm, 'Hei Bertta');
    await expectBudget('message:send (dm)', () => send(a, dm, 'Vieläkö olet siellä?'));
  });

  it('message:send as a thread reply', async () => {
    const root = (await send(b, channel, 'Kokous torstaina?')).message;
    await warm(() => send(a, channel, 'Sopii minulle', root.id));
    await expectBudget('message:send (thread reply)', () =>
      send(a, channel, 'Kello kuusi?', root.id),
    );
  });

  it('sends in many DMs at the same moment share their inserts (group commit)', async () => {
    const senders = await createUsers(
      server,
      Array.from({ length: 8 }, (_, i) => ({ name: `Lähettäjä Budjetti ${i}` })),
    );
    const sockets = await connectAllReady(server, senders);
    const dms = await Promise.all(
      sockets.map(async (s) => (await ok(s, 'dm:open', { userIds: [alice.id] })).conversation.id),
    );
    await Promise.all(sockets.map((s, i) => send(s, dms[i]!, 'Hei Aino')));
    await counter.quiet();
    let sendsTookMs = 0;
    const commands = await counter.measure(async () => {
      const started = performance.now();
      await Promise.all(sockets.map((s, i) => send(s, dms[i]!, 'Nähdäänkö huomenna?')));
      sendsTookMs = performance.now() - started;
    });
    const inserts = (collection: string) =>
      commands.filter((c) => c.name === 'insert' && c.collection === collection).length;
    // Alone, each send would insert its claim, its message and its notification itself (8 of
    // each), and update its conversation: arriving together, they share a few of each (here
    // 2, 3, 4 and 1; the bound leaves room for a slow machine spreading the arrivals).
    const line = `8 sends at once in ${Math.round(sendsTookMs)} ms: ${tally(commands)} (${listing(commands)})`;
    for (const collection of ['conversationseqclaims', 'messages', 'notifications'])
      expect(inserts(collection), line).toBeLessThanOrEqual(5);
    // The conversations' bookkeeping is written once per window (conversation-activity.ts):
    // sends spread over more windows on a loaded machine (CI once took 3) may write once more
    // per window they span, never once per send.
    const windows = Math.ceil(sendsTookMs / ACTIVITY_WINDOW_MS) + 1;
    const updates = commands.filter((c) => c.name === 'update' && c.collection === 'conversations');
    expect(updates.length, line).toBeLessThanOrEqual(windows);
    for (const s of sockets) s.disconnect();
  });

  it('message:send with a mention (its notification)', async () => {
    await send(a, channel, '@**Bertta Budjetti** ensimmäinen');
    await expectBudget('message:send (mention)', () =>
      send(a, channel, '@**Bertta Budjetti** toinen'),
    );
  });

  it('the notification list', async () => {
    const list = () => ok(b, 'notification:list', {});
    await warm(async () => expect((await list()).notifications.length).toBeGreaterThan(0));
    await expectBudget('notification:list', list);
  });

  it('a history page', async () => {
    const page = () => ok(b, 'message:history', { conversationId: channel });
    let first: Awaited<ReturnType<typeof page>> | undefined;
    await warm(async () => (first = await page()));
    expect(new Set(first?.messages.map((m) => m.author?.id)).size).toBe(2);
    await expectBudget('message:history (page of two authors)', page);
  });

  it('a newest page that needs a block below the counter’s reads it in the first round', async () => {
    const history = (
      await ok(a, 'channel:create', { name: 'Pitkä historia', visibility: 'private' })
    ).conversation.id;
    await ok(a, 'channel:invite', { conversationId: history, userIds: [bob.id] });
    // 300 messages stored as a long-lived channel has them: the counter's block holds 45.
    const { seqs } = await storeHistory(history, PAGE_BLOCK * 2 + 44, {
      authorIds: [bob.id, alice.id],
      text: 'vanha viesti',
    });
    const page = () => ok(b, 'message:history', { conversationId: history, limit: 50 });
    await warm(async () => {
      expect((await page()).messages.map((m) => m.seq)).toEqual(seqs.slice(-50));
    });
    // Two blocks a round read the empty block past the counter and the counter's (45 messages),
    // then two more in a second round trip; a full block (128) came in two batches (101 + 27).
    const commands = await expectBudget('message:history (newest page across blocks)', page);
    expect(commands.filter((c) => c.collection === 'messages')).toHaveLength(3);
  });

  it('a thread page stops at its root’s block, however long the channel', async () => {
    const long = (await ok(a, 'channel:create', { name: 'Pitkä kanava', visibility: 'private' }))
      .conversation.id;
    await ok(a, 'channel:invite', { conversationId: long, userIds: [bob.id] });
    // Ten blocks of talk, then a question near the newest and two replies to it.
    const count = PAGE_BLOCK * 10 + 20;
    const replySeqs = new Set([count - 5, count - 2]);
    const { rootId } = await storeHistory(long, count, {
      authorIds: [bob.id, alice.id],
      text: 'kanavan viesti',
      thread: { rootSeq: count - 10, replySeqs },
    });
    const thread = () =>
      ok(b, 'message:history', { conversationId: long, threadRootId: String(rootId), limit: 50 });
    await warm(async () => {
      expect((await thread()).messages.map((m) => m.seq)).toEqual([...replySeqs]);
    });
    // Before, the walk went on to the first block for a 51st reply: 12 block reads.
    const commands = await expectBudget(
      'message:history (thread of two replies in a long channel)',
      thread,
    );
    expect(commands.filter((c) => c.collection === 'messages')).toHaveLength(3);
  });

  it('a sync (catch-up after a reconnect)', async () => {
    const since = (await send(a, channel, 'Ennen katkosta')).message.changeSeq;
    await send(a, channel, 'Katkoksen aikana 1');
    await send(a, channel, 'Katkoksen aikana 2');
    const sync = () =>
      ok(b, 'conversation:sync', { conversationId: channel, sinceChangeSeq: since });
    await warm(async () => expect((await sync()).messages).toHaveLength(2));
    await expectBudget('conversation:sync (two changes, one author)', sync);
  });

  it('read:mark, with unread messages left and to the newest', async () => {
    const m1 = (await send(a, channel, 'Lue tämä')).message;
    const m2 = (await send(a, channel, 'Ja tämä')).message;
    const m3 = (await send(a, channel, 'Ja vielä tämä')).message;
    await ok(b, 'read:mark', { conversationId: channel, seq: m1.seq });
    let readState: unknown;
    await expectBudget('read:mark (unread left)', async () => {
      ({ readState } = await ok(b, 'read:mark', { conversationId: channel, seq: m2.seq }));
    });
    expect(readState).toMatchObject({ readSeq: m2.seq, unreadCount: 1 });
    await expectBudget('read:mark (to the newest)', async () => {
      ({ readState } = await ok(b, 'read:mark', { conversationId: channel, seq: m3.seq }));
    });
    expect(readState).toMatchObject({ readSeq: m3.seq, unreadCount: 0, mentionCount: 0 });
  });

  it("a socket's handshake, until its rooms are joined", async () => {
    // Bob's first connection (in the setup) ran the auto-join; this is an ordinary reconnect.
    await expectBudget('handshake (connection)', () => server.connect({ cookie: bob.cookie }));
  });

  it('a search', async () => {
    const search = () => ok(b, 'search:query', { q: 'kokous' });
    await warm(async () => expect((await search()).hits).toHaveLength(1));
    await expectBudget('search:query', search);
  });

  it('a library browse and a library search', async () => {
    for (const body of ['Keinulauta pihalle.', 'Keinulauta kouluun.']) {
      const { entry } = await ok(a, 'library:create', {
        content: {
          ...draftContent({ title: 'Keinulauta', body, language: 'fi', level: 'national' }),
          themes: ['school'],
          steps: [1],
        },
      });
      await ok(a, 'library:publish', { id: entry.id });
    }
    await counter.quiet();
    // Warm: the first browse after the writes loads the catalogue (library.catalogue.ts).
    const browse = () => ok(b, 'library:list', { filters: { themes: ['school'] }, limit: 2 });
    await warm(async () => expect((await browse()).entries).toHaveLength(2));
    await expectBudget('library:list (browse)', browse);
    const search = () => ok(b, 'library:list', { q: 'keinulauta' });
    await warm(async () => expect((await search()).total).toBe(2));
    await expectBudget('library:list (search, one word)', search);
  });

  it("the experts' question queue", async () => {
    const expert = await createUser(server.application, { name: 'Eeva Budjetti', expert: true });
    const e = await connectReady(server, expert.cookie);
    for (const visibility of ['open', 'private'] as const)
      await ok(a, 'question:ask', {
        clientId: clientId(),
        topic: 'school',
        visibility,
        title: 'Budjetin kysymys',
        text: 'Kuinka monta kyselyä?',
      });
    const queue = () => ok(e, 'question:queue', {});
    await warm(async () => expect((await queue()).questions).toHaveLength(2));
    const commands = await expectBudget('question:queue (expert)', queue);
    // The person and the questions' stamp: no question is read while none was written.
    expect(listing(commands)).not.toContain('questions');
  });

  it('the experts panel', async () => {
    const experts = await createUsers(server, [
      { name: 'Eeva Budjetti', expert: true },
      { name: 'Erkki Budjetti', expert: true },
    ]);
    const sockets = await connectAllReady(server, experts);
    const hours = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '00:00',
      end: '23:30',
    }));
    for (const s of sockets)
      await ok(s, 'experts:save', {
        topics: ['Talous'],
        organisation: 'Vanhempainliitto',
        introduction: '',
        phone: '+358 40 000 0000',
        meetingLink: '',
        slotMinutes: 30,
        officeHours: hours,
      });
    const { slots } = await ok(a, 'experts:slots', { expertId: experts[0].id });
    const slot = slots.find((x) => Date.parse(x.start) > Date.now() + 3_600_000)!;
    await ok(a, 'meeting:book', {
      expertId: experts[0].id,
      start: slot.start,
      topic: 'Budjetti',
      mode: 'phone',
    });
    await counter.quiet();
    const panel = () => ok(b, 'experts:list', {});
    expect((await panel()).experts.filter((e) => e.bookable)).toHaveLength(2);
    await expectBudget('experts:list (panel of two experts, one booking)', panel);
    for (const s of sockets) s.disconnect();
  });
});
